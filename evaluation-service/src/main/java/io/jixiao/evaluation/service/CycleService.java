package io.jixiao.evaluation.service;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.hibernate.Hibernate;

import io.jixiao.evaluation.config.EvaluationConfig;
import io.jixiao.evaluation.domain.Cycle;
import io.jixiao.evaluation.domain.CyclePeriod;
import io.jixiao.evaluation.domain.CycleStatus;
import io.jixiao.evaluation.domain.SubjectResult;
import io.jixiao.evaluation.domain.composite.Party;
import io.jixiao.evaluation.domain.composite.Policy;
import io.jixiao.evaluation.messaging.EvaluationEvents;
import io.jixiao.evaluation.messaging.EvaluationEvents.ResultFinalized;
import io.jixiao.evaluation.repository.CycleRepository;
import io.jixiao.evaluation.repository.ResultRepository;
import io.jixiao.kit.outbox.Outbox;
import io.jixiao.kit.problem.ProblemException.ResourceNotFoundException;
import io.jixiao.kit.problem.ProblemException.RuleViolationException;
import io.jixiao.kit.web.PageRequest;
import io.jixiao.kit.web.Paged;
import io.jixiao.kit.web.Where;
import io.quarkus.panache.common.Sort;

/** Cycle lifecycle: create, open, close, finalize (freeze and publish results as events), publish. */
@ApplicationScoped
public class CycleService {

    /** What the office sets for a new cycle; nulls take the defaults of DESIGN section 4. */
    public record NewCycle(String name, String period, Set<String> subjects, Map<Party, BigDecimal> weights,
            BigDecimal objectiveShare, BigDecimal selfShare, Policy.MissingPolicy missingPolicy,
            Integer minPublicSample, Integer trimAtLeast, Integer appealWindowDays,
            Map<String, List<String>> criteria, BigDecimal greenThreshold, BigDecimal yellowThreshold) {
    }

    private final CycleRepository cycles;
    private final ResultRepository results;
    private final ResultService resultService;
    private final InputService inputs;
    private final Outbox outbox;
    private final EvaluationConfig config;
    private final ObjectMapper mapper;
    private final LedgerAppender appender;

    public CycleService(CycleRepository cycles, ResultRepository results, ResultService resultService,
            InputService inputs, Outbox outbox, EvaluationConfig config, ObjectMapper mapper, LedgerAppender appender) {
        this.cycles = cycles;
        this.results = results;
        this.resultService = resultService;
        this.inputs = inputs;
        this.outbox = outbox;
        this.config = config;
        this.mapper = mapper;
        this.appender = appender;
    }

    @Transactional
    public Cycle create(NewCycle n) {
        inputs.refusal(n.subjects(), n.period()).ifPresent(why -> {
            throw new RuleViolationException("subjects", why);
        });
        Policy d = Policy.defaults();
        Policy policy;
        try {
            policy = new Policy(n.weights() == null ? Policy.defaultWeights() : fillWeights(n.weights()),
                    n.objectiveShare() == null ? d.objectiveShare() : n.objectiveShare(),
                    n.selfShare() == null ? d.selfShare() : n.selfShare(),
                    n.missingPolicy() == null ? d.missing() : n.missingPolicy(),
                    n.minPublicSample() == null ? d.minPublicSample() : n.minPublicSample(),
                    n.trimAtLeast() == null ? d.trimAtLeast() : n.trimAtLeast(), d.dispersionLimit(),
                    d.divergenceLimit());
        } catch (IllegalArgumentException e) {
            throw new RuleViolationException("weights", e.getMessage());
        }
        Map<String, List<String>> criteria = n.criteria() == null || n.criteria().isEmpty()
                ? Cycle.defaultCriteria()
                : n.criteria();
        Cycle c = new Cycle(n.name(), n.period(), n.subjects(), policy,
                n.appealWindowDays() == null ? 10 : n.appealWindowDays(), criteria);
        try {
            c.lightThresholds(n.greenThreshold() == null ? c.greenThreshold : n.greenThreshold(),
                    n.yellowThreshold() == null ? c.yellowThreshold : n.yellowThreshold());
        } catch (IllegalArgumentException e) {
            throw new RuleViolationException("greenThreshold", e.getMessage());
        }
        cycles.persist(c);
        return c;
    }

    private static Map<Party, BigDecimal> fillWeights(Map<Party, BigDecimal> given) {
        Map<Party, BigDecimal> w = new java.util.EnumMap<>(Party.class);
        for (Party p : Party.values()) {
            w.put(p, given.getOrDefault(p, BigDecimal.ZERO));
        }
        return w;
    }

    public Cycle get(UUID id) {
        return cycles.findByIdOptional(id).orElseThrow(() -> new ResourceNotFoundException("cycle", id));
    }

    /** The cycle a rating is submitted to, read after the rating's lock on its status ({@link #close}). */
    public Cycle readForRating(UUID id) {
        cycles.lockForRating(id);
        return read(id);
    }

    /** The cycle, for reading only: changes to it are not saved (see {@link CycleRepository#findReadOnly}). */
    public Cycle read(UUID id) {
        return cycles.findReadOnly(id).orElseThrow(() -> new ResourceNotFoundException("cycle", id));
    }

    /** Whether a subject is in a cycle (one row read; the cycle's subjects stay unloaded). */
    public boolean includes(UUID cycle, String subject) {
        return cycles.includes(cycle, subject);
    }

    /** The cycles matching what is given (null narrows nothing), newest first. */
    public Paged<Cycle> list(CycleStatus status, String period, String subject, PageRequest page) {
        return Where.all().eq("status", status).eq("period", period)
                .andIf(subject != null, ":subject member of e.subjects", "subject", subject)
                .page(cycles, Sort.by("createdAt").descending().and("id"), page);
    }

    /** The periods with cycles (of those {@code subjectOrNull} is in, unless null) and how many, the latest first. */
    public List<CyclePeriod> periods(String subjectOrNull) {
        return cycles.periods(subjectOrNull);
    }

    @Transactional
    public Cycle open(UUID id) {
        Cycle c = get(id);
        c.open();
        return withSubjects(c);
    }

    /**
     * Closes the cycle once every rating in flight has committed: a rating either commits before the close, and is in
     * the results, or reads the closed cycle and is refused. None commits after the close.
     */
    @Transactional
    public Cycle close(UUID id) {
        cycles.lockStatus(id);
        Cycle c = get(id);
        c.close();
        return withSubjects(c);
    }

    /** Freezes every subject's result and rank, and publishes {@code result.finalized} for each, atomically. */
    @Transactional
    public Cycle finalizeCycle(UUID id) {
        Cycle c = get(id);
        c.markFinalized();
        appender.drain(); // every accepted rating is on the ledger before the results freeze
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        for (ResultService.Explained e : resultService.computeAll(c, false)) {
            ResultView view = ResultView.of(e, c).frozen();
            SubjectResult r = new SubjectResult();
            r.cycleId = c.id;
            r.subjectCode = view.subject();
            r.composite = view.composite();
            r.coverage = view.coverage();
            r.grade = view.grade() == null ? null : view.grade().name();
            r.rank = view.rank();
            r.flags = new ArrayList<>(view.flags());
            r.breakdown = view.toJson(mapper);
            r.computedAt = now;
            results.persist(r);
            outbox.publish(config.topic(), EvaluationEvents.RESULT_FINALIZED, r.subjectCode,
                    new ResultFinalized(c.id, c.period, r.subjectCode, ResultService.partyScores(e.result()),
                            r.composite, r.coverage, r.grade, r.rank, r.flags));
        }
        return withSubjects(c);
    }

    /** A cycle that leaves its transaction for the response, its subjects loaded while the session is open. */
    private static Cycle withSubjects(Cycle c) {
        Hibernate.initialize(c.subjects);
        return c;
    }

    @Transactional
    public Cycle publish(UUID id) {
        Cycle c = get(id);
        c.publish();
        return withSubjects(c);
    }
}
