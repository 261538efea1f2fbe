package io.jixiao.indicator.service;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.jixiao.indicator.config.IndicatorConfig;
import io.jixiao.indicator.domain.Indicator;
import io.jixiao.indicator.domain.IndicatorValue;
import io.jixiao.indicator.domain.ScorecardLine;
import io.jixiao.indicator.domain.scoring.IndicatorKind;
import io.jixiao.indicator.domain.scoring.IndicatorScorer;
import io.jixiao.indicator.domain.scoring.IndicatorSpec;
import io.jixiao.indicator.domain.scoring.Scores;
import io.jixiao.indicator.messaging.IndicatorEvents;
import io.jixiao.indicator.messaging.IndicatorEvents.ValueRecorded;
import io.jixiao.indicator.repository.IndicatorRepository;
import io.jixiao.indicator.repository.ScorecardRepository;
import io.jixiao.indicator.repository.SubjectRepository;
import io.jixiao.indicator.repository.ValueRepository;
import io.jixiao.kit.outbox.Outbox;
import io.jixiao.kit.problem.ProblemException.AccessDeniedException;
import io.jixiao.kit.problem.ProblemException.ConflictException;
import io.jixiao.kit.problem.ProblemException.InvalidInputException;
import io.jixiao.kit.problem.ProblemException.ResourceNotFoundException;
import io.jixiao.kit.problem.ProblemException.RuleViolationException;
import io.jixiao.kit.security.CurrentUser;

/** Records indicator values: authorization, scoring, history on correction, then the scorecard recompute. */
@ApplicationScoped
public class ValueService {

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(ValueService.class);

    /** A value as reported; exactly one of {@code value} and {@code level} is given. */
    public record Report(String subject, String indicator, String period, BigDecimal value, String level,
            String source, String evidenceUrl, String correctionReason) {
    }

    public record Recorded(IndicatorValue value, ScorecardService.Computed scorecard) {
    }

    private final SubjectRepository subjects;
    private final IndicatorRepository indicators;
    private final ValueRepository values;
    private final ScorecardRepository scorecards;
    private final ScorecardService scorecardService;
    private final Outbox outbox;
    private final IndicatorConfig config;

    public ValueService(SubjectRepository subjects, IndicatorRepository indicators, ValueRepository values,
            ScorecardRepository scorecards, ScorecardService scorecardService, Outbox outbox, IndicatorConfig config) {
        this.subjects = subjects;
        this.indicators = indicators;
        this.values = values;
        this.scorecards = scorecards;
        this.scorecardService = scorecardService;
        this.outbox = outbox;
        this.config = config;
    }

    @Transactional
    public Recorded record(Report r, CurrentUser caller) {
        if (subjects.findByIdOptional(r.subject()).isEmpty()) {
            throw new RuleViolationException("subject", "subject " + r.subject() + " does not exist");
        }
        authorize(r.subject(), caller);
        return store(r, caller.subject(), caller.hasRole(CurrentUser.SYSTEM));
    }

    /**
     * A value pushed by another service's event (not a request): recorded as a system value by that service; a value
     * already there is corrected, with the event named as the reason. Refused values are skipped and logged.
     */
    @Transactional
    public java.util.Optional<Recorded> recordFromEvent(Report r, String service) {
        if (subjects.findByIdOptional(r.subject()).isEmpty()) {
            LOG.warnf("%s sent a value for unknown subject %s: skipped", service, r.subject());
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(store(r, service, true));
        } catch (io.jixiao.kit.problem.ProblemException e) {
            LOG.warnf("%s sent a value of %s for %s in %s that was refused: %s", service, r.indicator(), r.subject(),
                    r.period(), e.getMessage());
            return java.util.Optional.empty();
        }
    }

    private Recorded store(Report r, String reportedBy, boolean system) {
        Indicator ind = indicators.findByIdOptional(r.indicator())
                .orElseThrow(() -> new RuleViolationException("indicator", "indicator " + r.indicator()
                        + " does not exist"));
        if (!ind.appliesTo(r.subject())) {
            throw new RuleViolationException("indicator", "indicator " + ind.code + " is not on " + r.subject()
                    + "'s scorecard");
        }
        ScorecardLine override = scorecards.lines(r.subject(), r.period()).stream()
                .filter(l -> l.indicatorCode.equals(ind.code)).findFirst().orElse(null);
        if (override != null && override.notApplicable) {
            throw new RuleViolationException("indicator", "indicator " + ind.code + " is marked not applicable for "
                    + r.subject() + " in " + r.period());
        }
        IndicatorSpec spec = ind.spec(override == null ? null : override.target);
        BigDecimal score = score(spec, r);

        IndicatorValue previous = values.current(r.subject(), ind.code, r.period()).orElse(null);
        if (previous != null) {
            if (r.correctionReason() == null || r.correctionReason().isBlank()) {
                throw new ConflictException("a value of " + ind.code + " for " + r.subject() + " in " + r.period()
                        + " exists already: a correction needs a correctionReason");
            }
            previous.supersede();
            values.flush();
        }
        IndicatorValue v = new IndicatorValue();
        v.subjectCode = r.subject();
        v.indicatorCode = ind.code;
        v.period = r.period();
        v.actual = r.value();
        v.level = r.level();
        v.score = Scores.stored(score);
        v.light = scorecardService.thresholds(r.subject(), r.period()).of(score);
        v.source = r.source() == null ? (system ? "SYSTEM" : "MANUAL") : r.source();
        v.evidenceUrl = r.evidenceUrl();
        v.reportedBy = reportedBy;
        v.reportedAt = OffsetDateTime.now(ZoneOffset.UTC);
        v.correctionReason = previous == null ? null : r.correctionReason();
        values.persist(v);
        outbox.publish(config.topic(), IndicatorEvents.VALUE_RECORDED, v.subjectCode, new ValueRecorded(v.subjectCode,
                v.indicatorCode, v.period, v.actual, v.level, v.score, v.light.name(), List.of(), previous != null));
        return new Recorded(v, scorecardService.recompute(r.subject(), r.period()));
    }

    public List<IndicatorValue> list(String subject, String period, boolean history, CurrentUser caller) {
        if (subjects.findByIdOptional(subject).isEmpty()) {
            throw new ResourceNotFoundException("subject", subject);
        }
        if (caller.hasRole(CurrentUser.DEPARTMENT)) {
            authorize(subject, caller);
        }
        return history ? values.history(subject, period) : values.currentFor(subject, period);
    }

    static BigDecimal score(IndicatorSpec spec, Report r) {
        if (spec.kind() == IndicatorKind.QUALITATIVE) {
            if (r.level() == null || r.value() != null) {
                throw new InvalidInputException("level", "a qualitative indicator takes a rubric level, one of "
                        + spec.rubric().keySet());
            }
            if (!spec.rubric().containsKey(r.level())) {
                throw new InvalidInputException("level", "'" + r.level() + "' is not in the rubric "
                        + spec.rubric().keySet());
            }
            return IndicatorScorer.scoreLevel(spec, r.level());
        }
        if (r.value() == null || r.level() != null) {
            throw new InvalidInputException("value", "a quantitative indicator takes a numeric value");
        }
        return IndicatorScorer.score(spec, r.value());
    }

    /** A department writes and reads only its own subject; admins and systems any. */
    private static void authorize(String subject, CurrentUser caller) {
        if (caller.hasRole(CurrentUser.ADMIN) || caller.hasRole(CurrentUser.SYSTEM)) {
            return;
        }
        if (caller.hasRole(CurrentUser.DEPARTMENT) && caller.dept().filter(subject::equals).isPresent()) {
            return;
        }
        throw new AccessDeniedException("you may only report values for your own department");
    }
}
