package io.jixiao.evaluation.service;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.jixiao.evaluation.config.EvaluationConfig;
import io.jixiao.evaluation.domain.Appeal;
import io.jixiao.evaluation.domain.Cycle;
import io.jixiao.evaluation.domain.CycleStatus;
import io.jixiao.evaluation.domain.LifecycleException;
import io.jixiao.evaluation.domain.Rating;
import io.jixiao.evaluation.domain.SubjectResult;
import io.jixiao.evaluation.domain.composite.Criterion;
import io.jixiao.evaluation.messaging.EvaluationEvents;
import io.jixiao.evaluation.messaging.EvaluationEvents.ResultAmended;
import io.jixiao.evaluation.repository.AppealRepository;
import io.jixiao.evaluation.repository.RatingRepository;
import io.jixiao.evaluation.repository.ResultRepository;
import io.jixiao.kit.outbox.Outbox;
import io.jixiao.kit.problem.ProblemException.AccessDeniedException;
import io.jixiao.kit.problem.ProblemException.ConflictException;
import io.jixiao.kit.problem.ProblemException.ResourceNotFoundException;
import io.jixiao.kit.problem.ProblemException.RuleViolationException;
import io.jixiao.kit.security.CurrentUser;

/**
 * Appeals: a subject appeals its published result within the window; the office rejects it, or accepts it with an
 * amended rating or input. An accepted appeal recomputes the cycle from its frozen inputs, re-ranks, stores the
 * amended results and publishes {@code result.amended} for every subject whose result changed.
 */
@ApplicationScoped
public class AppealService {

    public record AmendedRating(UUID rating, List<Criterion> criteria) {
    }

    /** What the office changes when it accepts: ratings, the scorecard total or the satisfaction index. */
    public record Amendment(List<AmendedRating> ratings, BigDecimal scorecardTotal, BigDecimal satisfactionIndex) {
    }

    private final CycleService cycles;
    private final AppealRepository appeals;
    private final RatingRepository ratings;
    private final LedgerAppender appender;
    private final ResultRepository results;
    private final ResultService resultService;
    private final Outbox outbox;
    private final EvaluationConfig config;
    private final ObjectMapper mapper;

    public AppealService(CycleService cycles, AppealRepository appeals, RatingRepository ratings,
            LedgerAppender appender, ResultRepository results, ResultService resultService, Outbox outbox,
            EvaluationConfig config, ObjectMapper mapper) {
        this.cycles = cycles;
        this.appeals = appeals;
        this.ratings = ratings;
        this.appender = appender;
        this.results = results;
        this.resultService = resultService;
        this.outbox = outbox;
        this.config = config;
        this.mapper = mapper;
    }

    @Transactional
    public Appeal submit(UUID cycleId, String reason, CurrentUser caller) {
        Cycle c = cycles.get(cycleId);
        String subject = caller.dept().orElseThrow(
                () -> new AccessDeniedException("a department token must carry its department (claim dept)"));
        if (!c.includes(subject)) {
            throw new AccessDeniedException("your department is not evaluated in this cycle");
        }
        c.requireAppealable(OffsetDateTime.now(ZoneOffset.UTC));
        if (appeals.hasOpen(c.id, subject)) {
            throw new ConflictException("an appeal of " + subject + " is already under review");
        }
        Appeal a = new Appeal(c.id, subject, reason, caller.subject());
        appeals.persist(a);
        return a;
    }

    public List<Appeal> list(UUID cycleId, CurrentUser caller) {
        Cycle c = cycles.get(cycleId);
        if (caller.hasRole(CurrentUser.ADMIN)) {
            return appeals.byCycle(c.id, null);
        }
        return appeals.byCycle(c.id, caller.dept().orElse(""));
    }

    @Transactional
    public Appeal reject(UUID cycleId, UUID appealId, String note, CurrentUser caller) {
        appeals.lockDecisions(cycleId);
        Appeal a = find(cycleId, appealId);
        a.reject(caller.subject(), note);
        return a;
    }

    @Transactional
    public Appeal accept(UUID cycleId, UUID appealId, String note, Amendment amendment, CurrentUser caller) {
        appeals.lockDecisions(cycleId);
        Appeal a = find(cycleId, appealId);
        Cycle c = cycles.get(cycleId);
        if (c.status.ordinal() < CycleStatus.FINALIZED.ordinal()) {
            throw new LifecycleException("the cycle has no frozen results to amend");
        }
        boolean changesSomething = !amendment.ratings().isEmpty() || amendment.scorecardTotal() != null
                || amendment.satisfactionIndex() != null;
        if (!changesSomething) {
            throw new RuleViolationException("amendment", "an accepted appeal amends a rating or an input");
        }
        for (int i = 0; i < amendment.ratings().size(); i++) {
            amendRating(c, a, amendment.ratings().get(i), "amendment.ratings[" + i + "]");
        }
        Map<String, ResultService.Provenance> frozen = resultService.frozenInputs(c);
        ResultService.Provenance mine = frozen.get(a.subjectCode);
        if (amendment.scorecardTotal() != null) {
            mine = mine.withScorecard(amendment.scorecardTotal());
        }
        if (amendment.satisfactionIndex() != null) {
            int n = mine.satisfactionN() == null ? 0 : mine.satisfactionN();
            if (n < c.minPublicSample) {
                // the index would be stored and shown, and the public party would still be absent
                throw new RuleViolationException("satisfactionIndex", "the public party of " + a.subjectCode
                        + " had a sample of " + n + ", below the cycle's minimum of " + c.minPublicSample
                        + ": an amended index would not count");
            }
            mine = mine.withSatisfaction(amendment.satisfactionIndex());
        }
        frozen.put(a.subjectCode, mine);

        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        for (ResultService.Explained e : resultService.recomputeFrozen(c, frozen)) {
            ResultView view = ResultView.of(e, c).frozen();
            SubjectResult stored = results.one(c.id, view.subject()).orElseThrow();
            String grade = view.grade() == null ? null : view.grade().name();
            boolean changed = !Objects.equals(grade, stored.grade) || !Objects.equals(view.rank(), stored.rank)
                    || !sameNumber(view.composite(), stored.composite);
            stored.breakdown = view.toJson(mapper);
            if (!changed) {
                continue;
            }
            stored.composite = view.composite();
            stored.coverage = view.coverage();
            stored.grade = grade;
            stored.rank = view.rank();
            stored.flags = new ArrayList<>(view.flags());
            stored.computedAt = now;
            outbox.publish(config.topic(), EvaluationEvents.RESULT_AMENDED, stored.subjectCode,
                    new ResultAmended(c.id, c.period, stored.subjectCode, ResultService.partyScores(e.result()),
                            stored.composite, stored.coverage, stored.grade, stored.rank, stored.flags, a.id));
        }
        a.accept(caller.subject(), note, json(amendment));
        return a;
    }

    /** The office's correction of a rating: a new version of it, on the ledger like any rating. */
    private void amendRating(Cycle c, Appeal a, AmendedRating change, String field) {
        Rating old = ratings.findByIdOptional(change.rating()).filter(r -> r.current && r.cycleId.equals(c.id))
                .orElseThrow(() -> new RuleViolationException(field + ".rating", "no current rating "
                        + change.rating() + " in this cycle"));
        if (!old.subjectCode.equals(a.subjectCode)) {
            throw new RuleViolationException(field + ".rating", "rating " + old.id + " is not of " + a.subjectCode);
        }
        List<String> allowed = c.criteriaFor(old.party);
        for (Criterion cr : change.criteria()) {
            if (!allowed.contains(cr.code())) {
                throw new RuleViolationException(field + ".criteria", "criterion " + cr.code()
                        + " is not in the rights list of " + old.party + " " + allowed);
            }
        }
        ratings.lockSlot(c.id, old.subjectCode, old.party, old.evaluator);
        old.supersede();
        ratings.flush();
        Rating amended = new Rating(c.id, old.subjectCode, old.party, old.evaluator, change.criteria(),
                "amended on appeal " + a.id, old.evidenceUrl, "appeal:" + a.id);
        ratings.persist(amended);
        ratings.flush();
        appender.enqueue(amended, true);
    }

    private Appeal find(UUID cycleId, UUID appealId) {
        return appeals.findByIdOptional(appealId).filter(x -> x.cycleId.equals(cycleId))
                .orElseThrow(() -> new ResourceNotFoundException("appeal", appealId));
    }

    private String json(Amendment a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ratings", a.ratings());
        m.put("scorecardTotal", a.scorecardTotal());
        m.put("satisfactionIndex", a.satisfactionIndex());
        try {
            return mapper.writeValueAsString(m);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean sameNumber(BigDecimal a, BigDecimal b) {
        return a == null ? b == null : b != null && a.compareTo(b) == 0;
    }
}
