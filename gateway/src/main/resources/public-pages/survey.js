// The public survey page: no login, no cookies, no third-party code. Chinese by default, English on request.
(function () {
  'use strict';
  var T = {
    zh: { loading: '正在加载问卷…', identity: '您的身份', required: '带 * 的为必答题', submit: '提交', sending: '正在提交…',
      thanks: '感谢您的参与！', thanksText: '您的意见已提交，我们会认真改进。', other: 'English', brand: '绩效 · 满意度调查',
      CITIZEN: '办事群众', ENTERPRISE: '企业', PARTNER: '合作单位', requiredMissing: '请回答此题',
      notFound: '找不到这份问卷，请检查链接。', closed: '这份问卷已经结束，感谢您的关注。', notOpen: '这份问卷尚未开始。',
      inviteOnly: '这份问卷仅限受邀者填写，请使用邀请函上的链接。', tokenUsed: '这个邀请链接已经使用过了，每个邀请只能提交一次。',
      tokenForeign: '这个邀请链接对这份问卷无效。', tooMany: '提交过于频繁，请稍后再试。', invalid: '请检查以下内容：',
      network: '网络连接失败，请稍后重试。', failed: '提交未成功，请稍后重试。',
      unavailable: '服务暂时不可用，请稍后刷新本页。', unavailableSend: '服务暂时不可用，您填写的内容仍在本页，请稍后再提交。', chooseGroup: '请先选择您的身份',
      veryLow: '非常不满意', veryHigh: '非常满意', npsLow: '完全不可能', npsHigh: '非常可能', textLimit: '最多 2000 字' },
    en: { loading: 'Loading the survey…', identity: 'You are', required: 'Questions marked * are required', submit: 'Submit',
      sending: 'Sending…', thanks: 'Thank you for taking part!', thanksText: 'Your answers have been received.',
      other: '中文', brand: 'Jixiao · Satisfaction survey', CITIZEN: 'A citizen', ENTERPRISE: 'An enterprise',
      PARTNER: 'A partner institution', requiredMissing: 'Please answer this question',
      notFound: 'This survey does not exist. Please check the link.', closed: 'This survey has closed. Thank you for your interest.',
      notOpen: 'This survey has not opened yet.', inviteOnly: 'This survey is by invitation only: please use the link on your invitation.',
      tokenUsed: 'This invitation has been used already: each invitation answers once.',
      tokenForeign: 'This invitation is not valid for this survey.', tooMany: 'Too many submissions from this device. Please try again later.',
      invalid: 'Please check the following:', network: 'The network failed. Please try again.',
      unavailable: 'The service is briefly unavailable. Please reload this page in a minute.',
      unavailableSend: 'The service is briefly unavailable. Your answers are still on this page: please send them again in a minute.',
      failed: 'The answers could not be sent. Please try again.', chooseGroup: 'Please choose who you are first',
      veryLow: 'Very dissatisfied', veryHigh: 'Very satisfied', npsLow: 'Not at all likely', npsHigh: 'Extremely likely',
      textLimit: 'At most 2000 characters' }
  };
  var params = new URLSearchParams(location.search);
  var lang = params.get('lang') === 'en' ? 'en' : 'zh';
  var surveyId = location.pathname.split('/').filter(Boolean)[1] || '';
  var token = params.get('t');
  var started = Date.now();
  // this response's id, chosen once: sent again after a lost answer, the service counts it once
  var responseId = (function () {
    var b = new Uint8Array(16);
    crypto.getRandomValues(b);
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    var h = Array.prototype.map.call(b, function (x) { return (x + 0x100).toString(16).slice(1); }).join('');
    return h.slice(0, 8) + '-' + h.slice(8, 12) + '-' + h.slice(12, 16) + '-' + h.slice(16, 20) + '-' + h.slice(20);
  })();
  var survey = null;
  var group = null;
  var $ = function (id) { return document.getElementById(id); };
  var t = function (k) { return T[lang][k]; };

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text != null) { e.textContent = text; }
    return e;
  }

  function showAlert(message, items) {
    var a = $('alert');
    a.textContent = message;
    if (items && items.length) {
      var ul = el('ul');
      items.forEach(function (i) { ul.appendChild(el('li', {}, i)); });
      a.appendChild(ul);
    }
    a.hidden = false;
    a.focus && a.setAttribute('tabindex', '-1');
    a.focus();
  }

  function clearAlert() { $('alert').hidden = true; $('alert').textContent = ''; }

  function applyLanguage() {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
    $('lang').textContent = t('other');
    $('lang').setAttribute('lang', lang === 'zh' ? 'en' : 'zh');
    $('brand').textContent = t('brand');
    $('groupLegend').textContent = t('identity');
    $('requiredHint').textContent = t('required');
    $('submit').textContent = t('submit');
    $('thanksTitle').textContent = t('thanks');
    $('thanksText').textContent = t('thanksText');
    if (survey) {
      var title = lang === 'en' && survey.titleEn ? survey.titleEn : survey.titleZh;
      $('title').textContent = title;
      document.title = title;
      renderGroups();
      renderQuestions();
    } else {
      $('title').textContent = t('loading');
    }
  }

  function text(q) { return lang === 'en' && q.textEn ? q.textEn : q.textZh; }
  function label(o) { return lang === 'en' && o.labelEn ? o.labelEn : o.labelZh; }

  function renderGroups() {
    var box = $('groupOptions');
    box.textContent = '';
    survey.groups.forEach(function (g) {
      var id = 'group-' + g;
      var l = el('label', { 'for': id });
      var i = el('input', { type: 'radio', name: 'group', id: id, value: g });
      if (g === group) { i.checked = true; }
      i.addEventListener('change', function () { group = g; renderQuestions(); });
      l.appendChild(i);
      l.appendChild(document.createTextNode(t(g)));
      box.appendChild(l);
    });
    $('groups').hidden = survey.groups.length < 2;
  }

  function remember() {
    var kept = {};
    Array.prototype.forEach.call(document.querySelectorAll('#questions input:checked, #questions textarea'), function (i) {
      kept[i.id] = i.type === 'radio' || i.type === 'checkbox' ? true : i.value;
    });
    return kept;
  }

  function renderQuestions() {
    var kept = remember();
    var box = $('questions');
    box.textContent = '';
    if (!group) { return; }
    survey.questions.filter(function (q) { return q.group === group; }).forEach(function (q, n) {
      var fs = el('fieldset', { id: 'q-' + q.code, 'data-code': q.code, 'data-type': q.type });
      var lg = el('legend', { id: 'q-' + q.code + '-label' }, (n + 1) + '. ' + text(q));
      if (q.required) {
        lg.appendChild(el('span', { 'class': 'req', 'aria-hidden': 'true' }, '*'));
        fs.setAttribute('aria-required', 'true');
      }
      fs.appendChild(lg);
      var choices = [];
      if (q.type === 'LIKERT5') { choices = [1, 2, 3, 4, 5].map(function (v) { return { code: String(v), text: String(v) }; }); }
      if (q.type === 'NPS') { choices = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map(function (v) { return { code: String(v), text: String(v) }; }); }
      if (q.type === 'GOOD_BAD5' || q.type === 'SINGLE_CHOICE' || q.type === 'MULTIPLE_CHOICE') {
        choices = (q.options || []).map(function (o) { return { code: o.code, text: label(o) }; });
      }
      if (q.type === 'TEXT') {
        var ta = el('textarea', { id: 'a-' + q.code, maxlength: '2000', 'aria-labelledby': 'q-' + q.code + '-label',
          'aria-describedby': 'a-' + q.code + '-hint' });
        if (kept[ta.id]) { ta.value = kept[ta.id]; }
        fs.appendChild(ta);
        fs.appendChild(el('p', { id: 'a-' + q.code + '-hint', 'class': 'hint' }, t('textLimit')));
      } else {
        var opts = el('div', { 'class': 'options' + (q.type === 'LIKERT5' || q.type === 'NPS' ? ' scale' : ''),
          role: q.type === 'MULTIPLE_CHOICE' ? 'group' : 'radiogroup', 'aria-labelledby': 'q-' + q.code + '-label' });
        choices.forEach(function (c) {
          var id = 'a-' + q.code + '-' + c.code;
          var l = el('label', { 'for': id });
          var i = el('input', { type: q.type === 'MULTIPLE_CHOICE' ? 'checkbox' : 'radio', name: 'a-' + q.code, id: id,
            value: c.code });
          if (kept[id]) { i.checked = true; }
          l.appendChild(i);
          l.appendChild(document.createTextNode(c.text));
          opts.appendChild(l);
        });
        fs.appendChild(opts);
        if (q.type === 'LIKERT5' || q.type === 'NPS') {
          var ends = el('div', { 'class': 'scale-ends', 'aria-hidden': 'true' });
          ends.appendChild(el('span', {}, q.type === 'NPS' ? t('npsLow') : t('veryLow')));
          ends.appendChild(el('span', {}, q.type === 'NPS' ? t('npsHigh') : t('veryHigh')));
          fs.appendChild(ends);
        }
      }
      fs.addEventListener('change', function () {
        fs.classList.remove('invalid');
        var err = fs.querySelector('.field-error');
        if (err) { err.remove(); fs.removeAttribute('aria-describedby'); }
      });
      box.appendChild(fs);
    });
  }

  function collect() {
    var answers = [];
    var missing = [];
    survey.questions.filter(function (q) { return q.group === group; }).forEach(function (q) {
      var fs = $('q-' + q.code);
      fs.classList.remove('invalid');
      var old = fs.querySelector('.field-error');
      if (old) { old.remove(); }
      var a = { question: q.code };
      var given = false;
      if (q.type === 'TEXT') {
        var v = $('a-' + q.code).value.trim();
        if (v) { a.text = v; given = true; }
      } else if (q.type === 'MULTIPLE_CHOICE') {
        var picked = Array.prototype.map.call(fs.querySelectorAll('input:checked'), function (i) { return i.value; });
        if (picked.length) { a.choices = picked; given = true; }
      } else {
        var c = fs.querySelector('input:checked');
        if (c) {
          if (q.type === 'LIKERT5' || q.type === 'NPS') { a.value = Number(c.value); } else { a.choice = c.value; }
          given = true;
        }
      }
      if (given) { answers.push(a); } else if (q.required) {
        missing.push(q);
        fs.classList.add('invalid');
        var p = el('p', { 'class': 'field-error', id: 'q-' + q.code + '-error' }, t('requiredMissing'));
        fs.appendChild(p);
        fs.setAttribute('aria-describedby', p.id);
      }
    });
    return { answers: answers, missing: missing };
  }

  function problemMessage(status, problem, sending) {
    var detail = (problem && problem.detail) || '';
    if (status === 502 || status === 503 || status === 504) { return t(sending ? 'unavailableSend' : 'unavailable'); }
    if (status === 404) { return t('notFound'); }
    if (status === 409 && /invitation/.test(detail)) { return t('tokenUsed'); }
    if (status === 409 && /closed/.test(detail)) { return t('closed'); }
    if (status === 409 && /not open/.test(detail)) { return t('notOpen'); }
    if (status === 403 && /invitation only/.test(detail)) { return t('inviteOnly'); }
    if (status === 403) { return t('tokenForeign'); }
    if (status === 429) { return t('tooMany'); }
    if (status === 400 || status === 422) { return t('invalid'); }
    return t('failed');
  }

  function submit(ev) {
    ev.preventDefault();
    clearAlert();
    if (!group) { showAlert(t('chooseGroup')); return; }
    var c = collect();
    if (c.missing.length) {
      showAlert(t('invalid'), c.missing.map(text));
      var first = document.querySelector('#q-' + c.missing[0].code + ' input, #q-' + c.missing[0].code + ' textarea');
      if (first) { first.focus(); }
      return;
    }
    var body = { group: group, channel: 'WEB', answers: c.answers, durationMs: Date.now() - started,
      responseId: responseId };
    if (token) { body.token = token; }
    $('submit').disabled = true;
    $('submit').textContent = t('sending');
    fetch('/api/v1/public/surveys/' + encodeURIComponent(surveyId) + '/responses', {
      method: 'POST', headers: { 'Content-Type': 'application/json', 'Accept': 'application/json' },
      body: JSON.stringify(body), credentials: 'omit'
    }).then(function (r) {
      if (r.status === 201) {
        $('form').hidden = true;
        $('thanks').hidden = false;
        $('thanks').focus();
        return null;
      }
      return r.json().catch(function () { return {}; }).then(function (p) {
        var items = (p.violations || []).map(function (v) { return v.field + ': ' + v.message; });
        showAlert(problemMessage(r.status, p, true), items);
      });
    }).catch(function () { showAlert(t('network')); }).then(function () {
      $('submit').disabled = false;
      $('submit').textContent = t('submit');
    });
  }

  function load() {
    applyLanguage();
    if (!/^[0-9a-fA-F-]{36}$/.test(surveyId)) { showAlert(t('notFound')); $('title').textContent = ''; return; }
    fetch('/api/v1/public/surveys/' + surveyId, { headers: { 'Accept': 'application/json' }, credentials: 'omit' })
      .then(function (r) {
        return r.json().catch(function () { return {}; }).then(function (p) { return { status: r.status, body: p }; });
      }).then(function (res) {
        if (res.status !== 200) {
          $('title').textContent = '';
          showAlert(problemMessage(res.status, res.body));
          return;
        }
        survey = res.body;
        if (survey.access === 'TOKEN' && !token) {
          showAlert(t('inviteOnly'));
        }
        group = survey.groups.length === 1 ? survey.groups[0] : null;
        $('form').hidden = survey.access === 'TOKEN' && !token;
        applyLanguage();
      }).catch(function () { showAlert(t('network')); });
  }

  $('lang').addEventListener('click', function () {
    lang = lang === 'zh' ? 'en' : 'zh';
    var u = new URL(location.href);
    if (lang === 'en') { u.searchParams.set('lang', 'en'); } else { u.searchParams.delete('lang'); }
    history.replaceState(null, '', u.toString());
    applyLanguage();
  });
  $('form').addEventListener('submit', submit);
  load();
}());
