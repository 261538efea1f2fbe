package io.jixiao.indicator.service;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.jixiao.indicator.config.IndicatorConfig;
import io.jixiao.indicator.domain.Indicator;
import io.jixiao.indicator.domain.IndicatorVersion;
import io.jixiao.indicator.domain.QualityFlag;
import io.jixiao.indicator.domain.SubjectPeriod;
import io.jixiao.indicator.domain.quality.QualityRules;
import io.jixiao.indicator.domain.IndicatorValue;
import io.jixiao.indicator.domain.ScorecardLine;
import io.jixiao.indicator.domain.scoring.IndicatorKind;
import io.jixiao.indicator.domain.scoring.IndicatorScorer;
import io.jixiao.indicator.domain.scoring.Light;
import io.jixiao.indicator.domain.scoring.IndicatorSpec;
import io.jixiao.indicator.domain.scoring.Scores;
import io.jixiao.indicator.messaging.IndicatorEvents;
import io.jixiao.indicator.messaging.IndicatorEvents.ValueRecorded;
import io.jixiao.indicator.repository.IndicatorRepository;
import io.jixiao.indicator.repository.QualityFlagRepository;
import io.jixiao.indicator.repository.ScorecardRepository;
import io.jixiao.indicator.repository.SubjectRepository;
import io.jixiao.indicator.repository.ValueRepository;
import io.jixiao.kit.outbox.Outbox;
import io.jixiao.kit.period.ActivePeriod;
import io.jixiao.kit.period.Period;
import io.jixiao.kit.problem.Problem;
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

    /**
     * A value as reported; exactly one of {@code value} and {@code level} is given. The actual is kept to
     * {@link #SCALE} decimals, rounded half-up, from here on: it is scored, answered, stored and published as that
     * number (its column is numeric(24, 8), which would otherwise round it only in the row).
     */
    public record Report(String subject, String indicator, String period, BigDecimal value, String level,
            String source, String evidenceUrl, String correctionReason) {

        public static final int SCALE = 8;

        public Report {
            value = value == null || value.scale() <= SCALE ? value : value.setScale(SCALE, RoundingMode.HALF_UP);
        }
    }

    /** A stored value (counted, or held with its flags) and the scorecard as it stands after it. */
    public record Recorded(IndicatorValue value, List<QualityFlag> flags, ScorecardService.Computed scorecard) {
    }

    /** What a new indicator version changed: values rescored, scorecards recomputed. */
    public record Rescored(int values, int scorecards) {
    }

    private final SubjectRepository subjects;
    private final IndicatorRepository indicators;
    private final QualityFlagRepository flags;
    private final ScorecardBatch batch;
    private final ValueRepository values;
    private final ScorecardRepository scorecards;
    private final ScorecardService scorecardService;
    private final Outbox outbox;
    private final IndicatorConfig config;

    public ValueService(SubjectRepository subjects, IndicatorRepository indicators,
            QualityFlagRepository flags, ScorecardBatch batch,
            ValueRepository values, ScorecardRepository scorecards, ScorecardService scorecardService, Outbox outbox,
            IndicatorConfig config) {
        this.subjects = subjects;
        this.indicators = indicators;
        this.flags = flags;
        this.batch = batch;
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
        authorize(r.subject(), caller, "you may only report values for your own department");
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

    /**
     * A subject closed before a period, or opened after it, has no values for it (a value of its year still counts).
     * Read after the scoring gate ({@link ScorecardService#lockAndRead}), which a revision of the subject's active
     * period closes: a value never passes on dates that a revision committed while it waited.
     */
    private void requireActive(String code, String period) {
        ActivePeriod active = subjects.activePeriod(code);
        if (Period.valid(period) && !active.overlaps(period)) {
            throw new RuleViolationException("period", active.refusal(code, period, "values"));
        }
    }

    /**
     * Scores and stores a value, then recomputes its scorecard. The scorecard's lock is taken first, and the
     * definitions, overrides and settings read under it serve both the value and the recompute.
     */
    private Recorded store(Report r, String reportedBy, boolean system) {
        ScorecardService.Known known = scorecardService.lockAndRead(r.subject(), r.period());
        requireActive(r.subject(), r.period());
        Indicator ind = definition(r.indicator(), r.period(), known.inForce());
        if (!ind.appliesTo(r.subject())) {
            throw new RuleViolationException("indicator", "indicator " + ind.code + " is not on " + r.subject()
                    + "'s scorecard");
        }
        ScorecardLine override = known.lines().stream().filter(l -> l.indicatorCode.equals(ind.code)).findFirst()
                .orElse(null);
        if (override != null && override.notApplicable) {
            throw new RuleViolationException("indicator", "indicator " + ind.code + " is marked not applicable for "
                    + r.subject() + " in " + r.period());
        }
        IndicatorSpec spec = ind.spec(override == null ? null : override.target);
        BigDecimal score = score(spec, r);

        ValueRepository.Slot slot = values.slot(r.subject(), ind.code, r.period());
        IndicatorValue previous = slot.current();
        if (previous != null && (r.correctionReason() == null || r.correctionReason().isBlank())) {
            throw new ConflictException("a value of " + ind.code + " for " + r.subject() + " in " + r.period()
                    + " exists already: a correction needs a correctionReason");
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        if (slot.held() != null) {
            withdraw(slot.held(), now);
        }
        List<QualityRules.Finding> findings = QualityRules.check(ind.satisfaction, r.value(), r.value() == null
                ? QualityRules.Moments.NONE
                : values.earlierMoments(r.subject(), ind.code, r.period()));

        IndicatorValue v = reported(r, ind, Scores.stored(score), known.thresholds().of(score), system
                ? "SYSTEM"
                : "MANUAL", reportedBy, now, previous != null);
        if (!findings.isEmpty()) {
            return new Recorded(v, hold(v, findings, now), scorecardService.recompute(r.subject(), r.period(),
                    known));
        }
        if (previous != null) {
            previous.supersede();
            values.flush();
        }
        values.persist(v);
        publish(v, previous != null, List.of());
        return new Recorded(v, List.of(), scorecardService.recompute(r.subject(), r.period(), known));
    }

    /**
     * A value as reported (not yet stored): scored under {@code ind}'s version, {@code defaultSource} when the report
     * names none, its correction reason kept only when it corrects a value.
     */
    static IndicatorValue reported(Report r, Indicator ind, BigDecimal storedScore, Light light, String defaultSource,
            String by, OffsetDateTime now, boolean correction) {
        IndicatorValue v = new IndicatorValue();
        v.subjectCode = r.subject();
        v.indicatorCode = ind.code;
        v.period = r.period();
        v.actual = r.value();
        v.level = r.level();
        v.score = storedScore;
        v.light = light;
        v.source = r.source() == null ? defaultSource : r.source();
        v.evidenceUrl = r.evidenceUrl();
        v.reportedBy = by;
        v.reportedAt = now;
        v.correctionReason = correction ? r.correctionReason() : null;
        v.definitionVersion = ind.definitionVersion;
        return v;
    }

    /** The definition of an indicator in force in a period, from the period's definitions {@code inForce}. */
    private Indicator definition(String code, String period, List<Indicator> inForce) {
        return inForce.stream().filter(i -> i.code.equals(code)).findFirst().orElseThrow(() -> indicators
                .findByIdOptional(code).isEmpty()
                        ? new RuleViolationException("indicator", "indicator " + code + " does not exist")
                        : new RuleViolationException("indicator", "indicator " + code + " has no version in force in "
                                + period));
    }

    private QualityFlag raise(IndicatorValue v, QualityRules.Finding f, OffsetDateTime now) {
        QualityFlag flag = new QualityFlag();
        flag.kind = f.kind();
        flag.subjectCode = v.subjectCode;
        flag.indicatorCode = v.indicatorCode;
        flag.period = v.period;
        flag.valueId = v.id;
        flag.value = v.actual;
        flag.detail = f.detail();
        flag.raisedAt = now;
        flags.persist(flag);
        return flag;
    }

    /**
     * Stores a value held for review (not counted, no event until an admin accepts it) with a flag per finding. Runs
     * in the caller's transaction. The insert gives the value its id at once (an identity column), so nothing is
     * flushed here: a flush per held value made an import holding many values check every entity again each time.
     */
    List<QualityFlag> hold(IndicatorValue v, List<QualityRules.Finding> findings, OffsetDateTime now) {
        v.hold();
        values.persist(v);
        return findings.stream().map(f -> raise(v, f, now)).toList();
    }

    /** A new report replaces a value still waiting for review: it is withdrawn with its open flags. */
    void withdrawHeld(String subject, String indicator, String period, OffsetDateTime now) {
        values.held(subject, indicator, period).ifPresent(held -> withdraw(held, now));
    }

    private void withdraw(IndicatorValue held, OffsetDateTime now) {
        held.discard(IndicatorValue.Status.WITHDRAWN);
        flags.openOn(held.id).forEach(f -> f.withdraw(now));
    }

    private void publish(IndicatorValue v, boolean correction, List<String> flagKinds) {
        outbox.publish(config.topic(), IndicatorEvents.VALUE_RECORDED, v.subjectCode, new ValueRecorded(v.subjectCode,
                v.indicatorCode, v.period, v.actual, v.level, v.score, v.light.name(), flagKinds, correction));
    }

    /**
     * The review of a held value's flag has been recorded: once none of its flags is open, an accepted value becomes
     * the counted one (superseding the previous, its event published with the reviewed flags); a rejected one never
     * counts. Either way the scorecard is recomputed.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void reviewed(QualityFlag flag) {
        IndicatorValue v = values.findByIdOptional(flag.valueId).orElseThrow();
        if (v.status != IndicatorValue.Status.HELD) {
            return;
        }
        if (flag.status == QualityFlag.Status.REJECTED) {
            v.discard(IndicatorValue.Status.REJECTED);
            flags.openOn(v.id).forEach(f -> f.withdraw(flag.reviewedAt));
        } else if (flags.openOn(v.id).isEmpty()) {
            IndicatorValue previous = values.current(v.subjectCode, v.indicatorCode, v.period).orElse(null);
            if (previous != null) {
                previous.supersede();
                values.flush();
            }
            v.count();
            publish(v, previous != null, flags.on(v.id).stream().map(f -> f.kind.name()).distinct().toList());
        } else {
            return;
        }
        values.flush();
        scorecardService.recompute(v.subjectCode, v.period);
    }

    /**
     * Rescores the counted values of the periods a new version of an indicator now covers (a history row for each
     * value whose score changes; the version number alone otherwise), then recomputes those periods' scorecards. A
     * value the new version cannot score (a level no longer in the rubric, a kind changed) refuses the version: 422,
     * nothing written.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Rescored rescore(IndicatorVersion version, String by) {
        Indicator def = version.asIndicator();
        List<IndicatorValue> affected = values.list("indicatorCode = ?1 and current = true", def.code).stream()
                .filter(v -> version.inForce(Period.startMonth(v.period))).toList();
        Map<String, ScorecardLine> overrides = new HashMap<>();
        scorecards.linesOf(def.code).forEach(l -> overrides.put(l.subjectCode + "|" + l.period, l));
        List<Problem.Violation> refused = new ArrayList<>();
        List<BigDecimal> rescored = new ArrayList<>(affected.size());
        for (IndicatorValue v : affected) {
            ScorecardLine o = overrides.get(v.subjectCode + "|" + v.period);
            try {
                rescored.add(scoreAgain(def, o, v));
            } catch (InvalidInputException e) {
                refused.add(new Problem.Violation("definition", "the value of " + v.subjectCode + " in " + v.period
                        + " cannot be scored under the new version: " + e.getMessage()));
            }
        }
        if (!refused.isEmpty()) {
            throw new RuleViolationException(refused.subList(0, Math.min(20, refused.size())));
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        java.util.Set<SubjectPeriod> touched = new java.util.LinkedHashSet<>();
        int changed = 0;
        for (int k = 0; k < affected.size(); k++) {
            IndicatorValue old = affected.get(k);
            BigDecimal score = rescored.get(k);
            touched.add(new SubjectPeriod(old.subjectCode, old.period));
            if (Scores.stored(score).compareTo(old.score) == 0) {
                old.definitionVersion = version.versionNo;
                continue;
            }
            replace(old, old.rescored(Scores.stored(score), scorecardService.thresholds(old.subjectCode, old.period)
                    .of(score), version.versionNo, by, now,
                    "rescored under version " + version.versionNo + " of "
                            + def.code + ": " + (version.reason == null ? "a new definition" : version.reason)));
            changed++;
        }
        scorecards.resultsOf().stream().filter(sp -> version.inForce(Period.startMonth(sp.period())))
                .forEach(touched::add);
        values.flush();
        return new Rescored(changed, batch.recompute(touched).scorecards());
    }

    /**
     * Rescores a subject's counted values of a period under its scorecard's configuration as just set: the targets of
     * its lines and its light thresholds. A value whose score or light changes gets a history row and its event;
     * the others are left alone. A target the configuration sets that cannot score a value (a target of 0 for a
     * ratio, say) refuses the configuration: 422, nothing written. Returns how many values changed.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int rescoreUnderConfiguration(String subject, String period, List<Indicator> applicable, String by) {
        Map<String, Indicator> defs = new HashMap<>();
        applicable.forEach(i -> defs.put(i.code, i));
        Map<String, ScorecardLine> overrides = new HashMap<>();
        scorecards.lines(subject, period).forEach(l -> overrides.put(l.indicatorCode, l));
        Light.Thresholds thresholds = scorecardService.thresholds(subject, period);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        List<Problem.Violation> refused = new ArrayList<>();
        int changed = 0;
        for (IndicatorValue old : values.currentFor(subject, period)) {
            Indicator def = defs.get(old.indicatorCode);
            ScorecardLine o = overrides.get(old.indicatorCode);
            if (def == null || old.status != IndicatorValue.Status.COUNTED || (o != null && o.notApplicable)) {
                continue;
            }
            BigDecimal score;
            try {
                score = scoreAgain(def, o, old);
            } catch (InvalidInputException e) {
                refused.add(new Problem.Violation("lines", "the value of " + def.code + " cannot be scored under"
                        + " this configuration: " + e.getMessage()));
                continue;
            }
            Light light = thresholds.of(score);
            if (Scores.stored(score).compareTo(old.score) == 0 && light == old.light) {
                continue;
            }
            replace(old, old.rescored(Scores.stored(score), light, old.definitionVersion, by, now,
                    "rescored under the scorecard of " + subject + " for " + period + " as configured"));
            changed++;
        }
        if (!refused.isEmpty()) {
            throw new RuleViolationException(refused.subList(0, Math.min(20, refused.size())));
        }
        values.flush();
        return changed;
    }

    /** A stored value's actual or level, scored again under a definition and its subject's line (its target). */
    private static BigDecimal scoreAgain(Indicator def, ScorecardLine line, IndicatorValue v) {
        return score(def.spec(line == null ? null : line.target), new Report(v.subjectCode, def.code, v.period,
                v.actual, v.level, null, null, null));
    }

    /** A rescored copy becomes the current value, the old one its history, and the copy's event is published. */
    private void replace(IndicatorValue old, IndicatorValue rescored) {
        old.supersede();
        values.flush();
        values.persist(rescored);
        publish(rescored, true, List.of());
    }

    public List<IndicatorValue> list(String subject, String period, boolean history, CurrentUser caller) {
        if (subjects.findByIdOptional(subject).isEmpty()) {
            throw new ResourceNotFoundException("subject", subject);
        }
        if (caller.hasRole(CurrentUser.DEPARTMENT)) {
            authorize(subject, caller, "a department sees only its own values");
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
    private static void authorize(String subject, CurrentUser caller, String refusal) {
        if (caller.hasRole(CurrentUser.ADMIN) || caller.hasRole(CurrentUser.SYSTEM)) {
            return;
        }
        if (caller.hasRole(CurrentUser.DEPARTMENT) && caller.dept().filter(subject::equals).isPresent()) {
            return;
        }
        throw new AccessDeniedException(refusal);
    }
}
