package io.jixiao.budget.service;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import org.jboss.logging.Logger;

import io.jixiao.budget.config.BudgetConfig;
import io.jixiao.budget.domain.BudgetProject;
import io.jixiao.budget.domain.KnownSubject;
import io.jixiao.budget.domain.PoliticalInput;
import io.jixiao.budget.domain.Proposal;
import io.jixiao.budget.domain.ResultInput;
import io.jixiao.budget.domain.RuleTableRow;
import io.jixiao.budget.domain.rules.Grade;
import io.jixiao.budget.domain.rules.ProposalCalculator;
import io.jixiao.budget.domain.rules.RuleTable;
import io.jixiao.budget.messaging.BudgetEvents;
import io.jixiao.budget.messaging.BudgetEvents.AdjustmentProposed;
import io.jixiao.budget.messaging.BudgetEvents.ResultFinalized;
import io.jixiao.budget.messaging.BudgetEvents.ScorecardComputed;
import io.jixiao.budget.messaging.BudgetEvents.SubjectRegistered;
import io.jixiao.budget.repository.InputRepository;
import io.jixiao.budget.repository.ProjectRepository;
import io.jixiao.budget.repository.ProposalRepository;
import io.jixiao.kit.inbox.EventEnvelope;
import io.jixiao.kit.inbox.PoisonEventException;
import io.jixiao.kit.outbox.Outbox;
import io.jixiao.kit.web.Decimals;

/**
 * Budgets follow performance: a subject's final result for a year turns each of its projects of that year into a
 * proposal for the next, published with its explanation. Runs inside the idempotent consumer's transaction.
 */
@ApplicationScoped
public class LinkageService {

    private static final Logger LOG = Logger.getLogger(LinkageService.class);

    private final InputRepository inputs;
    private final ProjectRepository projects;
    private final ProposalRepository proposals;
    private final Outbox outbox;
    private final BudgetConfig config;

    public LinkageService(InputRepository inputs, ProjectRepository projects, ProposalRepository proposals,
            Outbox outbox, BudgetConfig config) {
        this.inputs = inputs;
        this.projects = projects;
        this.proposals = proposals;
        this.outbox = outbox;
        this.config = config;
    }

    @Transactional(TxType.MANDATORY)
    public void subject(EventEnvelope env, SubjectRegistered s) {
        if (s.code() == null || s.nameZh() == null) {
            throw new PoisonEventException("subject event " + env.id() + " without code or name");
        }
        KnownSubject k = inputs.subject(s.code()).orElse(null);
        boolean fresh = k == null;
        if (fresh) {
            k = new KnownSubject();
            k.code = s.code();
        }
        k.nameZh = s.nameZh();
        k.parentCode = s.parentCode();
        k.activeFrom = s.activeFrom();
        k.activeTo = s.activeTo();
        k.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
        if (fresh) {
            inputs.persist(k);
        }
    }

    @Transactional(TxType.MANDATORY)
    public void scorecard(EventEnvelope env, ScorecardComputed e) {
        if (e.subject() == null || e.period() == null || e.computedAt() == null) {
            throw new PoisonEventException("scorecard event " + env.id() + " without subject, period or time");
        }
        PoliticalInput p = inputs.political(e.subject(), e.period()).orElse(null);
        if (p != null && p.computedAt.isAfter(e.computedAt())) {
            return;
        }
        boolean fresh = p == null;
        if (fresh) {
            p = new PoliticalInput();
            p.subjectCode = e.subject();
            p.period = e.period();
        }
        p.political = e.dimensions() == null ? null : e.dimensions().get("POLITICAL");
        p.computedAt = e.computedAt();
        p.eventId = env.id();
        if (fresh) {
            inputs.persist(p);
        }
    }

    /** A final (or amended) result: record it, then propose next year's amount for each project of that year. */
    @Transactional(TxType.MANDATORY)
    public void result(EventEnvelope env, ResultFinalized e) {
        if (e.subject() == null || e.period() == null || e.cycle() == null) {
            throw new PoisonEventException("result event " + env.id() + " without subject, period or cycle");
        }
        ResultInput r = inputs.result(e.subject(), e.period()).orElse(null);
        boolean fresh = r == null;
        if (fresh) {
            r = new ResultInput();
            r.subjectCode = e.subject();
            r.period = e.period();
        }
        r.cycleId = e.cycle();
        r.grade = e.grade();
        r.composite = e.composite();
        r.eventId = env.id();
        r.receivedAt = OffsetDateTime.now(ZoneOffset.UTC);
        if (fresh) {
            inputs.persist(r);
        }
        if (e.grade() == null || !e.period().matches("\\d{4}")) {
            LOG.infof("result of %s for %s has no grade or is not annual: no budget proposal", e.subject(), e.period());
            return;
        }
        int year = Integer.parseInt(e.period());
        Grade previous = inputs.result(e.subject(), String.valueOf(year - 1)).map(x -> x.grade)
                .filter(g -> g != null).map(Grade::valueOf).orElse(null);
        BigDecimal political = inputs.political(e.subject(), e.period()).map(p -> p.political).orElse(null);
        ResultInput result = r;
        propose(projects.of(e.subject(), year), year, s -> result, s -> previous, s -> political,
                inputs.rulesFor(year), env.id());
    }

    /**
     * Recomputes the proposals of every project of a fiscal year from the stored results, in chunks (one query per
     * kind of input, JDBC batching, a bounded persistence context). Returns how many proposals were written.
     */
    @Transactional
    public int recomputeYear(int year) {
        Map<String, ResultInput> results = new HashMap<>();
        inputs.results(String.valueOf(year)).forEach(x -> results.put(x.subjectCode, x));
        Map<String, Grade> previous = new HashMap<>();
        inputs.results(String.valueOf(year - 1)).stream().filter(x -> x.grade != null)
                .forEach(x -> previous.put(x.subjectCode, Grade.valueOf(x.grade)));
        Map<String, BigDecimal> political = new HashMap<>();
        inputs.politicals(String.valueOf(year)).forEach(x -> political.put(x.subjectCode, x.political));
        RuleTableRow rules = inputs.rulesFor(year);
        List<BudgetProject> all = projects.list("fiscalYear = ?1 order by subjectCode, id", year).stream()
                .filter(p -> results.containsKey(p.subjectCode) && results.get(p.subjectCode).grade != null).toList();
        int written = 0;
        for (int from = 0; from < all.size(); from += CHUNK) {
            List<BudgetProject> chunk = all.subList(from, Math.min(all.size(), from + CHUNK));
            written += propose(chunk, year, results::get, previous::get, political::get, rules, null);
            projects.getEntityManager().flush();
            projects.getEntityManager().clear();
        }
        return written;
    }

    private static final int CHUNK = 500;

    /**
     * Proposes next year's amount for each project, stores it and queues {@code adjustment.proposed}; how many it
     * proposed. A project whose subject is not active in the next year (closed, or merged into another, before it
     * begins) gets no proposal: its budget is a decision for whoever takes over the work, which no rule here knows.
     * A proposal made before the subject was closed is kept, as records made before a closing are everywhere.
     */
    private int propose(List<BudgetProject> list, int year, Function<String, ResultInput> result,
            Function<String, Grade> previous, Function<String, BigDecimal> political, RuleTableRow rules,
            UUID sourceEvent) {
        var existing = proposals.of(list.stream().map(x -> x.id).toList(), year + 1);
        RuleTable table = rules.toTable(year);
        Map<String, KnownSubject> subjects = inputs.subjects(list.stream().map(x -> x.subjectCode).distinct().toList());
        String next = String.valueOf(year + 1);
        int written = 0;
        for (BudgetProject project : list) {
            KnownSubject subject = subjects.get(project.subjectCode);
            if (subject != null && !subject.active().overlaps(next)) { // closed before next year begins
                LOG.infof("%s: no proposal for project %s", subject.active().refusal(subject.code, next, "budget"),
                        project.id);
                continue;
            }
            ResultInput r = result.apply(project.subjectCode);
            ProposalCalculator.Proposal p = ProposalCalculator.propose(new ProposalCalculator.Input(project.category,
                    project.approvedAmount, Grade.valueOf(r.grade), r.composite, political.apply(project.subjectCode),
                    previous.apply(project.subjectCode), year), table);
            Proposal saved = existing.get(project.id);
            boolean isNew = saved == null;
            if (isNew) {
                saved = new Proposal();
                saved.id = UUID.randomUUID();
                saved.projectId = project.id;
                saved.subjectCode = project.subjectCode;
                saved.fiscalYear = year + 1;
                saved.basedOnYear = year;
            }
            saved.current = project.approvedAmount;
            saved.proposed = p.proposed();
            saved.ceiling = p.ceiling();
            saved.adjustmentPercent = p.adjustmentPercent();
            saved.action = p.action();
            saved.rule = p.rule();
            saved.ruleTableVersion = rules.version;
            saved.explanation = p.explanation();
            saved.sourceEvent = sourceEvent == null ? r.eventId : sourceEvent;
            saved.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
            if (isNew) {
                proposals.persist(saved);
            }
            outbox.publish(config.topic(), BudgetEvents.ADJUSTMENT_PROPOSED, project.subjectCode,
                    new AdjustmentProposed(project.id, project.subjectCode, year + 1, year, project.category.name(),
                            saved.current, saved.proposed, saved.ceiling, Decimals.stored(saved.adjustmentPercent),
                            saved.action.name(), saved.rule, saved.ruleTableVersion, saved.explanation));
            written++;
        }
        return written;
    }
}
