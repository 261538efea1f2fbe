/* Jixiao reference portal: league table, department page with the five-dimension radar, live updates.
   Plain JavaScript, no build step; charts with Apache ECharts served by the gateway. */
(function () {
  'use strict';
  const T = {
    zh: { brand: '绩效门户', period: '考核年度', logout: '退出', live: '实时动态', liveIdle: '未连接', liveOn: '已连接，等待新结果',
      login: '登录', signIn: '登录', signInWith: '通过统一身份认证登录（本地运行为演示签发）。',
      signInCancelled: '已取消登录。', signInFailed: '登录未成功，请重试。', signInStale: '登录已过期或来自其他页面，请重新登录。',
      signInRefused: '登录凭证未被接受，请联系管理员核对身份认证配置。',
      noIssuer: '身份认证服务暂不可用，请稍后重试。', league: '综合绩效排名', rank: '名次', name: '部门',
      composite: '综合得分', grade: '等级', light: '灯', coverage: '覆盖率', flags: '标记', warnings: '预警',
      redProjects: '红灯预算项目', overdue: '逾期整改', none: '暂无', unavailable: '暂不可用', forbidden: '无权查看', unpublished: '考评结果尚未公布，公布后可查看',
      notFound: '本期暂无数据', total: '指标总分', lastYear: '上年', dimension: '维度', yearChange: '同比', radar: '五维雷达图', lines: '指标与信号灯',
      indicator: '指标', score: '得分', status: '状态', breakdown: '360度评价构成', party: '评价方', weight: '权重',
      counted: '计入', trimmed: '剔除', satisfaction: '公众满意度', sample: '样本量', interval: '95%区间',
      budget: '预算执行', approved: '批复', spent: '已执行', project: '项目', cases: '差评整改', due: '期限',
      back: '返回排名', provisional: '暂定', cycle: '考评周期', updated: '更新', shownOf: '显示前 %n 名，共 %t 个部门',
      SUPERIOR: '上级', PUBLIC: '公众', THIRD_PARTY: '第三方', PEER: '同级', SELF: '自评',
      EXCELLENT: '优秀', GOOD: '良好', PASS: '合格', FAIL: '不合格',
      scorecard: '指标得分', result: '考评结果', warning: '预算预警', OPEN: '待答复', ANSWERED: '已答复', CLOSED: '已办结',
      admin: '绩效办', superior: '上级领导', department: '部门', finance: '财政', GREEN: '绿灯', YELLOW: '黄灯', RED: '红灯',
      INCOMPLETE: '参评方不全', DIVERGENCE: '背离', SCORED: '已评分', MISSING: '未报送', NOT_APPLICABLE: '不适用',
      CITIZEN: '办事群众', ENTERPRISE: '企业', PARTNER: '合作单位', group: '评价群体', surveys: '满意度调查',
      S_DRAFT: '未发布', S_OPEN: '进行中', S_CLOSED: '已结束', answerPage: '答题页',
      C_DRAFT: '草拟中', C_OPEN: '评价中', C_CLOSED: '评价已截止', C_FINALIZED: '结果已核定', C_PUBLISHED: '结果已公布',
      GATE_CAPPED: '一票否决封顶', DISPERSED: '评分分歧大', SUSPICIOUS_HIGH: '异常偏高待核',
      scorecardLeague: '指标得分排名', xlsx: '导出 Excel', xlsxFailed: '导出未成功：', execution: '执行率',
      shownItems: '显示 %n 项，共 %t 项', history: '指标配置变更', revision: '版本', changedAt: '时间', changedBy: '调整人',
      reason: '原因', totalChange: '总分', firstConfig: '首次配置', unknownAuthor: '未记录', goal: '目标得分', executionRate: '执行率',
      disposalOpen: '待处置', disposalSince: '%d起待处置', DISSATISFIED: '不满意', VERY_DISSATISFIED: '非常不满意',
      cycleSubjects: '%n个部门', rateNav: '我的评分', rateTitle: '我的评分任务', rated: '已评', notRated: '未评',
      submitRating: '提交评分', updateRating: '更新评分', ratingSaved: '已提交，综合得分随之更新。',
      ratingReplaced: '已更新：之前的评分已被替换（台账保留原记录）。', comment: '评语（选填）', noTasks: '没有进行中的考评周期需要您评分。',
      ratedOf: '已评 %n / 共 %t', ratingFailed: '未提交：', STRATEGIC_FIT: '战略契合度', GOAL_ACHIEVEMENT: '目标完成度',
      progress: '评分进度', pendingRatings: '待评 %n 项', VOIDED: '已作废', answer: '答复', sendAnswer: '提交答复',
      reviseAnswer: '修改答复', closingNote: '办结说明（回访情况）', closeCase: '办结', answerSaved: '已答复，期限内答复计入按时答复率。',
      caseClosed: '已办结。', closedNote: '办结说明', appeals: '申诉', A_SUBMITTED: '待复核', A_ACCEPTED: '已采纳',
      A_REJECTED: '未采纳', appealReason: '申诉理由', decisionNote: '复核意见', sendAppeal: '提交申诉', rejectAppeal: '驳回申诉',
      acceptAppeal: '采纳并更正结果', amendedTotal: '更正后的指标总分（选填）', amendedIndex: '更正后的满意度指数（选填）',
      appealUntil: '申诉期至 %d', appealClosed: '申诉期已于 %d 截止', noAppeals: '暂无申诉', appealSent: '申诉已提交，待考核办复核。',
      appealRejected: '已驳回。', submittedOn: '提交于 %d', qualityNav: '数据质量', qualityTitle: '待复核的数据质量标记',
      qualityOffice: '暂缓计分的数值经采纳后计入得分，驳回则不计；僵尸指标可保留或自下一年度起停用。',
      qualityOwn: '以下数值暂缓计分，待考核办复核。', noFlags: '没有待复核的数据质量标记。', reviewNote: '复核说明（选填）',
      reported: '报送值', ZOMBIE: '僵尸指标', SUSPICIOUS_HIGH: '疑似虚高', OUTLIER: '异常波动', H_ACCEPT: '采纳（计入得分）',
      H_REJECT: '驳回（不计分）', Z_ACCEPT: '保留指标', Z_RETIRE: '下一年度起停用', F_ACCEPTED: '已采纳', F_REJECTED: '已驳回',
      F_RETIRED: '已停用', F_WITHDRAWN: '已撤回', measure: '处置措施', disposalNote: '处置说明', dispose: '处置',
      D_RECTIFY: '限期整改', D_SUSPEND: '暂停拨款', D_WITHDRAW: '收回资金', disposed: '已处置：%a', importNav: '数据报送',
      importTitle: '数据报送', importFile: '导入数值文件', importHelp: 'CSV 或 Excel 文件，列为 subject, indicator, period, value, level, source, evidenceUrl, correctionReason；更正已报送的数值须填写原因。',
      importTemplate: '下载 %p 年度模板（%n 个指标）', importChoose: '文件（.csv 或 .xlsx）', importPartial: '部分导入：有误的行跳过，其余写入',
      importSend: '导入', importRecent: '最近的导入', importRows: '行数', importStored: '写入', importRejected: '拒绝',
      importCorrected: '更正', importHeld: '暂缓计分', importRecomputed: '重算记分卡', importChecked: '已校验 %n / %t 行', importRetrying: '进度暂时无法读取（%s），稍后自动重试；导入在服务端继续。', importWritten: '已写入 %n / %t 行',
      importLine: '行', importField: '字段', importWhy: '原因', I_QUEUED: '排队中', I_CHECKING: '校验中', I_WRITING: '写入中',
      I_DONE: '已完成', I_REJECTED: '未导入（有误的行见下）', I_FAILED: '失败', COLLABORATION: '协作配合', RESPONSIVENESS: '响应及时性', PROFESSIONAL_COMPLIANCE: '专业合规性', SERVICE_QUALITY: '服务质量' },
    en: { brand: 'Jixiao portal', period: 'Year', logout: 'Sign out', live: 'Live', liveIdle: 'Not connected',
      liveOn: 'Connected, waiting for new results', login: 'Sign in', signIn: 'Sign in',
      signInWith: "Sign in with your organisation's identity provider (the demo issuer in the local run).",
      signInCancelled: 'Sign-in cancelled.', signInFailed: 'Sign-in did not succeed; please try again.',
      signInStale: 'That sign-in expired or came from another page; please sign in again.',
      signInRefused: 'The API did not accept the sign-in; ask your administrator to check the identity provider.',
      noIssuer: 'The identity provider cannot be reached; please try again later.',
      league: 'League table', rank: 'Rank', name: 'Department', composite: 'Composite', grade: 'Grade', light: 'Light',
      coverage: 'Coverage', flags: 'Flags', warnings: 'Warnings', redProjects: 'Red budget projects',
      overdue: 'Overdue rectifications', none: 'None', unavailable: 'Unavailable', forbidden: 'Not visible to you', unpublished: 'Not published yet: shown once the results are published',
      notFound: 'Nothing for this period', total: 'Scorecard total', lastYear: 'Last year', dimension: 'Dimension',
      yearChange: 'Change', radar: 'Five dimensions',
      lines: 'Indicators and lights', indicator: 'Indicator', score: 'Score', status: 'Status',
      breakdown: '360° breakdown', party: 'Party', weight: 'Weight', counted: 'Counted', trimmed: 'Trimmed',
      satisfaction: 'Public satisfaction', sample: 'n', interval: '95% interval', budget: 'Budget', approved: 'Approved',
      spent: 'Spent', project: 'Project', cases: 'Bad-review cases', due: 'Due', back: 'Back to the league',
      provisional: 'provisional', cycle: 'Cycle', updated: 'updated', shownOf: 'Showing the top %n of %t departments',
      SUPERIOR: 'Superior', PUBLIC: 'Public', THIRD_PARTY: 'Third party', PEER: 'Peer', SELF: 'Self',
      EXCELLENT: 'Excellent', GOOD: 'Good', PASS: 'Pass', FAIL: 'Fail', scorecard: 'Scorecard', result: 'Result',
      warning: 'Budget warning', OPEN: 'Open', ANSWERED: 'Answered', CLOSED: 'Closed',
      admin: 'Performance office', superior: 'Superior', department: 'Department', finance: 'Finance',
      GREEN: 'green', YELLOW: 'yellow', RED: 'red', INCOMPLETE: 'incomplete', DIVERGENCE: 'divergence', SCORED: 'scored',
      MISSING: 'missing', NOT_APPLICABLE: 'n/a', CITIZEN: 'Citizens', ENTERPRISE: 'Enterprises', PARTNER: 'Partner institutions',
      group: 'Group', surveys: 'Surveys', S_DRAFT: 'Draft', S_OPEN: 'Open', S_CLOSED: 'Closed', answerPage: 'answer page',
      C_DRAFT: 'draft', C_OPEN: 'open for ratings', C_CLOSED: 'closed', C_FINALIZED: 'finalized', C_PUBLISHED: 'published',
      GATE_CAPPED: 'capped by a gate', DISPERSED: 'dispersed ratings', SUSPICIOUS_HIGH: 'suspiciously high, held',
      scorecardLeague: 'Scorecard ranking', xlsx: 'Excel workbook', xlsxFailed: 'The export did not succeed: ',
      execution: 'spent', shownItems: 'Showing %n of %t', history: 'Scorecard changes',
      revision: 'Rev.', changedAt: 'When', changedBy: 'By', reason: 'Reason', totalChange: 'Total',
      firstConfig: 'first configuration', unknownAuthor: 'not recorded', goal: 'Goal score', executionRate: 'Execution',
      disposalOpen: 'disposal pending', disposalSince: 'disposal pending since %d', DISSATISFIED: 'dissatisfied',
      VERY_DISSATISFIED: 'very dissatisfied', cycleSubjects: '%n departments', rateNav: 'My ratings',
      rateTitle: 'My rating tasks', rated: 'Rated', notRated: 'Not rated', submitRating: 'Submit rating',
      updateRating: 'Update rating', ratingSaved: 'Submitted; the composite follows.',
      ratingReplaced: 'Updated: the earlier rating is replaced (the ledger keeps it).', comment: 'Comment (optional)',
      noTasks: 'No open evaluation cycle has ratings for you to give.', ratedOf: '%n of %t rated',
      ratingFailed: 'Not submitted: ', STRATEGIC_FIT: 'Strategic fit', GOAL_ACHIEVEMENT: 'Goal achievement',
      progress: 'Rating progress', pendingRatings: '%n ratings not given yet', VOIDED: 'Voided', answer: 'Answer',
      sendAnswer: 'Send answer', reviseAnswer: 'Revise the answer', closingNote: 'Closing note (the follow-up with the citizen)',
      closeCase: 'Close the case', answerSaved: 'Answered; an answer by the due date counts as on time.', caseClosed: 'Closed.',
      closedNote: 'Closing note', appeals: 'Appeals', A_SUBMITTED: 'Under review', A_ACCEPTED: 'Accepted',
      A_REJECTED: 'Rejected', appealReason: 'Reason', decisionNote: "The office's decision", sendAppeal: 'Lodge the appeal',
      rejectAppeal: 'Reject the appeal', acceptAppeal: 'Accept and amend the result',
      amendedTotal: 'Corrected scorecard total (optional)', amendedIndex: 'Corrected satisfaction index (optional)',
      appealUntil: 'Appeals until %d', appealClosed: 'The appeal window closed on %d', noAppeals: 'No appeals',
      appealSent: 'Appeal lodged; the office will review it.', appealRejected: 'Rejected.', submittedOn: 'lodged %d',
      qualityNav: 'Data quality', qualityTitle: 'Data-quality flags to review',
      qualityOffice: 'A held value counts once accepted and never once rejected; a zombie indicator is kept or retired from the next year.',
      qualityOwn: 'These values are held, not scored, until the office reviews them.', noFlags: 'No data-quality flag waits for review.',
      reviewNote: 'Note (optional)', reported: 'reported', ZOMBIE: 'Zombie indicator', SUSPICIOUS_HIGH: 'Suspiciously high',
      OUTLIER: 'Outlier', H_ACCEPT: 'Accept (it counts)', H_REJECT: 'Reject (it never counts)', Z_ACCEPT: 'Keep the indicator',
      Z_RETIRE: 'Retire from next year', F_ACCEPTED: 'Accepted', F_REJECTED: 'Rejected', F_RETIRED: 'Retired', F_WITHDRAWN: 'Withdrawn',
      measure: 'Measure', disposalNote: 'Note', dispose: 'Dispose', D_RECTIFY: 'Rectify by a deadline', D_SUSPEND: 'Suspend payments',
      D_WITHDRAW: 'Withdraw the funds', disposed: 'Disposed: %a', importNav: 'Report values', importTitle: 'Report values',
      importFile: 'Import a file of values', importHelp: 'A CSV or Excel file with the columns subject, indicator, period, value, level, source, evidenceUrl, correctionReason; correcting a value already reported needs a reason.',
      importTemplate: 'Download the %p template (%n indicators)', importChoose: 'File (.csv or .xlsx)',
      importPartial: 'Partial: skip the rows in error, write the rest', importSend: 'Import', importRecent: 'Recent imports',
      importRows: 'Rows', importStored: 'stored', importRejected: 'refused', importCorrected: 'corrected', importHeld: 'held for review',
      importRecomputed: 'scorecards recomputed', importChecked: '%n of %t rows checked', importRetrying: 'The progress cannot be read just now (%s); trying again. The import goes on in the service.', importWritten: '%n of %t rows written', importLine: 'Line', importField: 'Field', importWhy: 'Reason',
      I_QUEUED: 'Queued', I_CHECKING: 'Checking', I_WRITING: 'Writing', I_DONE: 'Done', I_REJECTED: 'Not imported (the rows in error below)',
      I_FAILED: 'Failed', COLLABORATION: 'Collaboration', RESPONSIVENESS: 'Responsiveness', PROFESSIONAL_COMPLIANCE: 'Professional compliance',
      SERVICE_QUALITY: 'Service quality' }
  };
  const DIMS = ['POLITICAL', 'PUBLIC', 'FINANCIAL', 'PROCESS', 'LEARNING'];
  const state = { lang: localStorage.getItem('jx.lang') || 'zh', token: sessionStorage.getItem('jx.token'),
    period: null, years: null, subjects: {}, chart: null, live: null, refresh: null, gen: 0, provider: null, signInError: null, feed: [] };
  const $ = (s, r) => (r || document).querySelector(s);
  const t = k => (T[state.lang][k] !== undefined ? T[state.lang][k] : k);
  const esc = v => String(v === null || v === undefined ? '' : v).replace(/[&<>"']/g,
    c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
  // A number as people see it, to 2 decimals unless told: rounded half-up on the decimal the service sent, as the
  // services round before they decide a grade or a light (89.995 is 90.00 and EXCELLENT). toFixed would round the
  // binary double instead, and show 90.145 as 90.14.
  const num = (v, d) => {
    const places = d === undefined ? 2 : d;
    if (v === null || v === undefined || v === '' || !isFinite(Number(v))) return '—';
    const x = Number(v), s = String(Math.abs(x));
    if (/e/.test(s)) return x.toFixed(places);
    const [whole, frac = ''] = s.split('.');
    let n = BigInt(whole + frac.padEnd(places, '0').slice(0, places));
    if (frac.length > places && frac[places] >= '5') n += 1n;
    const digits = n.toString().padStart(places + 1, '0');
    return (x < 0 && n !== 0n ? '-' : '') + (places ? digits.slice(0, -places) + '.' + digits.slice(-places) : digits);
  };
  // a share or a weight: as many decimals as it has, up to 2 (40, 33.33)
  const share = v => num(v).replace(/\.?0+$/, '');
  // a fraction (an execution rate) as a percentage to 2 decimals: the decimal point moved in the service's digits
  // before rounding, not a binary product (0.12345 is 12.35%, where 100 × 0.12345 is 12.344999…)
  const pct = v => {
    if (v === null || v === undefined || v === '' || !isFinite(Number(v))) return '—';
    const s = String(Number(v));
    if (/e/.test(s)) return num(Number(v) * 100);
    const [whole, frac = ''] = s.replace('-', '').split('.');
    const moved = (whole + frac.padEnd(2, '0').slice(0, 2)).replace(/^0+(?=\d)/, '') + (frac.length > 2 ? '.' + frac.slice(2) : '');
    return num((s.startsWith('-') ? '-' : '') + moved);
  };
  const claims = () => { try { return JSON.parse(atob(state.token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/'))); } catch (e) { return {}; } };
  const name = code => { const s = state.subjects[code]; return s ? (state.lang === 'en' && s.nameEn ? s.nameEn : s.nameZh) : code; };

  // a request with the user's token; a refused token signs in again
  async function authorized(path, init) {
    const r = await fetch(path, Object.assign({}, init, { headers: Object.assign({ Authorization: 'Bearer ' + state.token }, init.headers) }));
    if (r.status === 401) { expired(); throw new Error('unauthorized'); }
    return r;
  }
  // a call of the API: its answer, or an error with the problem's detail
  async function call(path, accept) {
    const r = await authorized(path, { headers: { Accept: accept } });
    if (!r.ok) { const p = await r.json().catch(() => ({})); throw new Error(p.detail || r.statusText); }
    return r;
  }
  const api = path => call(path, 'application/json').then(r => r.json());
  // every item of a paged list, read 100 at a time (a superior may rate hundreds of departments in one cycle)
  async function every(path) {
    const at = page => api(path + (path.includes('?') ? '&' : '?') + 'size=100&page=' + page);
    const first = await at(0);
    const rest = await Promise.all(Array.from({ length: Math.max(0, first.totalPages - 1) }, (_, i) => at(i + 1)));
    return first.items.concat(...rest.map(x => x.items));
  }
  // what a refused action tells the user: the problem's detail and each violation ({status, body} as send answers)
  const refusal = r => {
    const why = (r.body.violations || []).map(v => v.message).join('; ');
    return t('ratingFailed') + (r.body.detail || r.status) + (why ? ' (' + why + ')' : '');
  };
  // a JSON body sent once (the Idempotency-Key makes a retry of the same click harmless): the answer's status and
  // body, a problem's too
  async function send(path, body) {
    const r = await authorized(path, { method: 'POST', body: JSON.stringify(body), headers: { Accept: 'application/json',
      'Content-Type': 'application/json', 'Idempotency-Key': randomToken(16) } });
    return { status: r.status, body: await r.json().catch(() => ({})) };
  }

  function panel(p, render) {
    if (!p || p.status === 'UNAVAILABLE') return '<p class="muted" data-panel="unavailable">' + t('unavailable') + '</p>';
    if (p.status === 'FORBIDDEN') return '<p class="muted">' + t('forbidden') + '</p>';
    if (p.status === 'UNPUBLISHED') return '<p class="muted" data-panel="unpublished">' + t('unpublished') + '</p>';
    if (p.status === 'NOT_FOUND') return '<p class="muted">' + t('notFound') + '</p>';
    return render(p.data);
  }
  const card = (title, p, render, extra) => '<section class="card' + (p && p.status === 'UNAVAILABLE' ? ' degraded' : '') +
    '"' + (extra || '') + '><h2>' + title + '</h2>' + panel(p, render) + '</section>';
  const gradeBadge = g => (g ? '<span class="grade ' + esc(g) + '">' + esc(t(g)) + '</span>' : '—');
  const dot = l => (l ? '<span class="dot ' + esc(l) + '" aria-hidden="true"></span>' + esc(t(l)) : '—');
  const day = x => new Date(x).toLocaleDateString(state.lang === 'en' ? 'en-GB' : 'zh-CN');
  // a project whose RED light opened a disposal task that finance has not closed yet, with the day it opened
  const pending = p => (p.openTask ? ' <span class="pending" data-task="' + esc(p.openTask.id) + '" title="' +
    esc(t('disposalSince').replace('%d', day(p.openTask.openedAt))) + '">· ' + t('disposalOpen') + '</span>' : '');
  const flags = f => esc((f || []).map(t).join(' '));
  // the "showing n of t" line of a list shown in part ("showing the top n of t departments" for a ranking)
  const more = (shown, total, id, text) => (total > shown ? '<p class="muted" id="' + id + '">' +
    esc(t(text || 'shownItems').replace('%n', shown).replace('%t', total)) + '</p>' : '');
  const morePage = (pg, id) => more(pg.items.length, pg.totalItems, id);

  function i18n() {
    document.documentElement.lang = state.lang === 'zh' ? 'zh-CN' : 'en';
    document.querySelectorAll('[data-i18n]').forEach(e => { e.textContent = t(e.dataset.i18n); });
    $('#lang').textContent = state.lang === 'zh' ? 'English' : '中文';
    $('#live-state').textContent = state.live ? t('liveOn') : t('liveIdle');
    drawFeed();
  }

  // the year picker: this year and the three before it, and every year with data the user may see; the page opens on
  // the latest year with data up to this one (in January the office is still evaluating the year before), unless the
  // address or an earlier pick names one
  function periods() {
    const sel = $('#period'); const now = new Date().getFullYear(); const known = state.years || { years: [], latest: now };
    const years = [...new Set([now, now - 1, now - 2, now - 3].concat(known.years))].sort((a, b) => b - a);
    sel.innerHTML = years.map(y => '<option value="' + y + '">' + y + '</option>').join('');
    const q = new URLSearchParams(location.hash.split('?')[1] || '');
    state.period = q.get('period') || sessionStorage.getItem('jx.period') || String(known.latest);
    if (![...sel.options].some(o => o.value === state.period)) sel.insertAdjacentHTML('beforeend', '<option value="' + esc(state.period) + '">' + esc(state.period) + '</option>');
    sel.value = state.period;
  }

  // Sign-in: the authorization-code flow with PKCE (S256) at the OIDC provider the gateway names (the demo issuer in
  // the local run). The verifier and state stay in this tab's sessionStorage; the code is exchanged once, here.
  const b64url = buf => btoa(String.fromCharCode.apply(null, new Uint8Array(buf)))
    .replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  const randomToken = n => b64url(crypto.getRandomValues(new Uint8Array(n)));
  const redirectUri = () => location.origin + '/';

  async function provider() {
    if (state.provider) return state.provider;
    const cfg = await fetch('/portal/sign-in.json').then(r => { if (!r.ok) throw new Error(r.status); return r.json(); });
    const meta = await fetch(cfg.authority + '/.well-known/openid-configuration')
      .then(r => { if (!r.ok) throw new Error(r.status); return r.json(); });
    state.provider = { cfg: cfg, meta: meta };
    return state.provider;
  }

  async function signIn(back) {
    try {
      const p = await provider();
      const verifier = randomToken(32), st = randomToken(16);
      const challenge = b64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
      sessionStorage.setItem('jx.pkce', JSON.stringify({ verifier: verifier, state: st,
        back: typeof back === 'string' ? back : location.hash }));
      const q = new URLSearchParams({ response_type: 'code', client_id: p.cfg.clientId, redirect_uri: redirectUri(),
        scope: p.cfg.scope, state: st, code_challenge: challenge, code_challenge_method: 'S256',
        ui_locales: state.lang === 'en' ? 'en' : 'zh-CN' });
      location.assign(p.meta.authorization_endpoint + '?' + q);
    } catch (e) {
      state.signInError = t('noIssuer'); loginView();
    }
  }

  /** Back from the provider (?code=…&state=… or ?error=…): exchange the code, or say why not. */
  async function finishSignIn() {
    const q = new URLSearchParams(location.search);
    if (!q.has('code') && !q.has('error')) return;
    const saved = JSON.parse(sessionStorage.getItem('jx.pkce') || 'null');
    sessionStorage.removeItem('jx.pkce');
    const back = saved && saved.back && saved.back !== '#/login' ? saved.back : '';
    history.replaceState(null, '', '/' + (back || '#/login'));
    if (q.has('error')) { state.signInError = q.get('error') === 'access_denied' ? t('signInCancelled') : t('signInFailed') + ' (' + q.get('error') + ')'; return; }
    if (!saved || saved.state !== q.get('state')) { state.signInError = t('signInStale'); return; }
    try {
      const p = await provider();
      const r = await fetch(p.meta.token_endpoint, { method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
        body: new URLSearchParams({ grant_type: 'authorization_code', code: q.get('code'), redirect_uri: redirectUri(),
          client_id: p.cfg.clientId, code_verifier: saved.verifier }) });
      if (!r.ok) throw new Error(r.status);
      state.token = (await r.json()).access_token;
      sessionStorage.setItem('jx.token', state.token);
      sessionStorage.setItem('jx.signedInAt', String(Date.now()));
      state.signInError = null;
      const c = claims();
      history.replaceState(null, '', '/' + (back || (c.dept && (c.groups || []).length === 1 ? '#/dept/' + c.dept : '#/league')));
    } catch (e) {
      state.signInError = t('signInFailed');
    }
  }

  function loginView() {
    document.body.dataset.ready = '';
    $('#logout').hidden = true; $('#rate-link').hidden = true;
    $('#view').innerHTML = '<h1>' + t('login') + '</h1><div class="login"><p class="muted">' + t('signInWith') + '</p>' +
      '<button id="login-start" type="button">' + t('signIn') + '</button>' +
      '<p id="login-error" class="error" role="alert">' + esc(state.signInError || '') + '</p></div>';
    $('#login-start').addEventListener('click', () => signIn());
  }

  async function leagueView() {
    const started = performance.now(); const mine = state.gen;
    // a cycle of the year other than the one that speaks for it, when the user picked one
    const picked = new URLSearchParams(location.hash.split('?')[1] || '').get('cycle');
    const [lg, w] = await Promise.all([api('/api/v1/portal/league?period=' + state.period + (picked ? '&cycle=' + encodeURIComponent(picked) : '')),
      api('/api/v1/portal/warnings?period=' + state.period)]);
    if (mine !== state.gen) return; // a newer view (or a sign-out) has taken the page meanwhile
    // the names of the subjects the results, red projects and overdue cases name (the ranking's rows carry their own)
    [lg.panels.subjects, w.panels.subjects].forEach(p => { if (p.status === 'OK') p.data.items.forEach(s => { state.subjects[s.code] = s; }); });
    const ev = lg.panels.evaluation;
    // while the cycle shown is open, the office sees how far its assigned ratings have come, and who has not rated
    const open = ev.status === 'OK' && ev.data.cycle && ev.data.cycle.status === 'OPEN';
    const progress = open && (claims().groups || []).includes('admin')
      ? await api('/api/v1/cycles/' + encodeURIComponent(ev.data.cycle.id) + '/progress?size=50').catch(() => null) : null;
    if (mine !== state.gen) return;
    const progressBlock = () => (progress && progress.parties.length ? '<div id="progress"><p>' + t('progress') + ': ' +
      progress.parties.map(x => '<span class="party-progress" data-party="' + esc(x.party) + '">' + esc(t(x.party)) +
        ' <meter min="0" max="' + x.assigned + '" value="' + x.rated + '" aria-hidden="true"></meter>' + x.rated + '/' +
        x.assigned + '</span>').join(' ') + '</p>' + (progress.pending.totalItems ? '<details><summary>' +
        esc(t('pendingRatings').replace('%n', progress.pending.totalItems)) + '</summary><ul id="pending">' +
        progress.pending.items.map(x => '<li data-party="' + esc(x.party) + '">' + esc(t(x.party)) + ' · ' +
          esc(x.party === 'PEER' ? name(x.evaluator) : x.evaluator) + ' → ' + esc(name(x.subject)) + '</li>').join('') +
        '</ul>' + morePage(progress.pending, 'pending-head') + '</details>' : '') + '</div>' : '');
    // the year's cycle, or a choice of the year's cycles when it has several (a special evaluation beside the year's)
    const cycleLine = d => ((d.cycles || []).length > 1 ? '<p><label for="cycle-pick">' + t('cycle') + '</label> <select id="cycle-pick">' +
      d.cycles.map(x => '<option value="' + esc(x.id) + '"' + (x.id === d.cycle.id ? ' selected' : '') + '>' + esc(x.name) + ' · ' +
        esc(t('C_' + x.status)) + ' · ' + esc(t('cycleSubjects').replace('%n', x.subjects)) + '</option>').join('') + '</select></p>'
      : '<p class="muted">' + t('cycle') + ': ' + esc(d.cycle.name) + ' · ' + esc(t('C_' + d.cycle.status)) + '</p>');
    const rows = d => cycleLine(d) + progressBlock() +
      '<table id="league"><thead><tr><th class="num">' + t('rank') + '</th><th>' + t('name') + '</th><th class="num">' +
      t('composite') + '</th><th>' + t('grade') + '</th><th>' + t('light') + '</th><th class="num">' + t('coverage') +
      '</th><th>' + t('flags') + '</th></tr></thead><tbody>' + d.results.slice().sort((a, b) => (a.rank || 999) - (b.rank || 999))
        .map(r => '<tr class="link" tabindex="0" data-subject="' + esc(r.subject) + '"><td class="num">' + esc(r.rank || '—') +
          '</td><td>' + esc(name(r.subject)) + (r.provisional ? ' <small class="muted">(' + t('provisional') + ')</small>' : '') +
          '</td><td class="num">' + num(r.shownComposite) + '</td><td>' + gradeBadge(r.grade) + '</td><td>' + dot(r.light) +
          '</td><td class="num">' + share(r.coverage) + '%</td><td>' + flags(r.flags) + '</td></tr>').join('') +
      '</tbody></table>' + more(d.results.length, d.totalResults, 'league-head', 'shownOf');
    // the scorecard ranking, there all year (before any evaluation cycle is): the head, a bar per department, and the
    // whole table as a workbook
    const ranking = d => (d.rows.length ? '<table id="scorecard-league"><thead><tr><th class="num">' + t('rank') + '</th><th>' +
      t('name') + '</th><th>' + t('total') + '</th><th>' + t('grade') + '</th></tr></thead><tbody>' + d.rows.map(r =>
        '<tr class="link" tabindex="0" data-subject="' + esc(r.subject) + '"><td class="num">' + esc(r.rank) + '</td><td>' +
        esc(state.lang === 'en' && r.nameEn ? r.nameEn : r.nameZh || r.subject) + '</td><td class="meter-cell"><meter min="0" max="100" value="' +
        (r.shownTotal === null ? 0 : Number(r.shownTotal)) + '" aria-hidden="true"></meter>' + num(r.shownTotal) + '</td><td>' +
        gradeBadge(r.grade) + '</td></tr>').join('') + '</tbody></table>' : '<p class="muted">' + t('notFound') + '</p>') +
      more(d.rows.length, d.totalRows, 'scorecard-league-head', 'shownOf') +
      (d.rows.length ? '<p><button type="button" id="league-xlsx">' + t('xlsx') + '</button> <span class="error" id="xlsx-error" role="alert"></span></p>' : '');
    // finance (and the office) decides a red project's disposal task where the warning is
    const disposer = ['finance', 'admin'].some(g => (claims().groups || []).includes(g));
    const warn = () => {
      const od = w.panels.overdueRectifications.status === 'OK' ? w.panels.overdueRectifications.data.items : [];
      // the red projects of the year (a page of them), each with its execution rate
      const red = d => (d.red.items.length ? '<ul id="red-projects">' + d.red.items.map(p => '<li data-project="' + esc(p.project) +
        '">' + dot(p.light) + ' ' + esc(name(p.subject)) + ' · ' + esc(p.name) + ' <span class="muted">· ' + t('execution') + ' ' +
        pct(p.executionRate) + '%</span>' + pending(p) + (p.openTask && disposer ? disposeForm(p) : '') + '</li>').join('') +
        '</ul>' + morePage(d.red, 'red-projects-head') : '<p class="muted">' + t('none') + '</p>');
      return '<h3>' + t('redProjects') + '</h3>' + panel(w.panels.budget, red) +
        '<h3>' + t('overdue') + '</h3>' + panel(w.panels.overdueRectifications, () => (od.length ? '<ul id="overdue">' +
        od.map(c => '<li data-case="' + esc(c.id) + '">' + esc(name(c.subject)) + ' · ' + esc(c.caseNo) + (c.serviceItem ? ' · ' +
          esc(c.serviceItem) : '') + ' · ' + t('due') + ' ' + esc(c.dueDate) + '</li>').join('') + '</ul>' +
        morePage(w.panels.overdueRectifications.data, 'overdue-head') : '<p class="muted">' + t('none') + '</p>'));
    };
    $('#view').innerHTML = '<h1>' + t('league') + ' · ' + esc(state.period) + '</h1><div class="grid">' +
      card(t('league'), ev, rows, ' id="league-card"') + '<section class="card" id="warnings"><h2>' + t('warnings') + '</h2>' + warn() + '</section>' +
      card(t('scorecardLeague'), lg.panels.scorecards, ranking, ' id="scorecard-league-card"') + '</div>';
    const reds = $('#red-projects');
    if (reds && disposer) reds.addEventListener('submit', e => { e.preventDefault(); dispose(e.target); });
    const pick = $('#cycle-pick');
    if (pick) pick.addEventListener('change', e => { location.hash = '#/league?period=' + state.period + '&cycle=' + e.target.value; });
    const xlsx = $('#league-xlsx');
    if (xlsx) xlsx.addEventListener('click', () => download('/api/v1/scorecards/' + encodeURIComponent(state.period) + '/league?format=xlsx',
      'league-' + state.period + '.xlsx', $('#xlsx-error')));
    document.querySelectorAll('#league tbody tr, #scorecard-league tbody tr').forEach(tr => {
      const go = () => { location.hash = '#/dept/' + tr.dataset.subject + '?period=' + state.period; };
      tr.addEventListener('click', go);
      tr.addEventListener('keydown', e => { if (e.key === 'Enter') go(); });
    });
    ready('league', started);
  }

  // An evaluator's rating tasks (a superior's, or a department's as a peer and for itself): in every open cycle, the
  // subjects it is assigned to, each a form with its party's criteria from the cycle's rights list, filled with what
  // it submitted. A rating replaces the earlier one until the cycle closes; the service checks every rule again.
  // the names of subjects the page will show and has not learnt yet, 100 a call (a code stays a code if the call fails)
  async function learnNames(codes) {
    const unnamed = [...new Set(codes)].filter(code => code && !state.subjects[code]);
    for (let i = 0; i < unnamed.length; i += 100) {
      const page = await api('/api/v1/subjects?size=100&' + unnamed.slice(i, i + 100).map(x => 'code=' + encodeURIComponent(x))
        .join('&')).catch(() => ({ items: [] }));
      page.items.forEach(x => { state.subjects[x.code] = x; });
    }
  }

  // 数据质量: the open data-quality flags the caller may see (a department its own), newest first; the office decides
  // each: a held value (SUSPICIOUS_HIGH, OUTLIER) counts once accepted and never once rejected, a zombie indicator is
  // kept or retired from the next year
  async function qualityView() {
    const started = performance.now(), mine = state.gen;
    const office = (claims().groups || []).includes('admin');
    const page = await api('/api/v1/quality/flags?status=OPEN&size=100');
    await learnNames(page.items.map(x => x.subject));
    if (mine !== state.gen) return;
    const choices = x => (x.kind === 'ZOMBIE' ? ['ACCEPT', 'RETIRE'] : ['ACCEPT', 'REJECT']);
    const form = x => '<form class="flag-task act"><label>' + t('reviewNote') + '<input name="note" maxlength="500"></label>' +
      choices(x).map(d => '<button type="submit" value="' + d + '">' + esc(t((x.kind === 'ZOMBIE' ? 'Z_' : 'H_') + d)) +
        '</button>').join('') + '<p class="msg" role="status"></p></form>';
    const item = x => '<li data-flag="' + esc(x.id) + '" data-kind="' + esc(x.kind) + '"><strong>' + esc(t(x.kind)) + '</strong> · ' +
      (x.subject ? esc(name(x.subject)) + ' · ' : '') + esc(x.indicator) + ' · ' + esc(x.period) +
      (x.value !== null ? ' · ' + t('reported') + ' ' + esc(x.value) : '') + '<br><span class="muted">' + esc(x.detail) + ' · ' +
      esc(day(x.raisedAt)) + '</span>' + (office ? form(x) : '') + '</li>';
    $('#view').innerHTML = '<h1>' + t('qualityTitle') + '</h1><section class="card">' + (page.items.length
      ? '<p class="muted">' + esc(t(office ? 'qualityOffice' : 'qualityOwn')) + '</p><ul id="flags">' + page.items.map(item).join('') +
        '</ul>' + morePage(page, 'flags-more') : '<p class="muted" id="no-flags">' + t('noFlags') + '</p>') + '</section>';
    const list = $('#flags');
    if (list && office) list.addEventListener('submit', async e => {
      e.preventDefault();
      const f = e.target, li = f.closest('li'), msg = $('.msg', f), decision = e.submitter ? e.submitter.value : 'ACCEPT';
      const body = { decision: decision }, note = f.note.value.trim();
      if (note) body.note = note;
      f.querySelectorAll('button').forEach(b => { b.disabled = true; });
      msg.className = 'msg'; msg.textContent = '';
      try {
        const done = x => '<p class="up flag-done" role="status">' + esc(t('F_' + x.status)) + (x.reviewNote ? ' · ' + esc(x.reviewNote) : '') + '</p>';
        const r = await send('/api/v1/quality/flags/' + li.dataset.flag + '/review', body);
        if (r.status === 200) { f.outerHTML = done(r.body); return; }
        const text = refusal(r);
        // decided meanwhile (by another office user): the flag as it now stands, and why this decision was not taken
        const now = r.status === 409 ? await api('/api/v1/quality/flags/' + li.dataset.flag).catch(() => null) : null;
        if (now) { f.outerHTML = done(now) + '<p class="error flag-done" role="status">' + esc(text) + '</p>'; return; }
        msg.className = 'msg error'; msg.textContent = text;
      } catch (err) {
        if (state.token) { msg.className = 'msg error'; msg.textContent = t('ratingFailed') + err.message; }
      }
      f.querySelectorAll('button').forEach(b => { b.disabled = false; });
    });
    ready('quality', started);
  }

  // 数据报送: a CSV or Excel file of values imported in the background, its progress followed until it ends, then what
  // was stored, corrected, held and refused, each refused row with its line and reason; a department's template lists
  // the indicators of its scorecard for the year
  async function importView() {
    const started = performance.now(), mine = state.gen;
    const who = claims(), dept = (who.groups || []).includes('department') ? who.dept : null;
    const [jobs, page] = await Promise.all([api('/api/v1/values/imports?size=10'),
      dept ? api('/api/v1/portal/departments/' + encodeURIComponent(dept) + '?period=' + state.period).catch(() => null) : null]);
    if (mine !== state.gen) return;
    const lines = page && page.panels.scorecard.status === 'OK' ? page.panels.scorecard.data.lines : [];
    const template = 'subject,indicator,period,value,level,source,evidenceUrl,correctionReason\r\n' +
      lines.map(l => [dept, l.indicator, state.period, '', '', '', '', ''].join(',')).join('\r\n') + '\r\n';
    const recent = jobs => (jobs.items.length ? '<table id="import-jobs"><thead><tr><th>' + t('changedAt') + '</th><th>' + t('status') +
      '</th><th class="num">' + t('importRows') + '</th><th class="num">' + t('importStored') + '</th><th class="num">' +
      t('importRejected') + '</th></tr></thead><tbody>' + jobs.items.map(summary).join('') + '</tbody></table>'
      : '<p class="muted">' + t('none') + '</p>');
    const summary = j => '<tr data-job="' + esc(j.id) + '"><td>' + esc(new Date(j.submittedAt).toLocaleString(state.lang === 'en' ? 'en-GB' : 'zh-CN')) +
      '</td><td>' + esc(t('I_' + j.status)) + '</td><td class="num">' + esc(j.rows) + '</td><td class="num">' + esc(j.stored === null ? '—' : j.stored) +
      '</td><td class="num">' + esc(j.rejected === null ? '—' : j.rejected) + '</td></tr>';
    $('#view').innerHTML = '<h1>' + t('importTitle') + '</h1><div class="stack"><section class="card"><h2>' + t('importFile') + '</h2>' +
      '<p class="muted">' + esc(t('importHelp')) + '</p>' +
      (lines.length ? '<p><a id="import-template" download="' + esc(dept + '-' + state.period) + '.csv" href="data:text/csv;charset=utf-8,' +
        encodeURIComponent('\ufeff' + template) + '">' + esc(t('importTemplate').replace('%n', lines.length).replace('%p', state.period)) + '</a></p>' : '') +
      '<form id="import-form" class="import-task act"><label>' + t('importChoose') + '<input type="file" name="file" accept=".csv,.xlsx,text/csv,' +
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" required></label><label class="check"><input type="checkbox" name="partial"> ' +
      t('importPartial') + '</label><button type="submit">' + t('importSend') + '</button><p class="msg" role="status"></p></form>' +
      '<div id="import-job"></div></section><section class="card"><h2>' + t('importRecent') + '</h2><div id="import-recent">' +
      recent(jobs) + '</div></section></div>';
    $('#import-form').addEventListener('submit', async e => {
      e.preventDefault();
      const f = e.target, file = f.file.files[0], button = $('button', f), msg = $('.msg', f), box = $('#import-job');
      if (!file) return;
      const xlsx = /\.xlsx$/i.test(file.name);
      button.disabled = true; msg.className = 'msg'; msg.textContent = ''; box.innerHTML = '';
      try {
        const r = await authorized('/api/v1/values/import' + (f.partial.checked ? '?partial=true' : ''), { method: 'POST', body: file,
          headers: { Accept: 'application/json', 'Idempotency-Key': randomToken(16),
            'Content-Type': xlsx ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv' } });
        const job = await r.json().catch(() => ({}));
        if (r.status !== 202) {
          msg.className = 'msg error'; msg.textContent = refusal({ status: r.status, body: job });
        } else {
          await follow(job, box, mine);
          f.reset();
          const jobs = await api('/api/v1/values/imports?size=10').catch(() => null);
          if (jobs && mine === state.gen) $('#import-recent').innerHTML = recent(jobs);
        }
      } catch (err) {
        if (state.token) { msg.className = 'msg error'; msg.textContent = t('ratingFailed') + err.message; }
      }
      button.disabled = false;
    });
    ready('import', started);
  }

  // an import job followed every half second until it ends: a bar of the rows checked, then written, then the outcome.
  // The job was accepted and survives a restart of the service: a poll that fails (the service restarting) is told
  // and tried again, less often, while the page stays
  async function follow(job, box, mine) {
    const ended = ['DONE', 'REJECTED', 'FAILED'];
    let j = job;
    for (;;) {
      const writing = j.status === 'WRITING' || j.status === 'DONE', phase = writing ? j.written : j.checked;
      box.innerHTML = '<p id="import-state" data-status="' + esc(j.status) + '">' + esc(t('I_' + j.status)) + ' · ' +
        esc(t(writing ? 'importWritten' : 'importChecked').replace('%n', phase).replace('%t', j.rows)) +
        '</p><progress id="import-progress" max="' + Math.max(1, j.rows) +
        '" value="' + (ended.includes(j.status) ? j.rows : phase) + '"></progress>' + (ended.includes(j.status) ? outcome(j) : '');
      if (ended.includes(j.status) || mine !== state.gen) return;
      let next = null;
      for (let wait = 500; next === null; wait = Math.min(2 * wait, 5000)) {
        await new Promise(ok => setTimeout(ok, wait));
        if (mine !== state.gen) return;
        next = await api('/api/v1/values/imports/' + j.id).catch(e => {
          if (!$('#import-retry', box)) box.insertAdjacentHTML('beforeend', '<p class="muted" id="import-retry" role="status"></p>');
          $('#import-retry', box).textContent = t('importRetrying').replace('%s', e.message);
          return null;
        });
      }
      j = next;
    }
  }
  const outcome = j => '<p id="import-outcome">' + [['importStored', j.stored], ['importCorrected', j.corrected], ['importHeld', j.held],
    ['importRejected', j.rejected], ['importRecomputed', j.scorecardsRecomputed]].filter(x => x[1] !== null)
    .map(x => esc(t(x[0])) + ' ' + esc(x[1])).join(' · ') + '</p>' + (j.failure ? '<p class="error">' + esc(j.failure) + '</p>' : '') +
    (j.errors.length ? '<table id="import-errors"><thead><tr><th class="num">' + t('importLine') + '</th><th>' + t('importField') +
      '</th><th>' + t('importWhy') + '</th></tr></thead><tbody>' + j.errors.map(x => '<tr><td class="num">' + esc(x.line) + '</td><td>' +
      esc(x.field) + '</td><td>' + esc(x.message) + '</td></tr>').join('') + '</tbody></table>' : '');

  async function rateView() {
    const started = performance.now(), mine = state.gen;
    const c = claims(), groups = c.groups || [], dept = groups.includes('department') ? c.dept : null;
    // only an evaluator has tasks: the office's assignment list is everyone's, which it may read but not rate for
    const evaluator = groups.includes('superior') || dept;
    const open = evaluator ? await every('/api/v1/cycles?status=OPEN') : [];
    // every task of every open cycle, each with the caller's current rating if it has given one
    const cycles = await Promise.all(open.map(async cy => {
      const [assigned, given] = await Promise.all([every('/api/v1/cycles/' + cy.id + '/assignments'),
        every('/api/v1/cycles/' + cy.id + '/ratings')]);
      const tasks = assigned.map(x => ({ subject: x.subject, party: x.party }));
      // a department rates itself (SELF) in every cycle it is evaluated in, without an assignment
      if (dept && (cy.subjects || []).includes(dept)) tasks.push({ subject: dept, party: 'SELF' });
      const byTask = new Map(given.map(r => [r.party + ' ' + r.subject, r]));
      tasks.forEach(x => { x.rating = byTask.get(x.party + ' ' + x.subject) || null; });
      return { cycle: cy, tasks: tasks };
    }));
    const shown = cycles.filter(x => x.tasks.length);
    await learnNames(shown.flatMap(x => x.tasks.map(k => k.subject)));
    if (mine !== state.gen) return; // a newer view (or a sign-out) has taken the page meanwhile
    const criteria = (cy, party) => (cy.criteria || {})[party === 'SELF' ? 'PEER' : party] || [];
    const rated = v => '<span class="up">' + t('rated') + ' ' + num(v) + '</span>';
    const form = (cy, x, i) => {
      const id = 'task-' + cy.id.slice(0, 8) + '-' + i;
      const score = code => { const k = x.rating && x.rating.criteria.find(v => v.code === code); return k ? k.score : ''; };
      return '<form class="rate-task act" data-cycle="' + esc(cy.id) + '" data-subject="' + esc(x.subject) + '" data-party="' +
        esc(x.party) + '"' + (x.rating ? ' data-rated="true"' : '') + ' aria-labelledby="' + id + '"><div class="who"><strong id="' + id + '">' +
        esc(name(x.subject)) + '</strong> <span class="muted">' + esc(t(x.party)) + '</span><br><span class="state">' +
        (x.rating ? rated(x.rating.value) : '<span class="muted">' + t('notRated') + '</span>') + '</span></div>' +
        criteria(cy, x.party).map(code => '<label>' + esc(t(code)) + '<input type="number" data-criterion="' + esc(code) +
          '" min="0" max="100" step="0.01" required inputmode="decimal" value="' + esc(score(code)) + '"></label>').join('') +
        '<label class="comment">' + t('comment') + '<input type="text" name="comment" maxlength="2000" value="' +
        esc((x.rating && x.rating.comment) || '') + '"></label><button type="submit">' + t(x.rating ? 'updateRating' : 'submitRating') +
        '</button><p class="msg" role="status"></p></form>';
    };
    const count = card => esc(t('ratedOf').replace('%n', card.querySelectorAll('form[data-rated]').length)
      .replace('%t', card.querySelectorAll('form').length));
    $('#view').innerHTML = '<h1>' + t('rateTitle') + '</h1><div class="stack">' + (shown.length ? shown.map(x =>
      '<section class="card" data-cycle="' + esc(x.cycle.id) + '"><h2>' + esc(x.cycle.name) + ' · ' + esc(x.cycle.period) +
      '</h2><p class="muted rated-count"></p>' + x.tasks.map((k, i) => form(x.cycle, k, i)).join('') + '</section>').join('')
      : '<p class="muted" id="no-tasks">' + t('noTasks') + '</p>') + '</div>';
    document.querySelectorAll('section[data-cycle]').forEach(card => { $('.rated-count', card).textContent = count(card); });
    document.querySelectorAll('form.rate-task').forEach(f => f.addEventListener('submit', async e => {
      e.preventDefault();
      const button = $('button', f), msg = $('.msg', f), comment = $('input[name=comment]', f).value.trim();
      const body = { subject: f.dataset.subject, party: f.dataset.party,
        criteria: [...f.querySelectorAll('input[data-criterion]')].map(i => ({ code: i.dataset.criterion, score: Number(i.value) })) };
      if (comment) body.comment = comment;
      button.disabled = true; msg.className = 'msg'; msg.textContent = '';
      try {
        const r = await send('/api/v1/cycles/' + f.dataset.cycle + '/ratings', body);
        if (r.status === 201) {
          f.dataset.rated = 'true';
          $('.state', f).innerHTML = rated(r.body.value);
          button.textContent = t('updateRating');
          msg.textContent = r.body.replaced ? t('ratingReplaced') : t('ratingSaved');
          const card = f.closest('section');
          $('.rated-count', card).textContent = count(card);
        } else {
          msg.className = 'msg error'; msg.textContent = refusal(r);
        }
      } catch (err) {
        if (state.token) { msg.className = 'msg error'; msg.textContent = t('ratingFailed') + err.message; }
      }
      button.disabled = false;
    }));
    ready('rate', started);
  }

  // a rectification case with what it answers (the service case, its item and rating, what the citizen said), and
  // the department's answer and closing note; the department's own user answers and closes it here
  function caseItem(x, own) {
    const text = (id, label, required) => '<label>' + esc(t(label)) + '<textarea name="' + id + '" rows="2" maxlength="4000"' +
      (required ? ' required' : '') + '></textarea></label>';
    const form = (action, field, label, button) => '<form class="case-task act" data-action="' + action + '">' + text(field, label, true) +
      '<button type="submit">' + esc(t(button)) + '</button><p class="msg" role="status"></p></form>';
    return '<span class="case-no">' + esc(x.caseNo) + '</span>' + (x.serviceItem ? ' · ' + esc(x.serviceItem) : '') + ' · ' +
      esc(t(x.level)) + '<br><span class="case-status">' + esc(t(x.status)) + '</span> · ' + t('due') + ' ' + esc(x.dueDate) +
      (x.overdue ? ' <strong class="down">!</strong>' : '') +
      (x.comment ? '<br><span class="muted">“' + esc(x.comment) + '”</span>' : '') +
      (x.answer ? '<p class="case-answer">' + esc(t('answer')) + '：' + esc(x.answer) + '</p>' : '') +
      (x.closingNote ? '<p class="case-note">' + esc(t('closedNote')) + '：' + esc(x.closingNote) + '</p>' : '') +
      (!own ? '' : x.status === 'OPEN' ? form('answer', 'answer', 'answer', 'sendAnswer')
        : x.status === 'ANSWERED' ? form('close', 'note', 'closingNote', 'closeCase') + '<details class="revise"><summary>' +
          esc(t('reviseAnswer')) + '</summary>' + form('answer', 'answer', 'answer', 'sendAnswer') + '</details>' : '');
  }

  // a case's answer or closing, sent from its form: the case drawn again from the service's answer; a refusal told in
  // the form, and where the case has moved on meanwhile (closed, or voided by the office), the case as it now stands
  async function caseAction(f) {
    const li = f.closest('li[data-case]'), button = $('button', f), msg = $('.msg', f), field = $('textarea', f);
    const told = (kind, text) => li.insertAdjacentHTML('beforeend', '<p class="' + kind + '" role="status">' + esc(text) + '</p>');
    button.disabled = true; msg.className = 'msg'; msg.textContent = '';
    try {
      const r = await send('/api/v1/rectifications/' + li.dataset.case + '/' + f.dataset.action, { [field.name]: field.value.trim() });
      if (r.status === 200) {
        li.innerHTML = caseItem(r.body, true);
        told('up', t(f.dataset.action === 'close' ? 'caseClosed' : 'answerSaved'));
        return;
      }
      const text = refusal(r);
      const now = r.status === 409 ? await api('/api/v1/rectifications/' + li.dataset.case).catch(() => null) : null;
      if (now) { li.innerHTML = caseItem(now, true); told('error', text); return; }
      msg.className = 'msg error'; msg.textContent = text;
    } catch (err) {
      if (state.token) { msg.className = 'msg error'; msg.textContent = t('ratingFailed') + err.message; }
    }
    button.disabled = false;
  }

  // text typed into a form of the page and not sent yet: the page is not drawn again under the user's hands
  const typing = () => [...document.querySelectorAll('#view form textarea, #view form input')].some(x => x.value.trim());

  // a red project's disposal task, closed by finance with its measure and a note
  const disposeForm = p => '<form class="dispose-task act" data-task="' + esc(p.openTask.id) + '" data-subject="' + esc(p.subject) +
    '"><label>' + t('measure') +
    '<select name="action">' + ['RECTIFY', 'SUSPEND', 'WITHDRAW'].map(a => '<option value="' + a + '">' + esc(t('D_' + a)) +
    '</option>').join('') + '</select></label><label class="note">' + t('disposalNote') +
    '<input name="note" maxlength="1000" required></label><button type="submit">' + t('dispose') + '</button>' +
    '<p class="msg" role="status"></p></form>';
  async function dispose(f) {
    const li = f.closest('li'), button = $('button', f), msg = $('.msg', f);
    const closed = x => '<p class="up dispose-done" role="status">' + esc(t('disposed').replace('%a', t('D_' + x.action))) + ' · ' +
      esc(x.note) + '</p>';
    button.disabled = true; msg.className = 'msg'; msg.textContent = '';
    try {
      const r = await send('/api/v1/budget/disposals/' + f.dataset.task + '/close', { action: f.action.value, note: f.note.value.trim() });
      const mark = $('.pending', li);
      if (r.status === 200) { if (mark) mark.remove(); f.outerHTML = closed(r.body); return; }
      const text = refusal(r);
      // closed meanwhile: the decision taken, and why this one was not
      const now = r.status === 409 ? await every('/api/v1/budget/disposals?status=CLOSED&subject=' + encodeURIComponent(f.dataset.subject))
        .then(all => all.find(x => x.id === f.dataset.task)).catch(() => null) : null;
      if (now) { if (mark) mark.remove(); f.outerHTML = closed(now) + '<p class="error dispose-done" role="status">' + esc(text) + '</p>'; return; }
      msg.className = 'msg error'; msg.textContent = text;
    } catch (err) {
      if (state.token) { msg.className = 'msg error'; msg.textContent = t('ratingFailed') + err.message; }
    }
    button.disabled = false;
  }

  // 申诉 under a published result: the department appeals within the cycle's window (one under review at a time); the
  // office rejects with its note, or accepts with a corrected scorecard total or satisfaction index (a corrected
  // rating is the API's: it names the rating)
  async function drawAppeals(box, cycle, code, own, office) {
    const all = await api('/api/v1/cycles/' + cycle.id + '/appeals').catch(() => null);
    if (!box.isConnected) return;
    if (!all) { box.innerHTML = '<p class="muted">' + t('unavailable') + '</p>'; return; }
    const mine = all.filter(x => x.subject === code);
    const until = new Date(Date.parse(cycle.publishedAt) + cycle.appealWindowDays * 86400000);
    const field = (name, label, number) => '<label>' + esc(t(label)) + (number
      ? '<input name="' + name + '" type="number" min="0" max="100" step="any" inputmode="decimal">'
      : '<textarea name="' + name + '" rows="2" maxlength="' + (name === 'reason' ? 4000 : 2000) + '" required></textarea>') + '</label>';
    const form = (action, fields, button, id) => '<form class="appeal-task act" data-action="' + action + '"' +
      (id ? ' data-appeal="' + esc(id) + '"' : '') + '>' + fields + '<button type="submit">' + esc(t(button)) +
      '</button><p class="msg" role="status"></p></form>';
    const decide = x => form('reject', field('note', 'decisionNote'), 'rejectAppeal', x.id) + '<details class="revise"><summary>' +
      esc(t('acceptAppeal')) + '</summary>' + form('accept', field('note', 'decisionNote') + field('scorecardTotal', 'amendedTotal', true) +
      field('satisfactionIndex', 'amendedIndex', true), 'acceptAppeal', x.id) + '</details>';
    box.innerHTML = '<h3>' + t('appeals') + '</h3>' + (mine.length ? '<ul id="appeal-list">' + mine.map(x => '<li data-appeal="' +
      esc(x.id) + '"><span class="appeal-status">' + esc(t('A_' + x.status)) + '</span> <span class="muted">· ' +
      esc(t('submittedOn').replace('%d', day(x.submittedAt))) + '</span><br>' + esc(t('appealReason')) + '：' + esc(x.reason) +
      (x.decisionNote ? '<p class="appeal-note">' + esc(t('decisionNote')) + '：' + esc(x.decisionNote) + '</p>' : '') +
      (office && x.status === 'SUBMITTED' ? decide(x) : '') + '</li>').join('') + '</ul>'
      : office ? '<p class="muted">' + t('noAppeals') + '</p>' : '') +
      (!own ? '' : Date.now() > until.getTime() ? '<p class="muted" id="appeal-window">' + esc(t('appealClosed').replace('%d', day(until))) + '</p>'
        : (mine.some(x => x.status === 'SUBMITTED') ? '' : form('appeal', field('reason', 'appealReason'), 'sendAppeal')) +
          '<p class="muted" id="appeal-window">' + esc(t('appealUntil').replace('%d', day(until))) + '</p>');
    box.onsubmit = async e => {
      e.preventDefault();
      const f = e.target, button = $('button', f), msg = $('.msg', f), body = {};
      f.querySelectorAll('textarea, input').forEach(i => { if (i.value.trim()) body[i.name] = i.type === 'number' ? Number(i.value) : i.value.trim(); });
      button.disabled = true; msg.className = 'msg'; msg.textContent = '';
      const path = '/api/v1/cycles/' + cycle.id + '/appeals' + (f.dataset.appeal ? '/' + f.dataset.appeal + '/' + f.dataset.action : '');
      try {
        const r = await send(path, body);
        if (r.status === 200 || r.status === 201) {
          // an accepted appeal has amended the result and perhaps the ranks: the whole page is drawn again
          if (f.dataset.action === 'accept') { f.reset(); route(); return; }
          await drawAppeals(box, cycle, code, own, office);
          box.insertAdjacentHTML('beforeend', '<p class="up" role="status">' + esc(t(f.dataset.action === 'appeal' ? 'appealSent' : 'appealRejected')) + '</p>');
          return;
        }
        msg.className = 'msg error'; msg.textContent = refusal(r);
      } catch (err) {
        if (state.token) { msg.className = 'msg error'; msg.textContent = t('ratingFailed') + err.message; }
      }
      button.disabled = false;
    };
  }

  async function deptView(code) {
    const started = performance.now(); const mine = state.gen;
    const who = claims(), own = (who.groups || []).includes('department') && who.dept === code;
    const office = (who.groups || []).includes('admin');
    const d = await api('/api/v1/portal/departments/' + encodeURIComponent(code) + '?period=' + state.period);
    if (mine !== state.gen) return; // a newer view (or a sign-out) has taken the page meanwhile
    const p = d.panels;
    if (p.subject.status === 'OK') state.subjects[code] = p.subject.data;
    const prev = p.previousScorecard.status === 'OK' ? p.previousScorecard.data : null;
    // a dimension's score as shown (2 decimals, rounded by the service), or null where it has none
    const dimScore = (sc, dim) => { const x = sc && sc.dimensions.find(v => v.dimension === dim); return x && x.shownScore !== null ? Number(x.shownScore) : null; };
    // a change against last year between two numbers shown, counted in hundredths: their exact difference
    const delta = (now, before, id) => {
      if (now === null || before === null) return '';
      const c = Math.round(Number(now) * 100) - Math.round(Number(before) * 100);
      return '<span' + (id ? ' id="' + id + '"' : '') + ' class="' + (c > 0 ? 'up' : c < 0 ? 'down' : 'muted') + '">' +
        (c > 0 ? '▲' : c < 0 ? '▼' : '±') + num(Math.abs(c) / 100) + '</span>';
    };
    const change = sc => (prev ? ' ' + delta(sc.shownTotal, prev.shownTotal, 'change') : '');
    const scoreCard = sc => '<p><span class="big" id="total">' + num(sc.shownTotal) + '</span> ' + gradeBadge(sc.grade) + change(sc) +
      (prev ? ' <span class="muted">' + t('lastYear') + ' ' + num(prev.shownTotal) + '</span>' : '') +
      '</p><div id="radar" role="img" aria-label="' + t('radar') + '"></div>' +
      // a dimension a row: this year's score, last year's and the change, readable in a narrow card
      '<table class="dims"><thead><tr><th>' + t('dimension') + '</th><th class="num">' + esc(state.period) + '</th>' +
      (prev ? '<th class="num">' + t('lastYear') + '</th><th class="num">' + t('yearChange') + '</th>' : '') +
      '</tr></thead><tbody>' + DIMS.map(x => '<tr data-dimension="' + x + '"><td>' + esc(dimLabel(sc, x)) + '</td><td class="num">' +
        num(dimScore(sc, x)) + '</td>' + (prev ? '<td class="num muted">' + num(dimScore(prev, x)) + '</td><td class="num">' +
        delta(dimScore(sc, x), dimScore(prev, x)) + '</td>' : '') + '</tr>').join('') + '</tbody></table>';
    const lines = sc => '<table id="lines"><thead><tr><th>' + t('indicator') + '</th><th class="num">' + t('score') + '</th><th>' +
      t('light') + '</th><th>' + t('status') + '</th></tr></thead><tbody>' + sc.lines.map(l => '<tr><td title="' + esc(l.indicator) + '">' + esc((state.lang === 'en' ? l.nameEn || l.nameZh : l.nameZh) || l.indicator) +
        (l.gate ? ' ★' : '') + '</td><td class="num">' + num(l.shownScore) + '</td><td>' + dot(l.light) + '</td><td class="muted">' + esc(t(l.status)) + '</td></tr>').join('') + '</tbody></table>';
    // the latest changes of the scorecard's configuration: who, when, why, and what they did to the total
    const when = x => new Date(x).toLocaleString(state.lang === 'en' ? 'en-GB' : 'zh-CN', { dateStyle: 'short', timeStyle: 'short' });
    const moved = r => {
      const c = r.shownTotalBefore === null || r.shownTotalAfter === null ? 0
        : Math.round(Number(r.shownTotalAfter) * 100) - Math.round(Number(r.shownTotalBefore) * 100);
      return num(r.shownTotalBefore) + ' → <span class="' + (c > 0 ? 'up' : c < 0 ? 'down' : '') + '">' + num(r.shownTotalAfter) + '</span>';
    };
    const history = h => (h.items.length ? '<table id="history"><thead><tr><th class="num">' + t('revision') + '</th><th>' + t('changedAt') +
      '</th><th>' + t('changedBy') + '</th><th>' + t('reason') + '</th><th class="num">' + t('totalChange') + '</th></tr></thead><tbody>' +
      h.items.map(r => '<tr data-revision="' + esc(r.revision) + '"><td class="num">' + esc(r.revision) + '</td><td>' + esc(when(r.changedAt)) +
        '</td><td>' + esc(r.changedBy === 'unknown' ? t('unknownAuthor') : r.changedBy) + '</td><td>' +
        (r.reason ? esc(r.reason) : '<span class="muted">' + t(r.revision === 1 ? 'firstConfig' : 'none') + '</span>') +
        '</td><td class="num">' + moved(r) + '</td></tr>').join('') + '</tbody></table>' + morePage(h, 'history-head')
      : '<p class="muted">' + t('none') + '</p>');
    const parties = ev => { const r = ev.results; return '<p><span class="big">' + num(r.shownComposite) + '</span> ' + gradeBadge(r.grade) +
      ' ' + t('rank') + ' ' + esc(r.rank || '—') + ' · ' + t('coverage') + ' ' + share(r.coverage) + '% ' + flags(r.flags) + '</p>' +
      '<table id="parties"><thead><tr><th>' + t('party') + '</th><th class="num">' + t('weight') + '</th><th class="num">' + t('score') +
      '</th><th class="num">' + t('counted') + '</th><th class="num">' + t('trimmed') + '</th></tr></thead><tbody>' +
      r.parties.map(x => '<tr' + (x.present ? '' : ' class="muted"') + '><td>' + t(x.party) + '</td><td class="num">' + share(x.weight) +
        '</td><td class="num">' + num(x.shownScore) + '</td><td class="num">' + (x.countedRatings || []).length + '</td><td class="num">' +
        (x.trimmedRatings || []).length + '</td></tr>').join('') + '</tbody></table><p class="muted">' + t('cycle') + ': ' + esc(ev.cycle.name) + '</p>' +
      (ev.cycle.status === 'PUBLISHED' && (own || office) ? '<div id="appeals"></div>' : ''); };
    const sat = s => '<p><span class="big">' + num(s.index) + '</span> ' + t('sample') + ' ' + esc(s.n) + ' · ' + t('interval') + ' [' +
      num(s.lower95) + ', ' + num(s.upper95) + '] ' + flags(s.flags) + '</p>' +
      ((s.groups || []).length ? '<table id="satisfaction-groups"><thead><tr><th>' + t('group') + '</th><th class="num">' + t('weight') +
        '</th><th>' + t('score') + '</th><th class="num">' + t('sample') + '</th></tr></thead><tbody>' + s.groups.map(g => '<tr data-group="' +
        esc(g.group) + '"><td>' + esc(t(g.group)) + '</td><td class="num">' + share(100 * g.weight / s.groups.reduce((a, x) => a + Number(x.weight), 0)) + '%</td><td class="meter-cell"><meter min="0" max="100" value="' + (g.index === null ? 0 : Number(g.index)) +
        '" aria-hidden="true"></meter>' + num(g.index) + '</td><td class="num">' +
        esc(g.n) + '</td></tr>').join('') + '</tbody></table>' : '');
    const surveys = l => (l.items.length ? '<ul id="survey-list">' + l.items.map(x => '<li data-survey="' + esc(x.id) + '">' +
      esc(state.lang === 'en' && x.titleEn ? x.titleEn : x.titleZh) + ' <span class="muted">· ' + esc(t('S_' + x.status)) + '</span>' +
      (x.status === 'OPEN' && x.access === 'PUBLIC' ? ' · <a href="' + esc(x.publicPath) + '" target="_blank" rel="noopener">' + t('answerPage') + '</a>' : '') +
      '</li>').join('') + '</ul>' + morePage(l, 'survey-list-head') : '<p class="muted">' + t('none') + '</p>');
    // yuan to the fen, as the budget is kept: 3,850,000.50, not 3,850,000.5
    const yuan = x => Number(x).toLocaleString(state.lang === 'en' ? 'en-US' : 'zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    const budget = b => '<p id="budget-sums">' + t('approved') + ' ' + yuan(b.approved) + ' · ' + t('spent') + ' ' +
      yuan(b.spent) + '</p><p>' + Object.entries(b.lights || {}).map(e => dot(e[0]) + ' ' + e[1]).join(' &nbsp; ') + '</p>' +
      '<table id="budget-projects"><thead><tr><th>' + t('project') + '</th><th class="num">' + t('approved') + '</th><th class="num">' +
      t('executionRate') + '</th><th class="num">' + t('goal') + '</th><th>' + t('light') + '</th></tr></thead><tbody>' +
      b.projects.map(x => '<tr data-project="' + esc(x.project) + '"><td>' + esc(x.name) + '</td><td class="num">' + yuan(x.approved) +
        '</td><td class="num">' + pct(x.executionRate) + '%</td><td class="num">' + num(x.goalScore) + '</td><td>' + dot(x.light) +
        pending(x) + '</td></tr>').join('') + '</tbody></table>';
    const cases = c => (c.items.length ? '<ul id="cases">' + c.items.map(x => '<li data-case="' + esc(x.id) + '">' + caseItem(x, own) +
      '</li>').join('') + '</ul>' + morePage(c, 'cases-head') : '<p class="muted">' + t('none') + '</p>');
    const title = p.subject.status === 'OK' ? name(code) : code;
    $('#view').innerHTML = '<p><a href="#/league">← ' + t('back') + '</a></p><h1 id="dept-title">' + esc(title) + ' · ' + esc(state.period) + '</h1>' +
      '<div class="grid">' + card(t('total'), p.scorecard, scoreCard, ' id="scorecard"') + card(t('lines'), p.scorecard, lines) +
      card(t('breakdown'), p.evaluation, parties, ' id="evaluation"') + card(t('satisfaction'), p.satisfaction, sat, ' id="satisfaction"') +
      card(t('surveys'), p.surveys, surveys, ' id="surveys"') + card(t('cases'), p.rectifications, cases, ' id="rectifications"') +
      card(t('budget'), p.budget, budget, ' id="budget"') +
      card(t('history'), p.scorecardHistory, history, ' id="scorecard-history"') + '</div>';
    if (p.scorecard.status === 'OK' && window.echarts) {
      const sc = p.scorecard.data;
      if (state.chart) state.chart.dispose();
      state.chart = window.echarts.init($('#radar'), null, { renderer: 'canvas' });
      const series = [{ name: state.period, value: DIMS.map(x => dimScore(sc, x) || 0), areaStyle: { opacity: 0.2 } }];
      if (prev) series.push({ name: t('lastYear'), value: DIMS.map(x => dimScore(prev, x) || 0), lineStyle: { type: 'dashed' } });
      state.chart.setOption({ animation: false, color: ['#a8271b', '#5b6775'], legend: { bottom: 0 }, tooltip: {},
        // a smaller radar in a narrow card, its labels inside it (学习与成长 was cut at 320 px)
        radar: { indicator: DIMS.map(x => ({ name: dimLabel(sc, x), max: 100 })), radius: $('#radar').clientWidth < 420 ? '50%' : '58%',
          // long English labels ("Learning and growth") on two lines
          axisName: { formatter: name => name.length > 12 ? name.replace(' ', '\n') : name } },
        series: [{ type: 'radar', data: series }] });
    }
    const list = $('#cases');
    if (list && own) list.addEventListener('submit', e => { e.preventDefault(); caseAction(e.target); });
    if ($('#appeals')) await drawAppeals($('#appeals'), p.evaluation.data.cycle, code, own, office);
    if (mine !== state.gen) return;
    ready('dept', started);
  }

  // a file of the API saved by the browser: fetched with the token, handed over as a blob
  async function download(path, file, errorAt) {
    errorAt.textContent = '';
    try {
      const r = await call(path, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      const url = URL.createObjectURL(await r.blob());
      const a = document.createElement('a');
      a.href = url; a.download = file; document.body.appendChild(a); a.click(); a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10000);
    } catch (e) { errorAt.textContent = t('xlsxFailed') + e.message; }
  }

  function dimLabel(sc, dim) {
    const x = sc && sc.dimensions.find(v => v.dimension === dim);
    return x ? (state.lang === 'en' ? x.labelEn : x.labelZh) : dim;
  }

  function ready(view, started) {
    window.__portalTimings = window.__portalTimings || [];
    window.__portalTimings.push({ view: view, ms: performance.now() - started, sinceNavigation: performance.now() });
    document.body.dataset.ready = view;
  }

  async function connectLive() {
    if (state.live || !state.token) return;
    const ctl = new AbortController();
    state.live = ctl;
    i18n();
    try {
      const r = await fetch('/api/v1/portal/stream', { headers: { Authorization: 'Bearer ' + state.token, Accept: 'text/event-stream' }, signal: ctl.signal });
      if (!r.ok) throw new Error(String(r.status));
      const reader = r.body.getReader(); const dec = new TextDecoder(); let buf = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buf += dec.decode(value, { stream: true });
        let i;
        while ((i = buf.indexOf('\n')) >= 0) {
          const line = buf.slice(0, i).trim(); buf = buf.slice(i + 1);
          if (line.startsWith('data:')) onLive(JSON.parse(line.slice(5)));
        }
      }
    } catch (e) { /* reconnect below */ }
    if (state.live === ctl) { state.live = null; i18n(); if (state.token) setTimeout(connectLive, 3000); }
  }

  // the last 30 updates, newest first, kept so that they are told again in the other language
  function drawFeed() {
    $('#live-feed').replaceChildren(...state.feed.map(x => {
      const e = x.event, d = e.data || {};
      const what = e.kind === 'scorecard' ? num(d.total) + ' ' + (d.grade ? t(d.grade) : '')
        : e.kind === 'result' ? num(d.composite) + ' ' + (d.grade ? t(d.grade) : '') : e.kind === 'satisfaction' ? num(d.index) : t(d.light || '');
      const li = document.createElement('li');
      li.dataset.kind = e.kind; li.dataset.subject = e.subject || '';
      li.textContent = x.at.toLocaleTimeString(state.lang === 'en' ? 'en-US' : 'zh-CN') + ' · ' + name(e.subject) + ' · ' + t(e.kind) + ' ' + what;
      return li;
    }));
  }

  function onLive(e) {
    if (e.kind === 'heartbeat') return;
    state.feed = [{ at: new Date(), event: e }].concat(state.feed).slice(0, 30);
    drawFeed();
    const m = location.hash.match(/^#\/dept\/([^?]+)/);
    // the rating tasks, the flags to review and the imports are not drawn again: a form being filled in would be lost
    if (['#/rate', '#/quality', '#/import'].some(v => location.hash.startsWith(v))) return;
    if ((m && m[1] === e.subject) || (!m && e.kind === 'result')) { clearTimeout(state.refresh); state.refresh = setTimeout(redraw, 400); }
  }

  // the view drawn again for news (a live event, a panel that was unavailable), once nobody is typing into it
  function redraw() {
    if (typing()) { clearTimeout(state.refresh); state.refresh = setTimeout(redraw, 5000); return; }
    route();
  }

  /**
   * The API refused the token (it expired, or the provider withdrew its key): sign in again and come back to this
   * page; at a provider with single sign-on that is a round trip the user barely sees. A token refused within a minute
   * of signing in is not retried, so a misconfigured provider cannot send the browser round in circles.
   */
  function expired() {
    const back = location.hash;
    const recent = Date.now() - Number(sessionStorage.getItem('jx.signedInAt') || 0) < 60000;
    signOut();
    if (recent) { state.signInError = t('signInRefused'); loginView(); } else { signIn(back); }
  }

  function signOut() {
    state.gen++; clearTimeout(state.refresh);
    state.token = null; sessionStorage.removeItem('jx.token');
    state.years = null; sessionStorage.removeItem('jx.period'); // the next user opens on the latest year of their own
    state.feed = []; drawFeed(); // what this user was shown is not left for the next one at this browser
    if (state.live) { const c = state.live; state.live = null; c.abort(); }
    location.hash = '#/login';
  }

  async function route() {
    const mine = ++state.gen;
    i18n(); periods();
    if (!state.token) { if (location.hash !== '#/login') location.hash = '#/login'; loginView(); return; }
    $('#logout').hidden = false;
    const groups = claims().groups || []; // the rating tasks are an evaluator's: a superior's or a department's
    $('#rate-link').hidden = !(groups.includes('superior') || groups.includes('department'));
    $('#quality-link').hidden = !(groups.includes('admin') || groups.includes('department'));
    $('#import-link').hidden = !(groups.includes('admin') || groups.includes('department'));
    if (state.years === null) {
      const years = await api('/api/v1/portal/years').catch(() => false); // asked once per sign-in
      if (mine !== state.gen) return;
      state.years = years; periods();
    }
    const m = location.hash.match(/^#\/dept\/([A-Z][A-Z0-9_-]*)/);
    try {
      if (location.hash.startsWith('#/rate')) await rateView(); else if (location.hash.startsWith('#/quality')) await qualityView();
      else if (location.hash.startsWith('#/import')) await importView();
      else if (m) await deptView(m[1]); else await leagueView();
    } catch (e) {
      if (state.token && mine === state.gen) $('#view').innerHTML = '<p class="error" role="alert">' + esc(e.message) + '</p>';
    }
    // a panel whose service did not answer in time (most often one just started, whose first calls are slow) is asked
    // again every 5 s for up to a minute, while the view stays the same; any other view starts the count again
    const view = location.hash;
    state.retries = state.retriedView === view ? state.retries : 0;
    state.retriedView = view;
    if (mine === state.gen && state.retries < 12 && document.querySelector('[data-panel="unavailable"]')) {
      state.retries++; clearTimeout(state.refresh); state.refresh = setTimeout(redraw, 5000);
    }
  }

  document.addEventListener('DOMContentLoaded', async () => {
    $('#lang').addEventListener('click', () => { state.lang = state.lang === 'zh' ? 'en' : 'zh'; localStorage.setItem('jx.lang', state.lang); route(); });
    $('#logout').addEventListener('click', () => {
      signOut();
      // a provider with single sign-on (not the demo issuer) ends its session too, then sends the browser back here
      const p = state.provider;
      if (p && p.meta.end_session_endpoint) location.assign(p.meta.end_session_endpoint + '?' + new URLSearchParams({
        client_id: p.cfg.clientId, post_logout_redirect_uri: redirectUri() }));
    });
    $('#period').addEventListener('change', e => {
      sessionStorage.setItem('jx.period', e.target.value);
      location.hash = location.hash.split('?')[0] + '?period=' + e.target.value;
    });
    await finishSignIn();
    window.addEventListener('hashchange', route);
    // the radar follows its card when the window (or a phone turned sideways) changes the layout
    window.addEventListener('resize', () => { if (state.chart && !state.chart.isDisposed() && $('#radar')) state.chart.resize(); });
    connectLive();
    route();
  });
})();
