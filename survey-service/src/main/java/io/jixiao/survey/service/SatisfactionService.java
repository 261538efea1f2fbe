package io.jixiao.survey.service;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.jixiao.kit.outbox.Outbox;
import io.jixiao.kit.problem.ProblemException.ResourceNotFoundException;
import io.jixiao.kit.sql.DatabaseOutage;
import io.jixiao.kit.web.Decimals;
import io.jixiao.survey.config.SurveyConfig;
import io.jixiao.survey.domain.Satisfaction;
import io.jixiao.survey.domain.Survey;
import io.jixiao.survey.domain.index.GroupStats;
import io.jixiao.survey.domain.index.RespondentGroup;
import io.jixiao.survey.domain.index.SatisfactionIndex;
import io.jixiao.survey.messaging.SurveyEvents;
import io.jixiao.survey.messaging.SurveyEvents.GroupIndex;
import io.jixiao.survey.messaging.SurveyEvents.SatisfactionComputed;
import io.jixiao.survey.repository.ResponseRepository;
import io.jixiao.survey.repository.SatisfactionRepository;
import io.jixiao.survey.repository.SurveyRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * Recomputes the satisfaction index of every subject-period that received responses since the last round (the
 * responses only mark it, so accepting a response stays cheap), stores it and publishes it when it changed.
 */
@ApplicationScoped
public class SatisfactionService {

    private static final Logger LOG = Logger.getLogger(SatisfactionService.class);

    private final ResponseRepository responses;
    private final SatisfactionRepository indices;
    private final SurveyRepository surveys;
    private final Outbox outbox;
    private final SurveyConfig config;

    public SatisfactionService(ResponseRepository responses, SatisfactionRepository indices, SurveyRepository surveys,
            Outbox outbox, SurveyConfig config) {
        this.responses = responses;
        this.indices = indices;
        this.surveys = surveys;
        this.outbox = outbox;
        this.config = config;
    }

    /**
     * One round: every subject-period marked when the round starts is recomputed once, each in its own transaction
     * that first deletes the marks it can see. Marks that arrive meanwhile wait for the next round, so a survey
     * answered without pause is recomputed once per interval, not over and over.
     */
    @Scheduled(every = "${jixiao.survey.recompute-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    public void recomputeDirty() {
        // in an outage the marks stay in the database: the first round after it is back recomputes them
        DatabaseOutage.orWait(() -> {
            for (Object[] marked : QuarkusTransaction.requiringNew().call(responses::marked)) {
                String subject = (String) marked[0];
                String period = (String) marked[1];
                QuarkusTransaction.requiringNew().run(() -> {
                    if (responses.takeMarks(subject, period) > 0) {
                        recompute(subject, period);
                    }
                });
            }
        }, LOG, "satisfaction recompute");
    }

    /** Recomputes one subject-period in the caller's transaction; publishes only if the index changed. */
    public Satisfaction recompute(String subject, String period) {
        Optional<Survey> survey = surveys.latestFor(subject, period);
        if (survey.isEmpty()) {
            LOG.warnf("responses for %s %s without a survey", subject, period);
            return null;
        }
        Map<RespondentGroup, GroupStats> stats = responses.groupStats(subject, period);
        SatisfactionIndex.Result r = SatisfactionIndex.compute(stats, survey.get().groupWeights);
        Satisfaction s = indices.findByIdOptional(new Satisfaction.Key(subject, period)).orElse(null);
        boolean fresh = s == null;
        BigDecimal index = Decimals.stored(r.index());
        if (!fresh && s.n == r.n() && same(s.index, index)) {
            return s;
        }
        if (fresh) {
            s = new Satisfaction();
            s.subjectCode = subject;
            s.period = period;
        }
        s.index = index;
        s.n = r.n();
        s.standardError = Decimals.stored(r.standardError());
        s.lower95 = Decimals.stored(r.lower95());
        s.upper95 = Decimals.stored(r.upper95());
        s.groups = r.groups().stream().map(g -> new SatisfactionIndex.GroupResult(g.group(), g.weight(),
                Decimals.stored(g.effectiveWeight()), Decimals.stored(g.index()), g.n(),
                Decimals.stored(g.standardDeviation()))).toList();
        s.flags = r.flags();
        s.computedAt = OffsetDateTime.now(ZoneOffset.UTC);
        if (fresh) {
            indices.persist(s);
        }
        if (s.index != null) {
            outbox.publish(config.topic(), SurveyEvents.SATISFACTION_COMPUTED, subject, toEvent(s));
        }
        return s;
    }

    /** Every subject's index of a period, by subject code. */
    public List<Satisfaction> all(String period) {
        return indices.list("period", io.quarkus.panache.common.Sort.by("subjectCode"), period);
    }

    public Satisfaction get(String subject, String period) {
        return indices.findByIdOptional(new Satisfaction.Key(subject, period))
                .orElseThrow(() -> new ResourceNotFoundException("satisfaction index of " + subject + " for", period));
    }

    static SatisfactionComputed toEvent(Satisfaction s) {
        return new SatisfactionComputed(s.subjectCode, s.period, s.index, s.n, s.standardError, s.lower95, s.upper95,
                s.groups.stream().map(g -> new GroupIndex(g.group().name(), g.weight(), g.effectiveWeight(),
                        g.index(), g.n(), g.standardDeviation())).toList(),
                s.flags, s.computedAt);
    }

    private static boolean same(BigDecimal a, BigDecimal b) {
        return a == null ? b == null : b != null && a.compareTo(b) == 0;
    }

}
