package io.jixiao.indicator.service;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.jixiao.indicator.config.IndicatorConfig;
import io.jixiao.indicator.domain.Indicator;
import io.jixiao.indicator.domain.ScorecardConfig;
import io.jixiao.indicator.domain.ScorecardConfigRevision;
import io.jixiao.indicator.domain.ScorecardLine;
import io.jixiao.indicator.domain.ScorecardSnapshot;
import io.jixiao.indicator.domain.Subject;
import io.jixiao.indicator.domain.SubjectPeriod;
import io.jixiao.indicator.domain.scoring.Dimension;
import io.jixiao.indicator.domain.scoring.Light;
import io.jixiao.indicator.domain.scoring.ScorecardCalculator;
import io.jixiao.indicator.domain.scoring.ScorecardCalculator.Result;
import io.jixiao.indicator.domain.scoring.Scores;
import io.jixiao.indicator.messaging.IndicatorEvents;
import io.jixiao.indicator.messaging.IndicatorEvents.Completeness;
import io.jixiao.indicator.messaging.IndicatorEvents.Gate;
import io.jixiao.indicator.messaging.IndicatorEvents.ScorecardComputed;
import io.jixiao.indicator.repository.IndicatorVersionRepository;
import io.jixiao.indicator.repository.ScorecardRepository;
import io.jixiao.indicator.repository.SubjectRepository;
import io.jixiao.indicator.repository.ValueRepository;
import io.jixiao.kit.outbox.Outbox;
import io.jixiao.kit.problem.ProblemException.ResourceNotFoundException;
import io.jixiao.kit.problem.ProblemException.PreconditionFailedException;
import io.jixiao.kit.problem.ProblemException.RuleViolationException;
import io.jixiao.kit.web.Distinct;
import io.jixiao.kit.web.PageRequest;
import io.jixiao.kit.web.Paged;

/** Computes a subject's scorecard for a period and publishes it whenever its score changes. */
@ApplicationScoped
public class ScorecardService {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    public record Computed(String subject, String period, Result result) {
    }

    /**
     * A scorecard configuration request, already validated for shape by the resource; a blank reason is none, and a
     * reason is kept without the spaces around it.
     */
    public record Configuration(Map<Dimension, BigDecimal> dimensionWeights, BigDecimal greenThreshold,
            BigDecimal yellowThreshold, List<LineOverride> lines, String reason) {
        public Configuration {
            reason = reason == null || reason.isBlank() ? null : reason.strip();
        }
    }

    public record LineOverride(String indicator, BigDecimal weight, BigDecimal target, boolean notApplicable) {
    }

    private final SubjectRepository subjects;
    private final IndicatorVersionRepository indicators;
    private final ValueRepository values;
    private final ScorecardRepository scorecards;
    private final Outbox outbox;
    private final IndicatorConfig config;
    private final ObjectMapper mapper;

    public ScorecardService(SubjectRepository subjects, IndicatorVersionRepository indicators, ValueRepository values,
            ScorecardRepository scorecards, Outbox outbox, IndicatorConfig config, ObjectMapper mapper) {
        this.subjects = subjects;
        this.indicators = indicators;
        this.values = values;
        this.scorecards = scorecards;
        this.outbox = outbox;
        this.config = config;
        this.mapper = mapper;
    }

    /** The scorecard as it stands now (not persisted). */
    @Transactional
    public Computed view(String subject, String period) {
        requireSubject(subject);
        return new Computed(subject, period, compute(subject, period));
    }

    /** The definitions in force in a period, by indicator code (for their names). */
    @Transactional
    public Map<String, Indicator> definitions(String period) {
        Map<String, Indicator> byCode = new HashMap<>();
        indicators.inForce(period).forEach(i -> byCode.put(i.code, i));
        return byCode;
    }

    /** A configured scorecard, with its configuration's new revision. */
    public record Configured(Computed computed, long revision) {
    }

    /**
     * The revision of a scorecard's configuration, its ETag: 0 while it has none (the defaults), then a larger number
     * after each change. Revisions are compared for equality only.
     */
    @Transactional
    public long revision(String subject, String period) {
        return scorecards.config(subject, period).map(c -> c.version + 1).orElse(0L);
    }

    /**
     * Sets dimension weights, thresholds and per-indicator overrides ({@link ScorecardConfigurator} rescores the
     * values under them and recomputes). {@code expectedRevision} (from If-Match, null when not given) must be the
     * configuration's current revision, or nothing changes (412). The scorecard is locked as a value's write locks it
     * (so values in flight finish first, new ones wait, and two configurations run one after the other), and the
     * configuration's version is raised even when only the lines change, so two offices editing one scorecard from
     * the same revision cannot both succeed.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public ScorecardConfig applyConfiguration(String subject, String period, Long expectedRevision, Configuration c) {
        Subject s = requireSubject(subject);
        if (!s.active().overlaps(period)) {
            throw new RuleViolationException("period", s.active().refusal(subject, period, "scorecard"));
        }
        scorecards.lock(subject, period);
        Optional<ScorecardConfig> existing = scorecards.config(subject, period); // read under the lock above
        long current = existing.map(x -> x.version).map(v -> v + 1).orElse(0L);
        if (expectedRevision != null && expectedRevision != current) {
            throw new PreconditionFailedException("the scorecard of " + subject + " for " + period
                    + " changed since revision " + expectedRevision + " (it is at " + current + "): load it again");
        }
        if (existing.isPresent() && c.reason() == null) {
            throw new RuleViolationException("reason", "a change to the scorecard of " + subject + " for " + period
                    + " needs a reason: it changes how the subject is scored, and its history keeps why");
        }
        BigDecimal sum = c.dimensionWeights().values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        if (sum.compareTo(HUNDRED) != 0) {
            throw new RuleViolationException("dimensionWeights", "dimension weights must sum to 100 (they sum to "
                    + sum.stripTrailingZeros().toPlainString() + ")");
        }
        if (c.greenThreshold().compareTo(c.yellowThreshold()) < 0) {
            throw new RuleViolationException("greenThreshold", "the green threshold must not be below the yellow one");
        }
        Map<String, Indicator> applicable = new HashMap<>();
        indicators.applicableTo(subject, period).forEach(i -> applicable.put(i.code, i));
        // one line per indicator: a second one for the same was a 500 when the lines were stored
        Distinct.require("lines", ".indicator", "indicator", c.lines(), LineOverride::indicator);
        for (LineOverride l : c.lines()) {
            if (!applicable.containsKey(l.indicator())) {
                throw new RuleViolationException("lines", "indicator " + l.indicator() + " is not on " + subject
                        + "'s scorecard");
            }
        }
        ScorecardConfig cfg = existing.orElseGet(ScorecardConfig::new);
        if (existing.isEmpty() || !sameSettings(cfg, c)) {
            // a changed configuration raises its own version once, when it is written
            cfg.id = new SubjectPeriod(subject, period);
            cfg.dimensionWeights = new EnumMap<>(c.dimensionWeights());
            cfg.greenThreshold = c.greenThreshold();
            cfg.yellowThreshold = c.yellowThreshold();
        } else {
            // the same settings, perhaps other lines: the version goes up all the same, by one as well, so that two
            // offices editing from one revision cannot both succeed and the history's revisions follow each other
            scorecards.raiseVersion(cfg);
        }
        if (existing.isEmpty()) {
            scorecards.persist(cfg);
        }
        scorecards.deleteLines(subject, period);
        for (LineOverride l : c.lines()) {
            ScorecardLine line = new ScorecardLine();
            line.subjectCode = subject;
            line.period = period;
            line.indicatorCode = l.indicator();
            line.weight = l.weight();
            line.target = l.target();
            line.notApplicable = l.notApplicable();
            scorecards.persist(line);
        }
        scorecards.flush();
        return cfg;
    }

    /** Whether a stored configuration already has these weights and thresholds, as numbers. */
    private static boolean sameSettings(ScorecardConfig cfg, Configuration c) {
        return cfg.greenThreshold.compareTo(c.greenThreshold()) == 0
                && cfg.yellowThreshold.compareTo(c.yellowThreshold()) == 0
                && cfg.dimensionWeights.keySet().equals(c.dimensionWeights().keySet())
                && cfg.dimensionWeights.entrySet().stream()
                        .allMatch(e -> e.getValue().compareTo(c.dimensionWeights().get(e.getKey())) == 0);
    }

    /**
     * The stored total of a subject's period, null when it has none. A configuration reads it after
     * {@link #applyConfiguration} (which holds the scorecard's lock) and before it recomputes.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public BigDecimal storedTotal(String subject, String period) {
        return scorecards.snapshot(subject, period).map(s -> s.total).orElse(null);
    }

    /** Adds a configuration just set to the scorecard's history. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recordRevision(String subject, String period, long revision, Configuration c, String by,
            BigDecimal totalBefore, BigDecimal totalAfter) {
        ScorecardConfigRevision r = new ScorecardConfigRevision();
        r.subjectCode = subject;
        r.period = period;
        r.revision = revision;
        r.settings = new ScorecardConfigRevision.Settings(new EnumMap<>(c.dimensionWeights()), c.greenThreshold(),
                c.yellowThreshold(), c.lines().stream().map(l -> new ScorecardConfigRevision.Line(l.indicator(),
                        l.weight(), l.target(), l.notApplicable())).toList());
        r.reason = c.reason();
        r.changedBy = by;
        r.changedAt = OffsetDateTime.now(ZoneOffset.UTC);
        r.totalBefore = totalBefore;
        r.totalAfter = totalAfter == null ? null : Scores.stored(totalAfter);
        scorecards.persist(r);
    }

    /** A page of a subject's configurations for a period, the newest first. */
    public Paged<ScorecardConfigRevision> revisions(String subject, String period, PageRequest page) {
        requireSubject(subject);
        return scorecards.revisions(subject, period, page);
    }

    /** The revision of a configuration changed in this transaction, once its changes are written. */
    @Transactional(Transactional.TxType.MANDATORY)
    public long revisionOf(ScorecardConfig cfg) {
        scorecards.flush();
        return cfg.version + 1;
    }

    /** The indicators on a subject's scorecard for a period, as defined in force in it. */
    public List<Indicator> applicable(String subject, String period) {
        return indicators.applicableTo(subject, period);
    }

    /**
     * Recomputes and, if the result differs from the last one, stores it and publishes
     * {@code scorecard.computed}. Must run in the caller's transaction (the one that changed an input).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Computed recompute(String subject, String period) {
        scorecards.lock(subject, period);
        return recompute(subject, period, compute(subject, period));
    }

    /**
     * What a caller has read of a subject's period after taking its recompute lock ({@link #lockAndRead}): the
     * definitions in force, the subject's overrides and its settings (null when it has none). A configuration writes
     * its overrides, then takes the same lock to recompute; so whichever of the two commits second computes from the
     * other's committed state, as when the recompute read them again after the lock.
     */
    public record Known(List<Indicator> inForce, List<ScorecardLine> lines, ScorecardConfig config) {

        /** The light thresholds in force. */
        public Light.Thresholds thresholds() {
            return config == null
                    ? Light.Thresholds.DEFAULT
                    : new Light.Thresholds(config.greenThreshold, config.yellowThreshold);
        }
    }

    /**
     * Takes the recompute lock of a subject's period, then reads what a recompute needs besides the values, for a
     * caller that changes a value and recomputes in this transaction ({@link #recompute(String, String, Known)}).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Known lockAndRead(String subject, String period) {
        scorecards.lock(subject, period);
        return new Known(indicators.inForce(period), scorecards.lines(subject, period),
                scorecards.config(subject, period).orElse(null));
    }

    /**
     * The same recompute, under the lock {@link #lockAndRead} took and from what it read: a single value's transaction
     * reads the definitions, overrides and settings once, not once to score the value and again to recompute.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Computed recompute(String subject, String period, Known known) {
        Map<String, ScorecardLine> overrides = new HashMap<>();
        known.lines().forEach(l -> overrides.put(l.indicatorCode, l));
        List<Indicator> applicable = known.inForce().stream().filter(i -> i.appliesTo(subject)).toList();
        return recompute(subject, period, calculate(applicable, overrides, values.currentScores(subject, period),
                known.config()));
    }

    /** Stores and publishes a computed result if it differs from the last snapshot; the caller holds the lock. */
    private Computed recompute(String subject, String period, Result r) {
        ScorecardComputed event = toEvent(subject, period, r);
        String detail = json(new Object[]{event.dimensions(), event.gate(), event.completeness(), event.grade()});
        ScorecardSnapshot snap = scorecards.snapshot(subject, period).orElse(null);
        boolean changed = snap == null || !sameNumber(snap.total, event.total()) || !sameJson(mapper, snap.detail,
                detail);
        if (changed) {
            if (snap == null) {
                snap = new ScorecardSnapshot();
                snap.id = new SubjectPeriod(subject, period);
                fill(snap, event, detail);
                scorecards.persist(snap);
            } else {
                fill(snap, event, detail);
            }
            if (event.total() != null) {
                outbox.publish(config.topic(), IndicatorEvents.SCORECARD_COMPUTED, subject, event);
            }
        }
        return new Computed(subject, period, r);
    }

    Result compute(String subject, String period) {
        Map<String, ScorecardLine> overrides = new HashMap<>();
        scorecards.lines(subject, period).forEach(l -> overrides.put(l.indicatorCode, l));
        Map<String, BigDecimal> scores = values.currentScores(subject, period);
        return calculate(indicators.applicableTo(subject, period), overrides, scores,
                scorecards.config(subject, period).orElse(null));
    }

    /**
     * The pure calculation of one subject's period: its indicators with the period's overrides (weight, target,
     * not-applicable), the current scores, and the period's dimension weights and light thresholds (defaults when
     * {@code cfg} is null). A single recompute and a whole period's recompute both come here.
     */
    static Result calculate(List<Indicator> applicable, Map<String, ScorecardLine> overrides,
            Map<String, BigDecimal> scores, ScorecardConfig cfg) {
        List<ScorecardCalculator.Line> lines = new ArrayList<>(applicable.size());
        for (Indicator i : applicable) {
            ScorecardLine o = overrides.get(i.code);
            BigDecimal weight = o != null && o.weight != null ? o.weight : i.weight;
            lines.add(new ScorecardCalculator.Line(i.spec(o == null ? null : o.target), weight, i.objective,
                    scores.get(i.code), o != null && o.notApplicable));
        }
        Map<Dimension, BigDecimal> dw = cfg == null
                ? ScorecardCalculator.defaultDimensionWeights()
                : cfg.dimensionWeights;
        Light.Thresholds th = cfg == null
                ? Light.Thresholds.DEFAULT
                : new Light.Thresholds(cfg.greenThreshold, cfg.yellowThreshold);
        return ScorecardCalculator.compute(new ScorecardCalculator.Input(lines, dw, Map.of(), th));
    }

    /** The light thresholds in force for a subject and period. */
    public Light.Thresholds thresholds(String subject, String period) {
        return scorecards.config(subject, period)
                .map(c -> new Light.Thresholds(c.greenThreshold, c.yellowThreshold))
                .orElse(Light.Thresholds.DEFAULT);
    }

    static ScorecardComputed toEvent(String subject, String period, Result r) {
        Map<String, BigDecimal> dims = new LinkedHashMap<>();
        for (Dimension d : Dimension.values()) {
            BigDecimal s = r.dimensions().get(d).excluded() ? null : r.dimensionScore(d);
            dims.put(d.name(), s == null ? null : Scores.stored(s));
        }
        return new ScorecardComputed(subject, period, r.total() == null ? null : Scores.stored(r.total()),
                r.grade() == null ? null : r.grade().name(),
                r.uncappedGrade() == null ? null : r.uncappedGrade().name(), dims,
                r.excludedDimensions().stream().map(Enum::name).toList(),
                new Gate(r.gateStatus().name(), r.failedGates()),
                new Completeness(r.completeness().expected(), r.completeness().reported(), r.completeness().missing(),
                        r.completeness().notApplicable()),
                OffsetDateTime.now(ZoneOffset.UTC));
    }

    private static void fill(ScorecardSnapshot snap, ScorecardComputed e, String detail) {
        snap.total = e.total();
        snap.grade = e.grade();
        snap.gateStatus = e.gate().status();
        snap.detail = detail;
        snap.computedAt = e.computedAt();
    }

    /** The stored detail comes back from jsonb with its own spacing: compared as JSON, not as text. */
    static boolean sameJson(com.fasterxml.jackson.databind.ObjectMapper mapper, String stored, String computed) {
        if (stored == null) {
            return false;
        }
        if (stored.equals(computed)) {
            return true;
        }
        try {
            return mapper.readTree(stored).equals(mapper.readTree(computed));
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    private static boolean sameNumber(BigDecimal a, BigDecimal b) {
        return a == null ? b == null : b != null && a.compareTo(b) == 0;
    }

    private String json(Object o) {
        try {
            return mapper.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Subject requireSubject(String subject) {
        return subjects.findByIdOptional(subject).orElseThrow(() -> new ResourceNotFoundException("subject", subject));
    }
}
