package io.jixiao.indicator.service;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntConsumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.jixiao.indicator.config.IndicatorConfig;
import io.jixiao.indicator.domain.Indicator;
import io.jixiao.indicator.domain.IndicatorValue;
import io.jixiao.indicator.domain.QualityFlag;
import io.jixiao.indicator.domain.ScorecardLine;
import io.jixiao.indicator.domain.SubjectPeriod;
import io.jixiao.indicator.domain.quality.QualityRules;
import io.jixiao.indicator.domain.scoring.Light;
import io.jixiao.indicator.domain.scoring.Scores;
import io.jixiao.indicator.messaging.IndicatorEvents.ValueRecorded;
import io.jixiao.indicator.messaging.IndicatorEvents;
import io.jixiao.indicator.repository.IndicatorVersionRepository;
import io.jixiao.indicator.repository.ScorecardRepository;
import io.jixiao.indicator.repository.SubjectRepository;
import io.jixiao.indicator.repository.ValueRepository;
import io.jixiao.kit.outbox.Outbox;
import io.jixiao.kit.period.ActivePeriod;
import io.jixiao.kit.period.Period;
import io.jixiao.kit.problem.ProblemException.AccessDeniedException;
import io.jixiao.kit.problem.ProblemException;
import io.jixiao.kit.sql.Copy;

/**
 * Many values at once (the bulk endpoint and CSV/Excel imports): every row is checked first against the same rules
 * as a single report (subject, indicator on the subject's scorecard and applicable, numeric value or rubric level,
 * a correction only with a reason, each value once per import); then, all or nothing unless partial, they are
 * written with batched statements, a {@code value.recorded} event each through the outbox, and every touched
 * scorecard is recomputed once.
 */
@ApplicationScoped
public class ValueImportService {

    /** Who imports: captured from the request, since a file import runs after the request has returned. */
    public record Importer(String subject, boolean admin, boolean system, Optional<String> dept) {
    }

    /**
     * A row to import and the line it came from (file line, or index in a JSON list); {@code percent}: its value was
     * written in the file as a percentage (85%, read as 85), which only an indicator measured in % takes.
     */
    public record Row(int line, ValueService.Report report, RowError invalid, boolean percent) {
        public Row(int line, ValueService.Report report, RowError invalid) {
            this(line, report, invalid, false);
        }
    }

    public record RowError(int line, String field, String message) {
    }

    /** {@code stored} counts the held values too ({@code held}: flagged, waiting for an admin's review). */
    @Schema(name = "ImportOutcome")
    public record Outcome(int rows, int stored, int corrected, int held, int rejected, int scorecardsRecomputed,
            List<RowError> errors) {
    }

    /** Reports progress: rows checked, then rows written. */
    public interface Progress {
        void checked(int rows);

        void written(int rows);

        Progress NONE = new Progress() {
            @Override
            public void checked(int rows) {
            }

            @Override
            public void written(int rows) {
            }
        };
    }

    private record Checked(Row row, Indicator indicator, BigDecimal score, Light light, boolean correction,
            List<QualityRules.Finding> findings) {
        boolean held() {
            return !findings.isEmpty();
        }
    }

    private static final int CHUNK = 2000;
    private static final List<String> COLUMNS = List.of("subject_code", "indicator_code", "period", "actual", "level",
            "score", "light", "source", "evidence_url", "reported_by", "reported_at", "correction_reason",
            "definition_version");
    private static final List<String> HELD_COLUMNS = java.util.stream.Stream.of(List.of("id"), COLUMNS,
            List.of("status", "is_current")).flatMap(List::stream).toList();
    private static final List<String> FLAG_COLUMNS = List.of("kind", "status", "subject_code", "indicator_code",
            "period", "value_id", "value", "detail", "raised_at");

    private final SubjectRepository subjects;
    private final IndicatorVersionRepository indicators;
    private final ValueService valueService;
    private final ScorecardRepository scorecards;
    private final ValueRepository values;
    private final ScorecardService scorecardService;
    private final Outbox outbox;
    private final IndicatorConfig config;
    private final EntityManager em;
    private final ScorecardBatch batch;

    public ValueImportService(SubjectRepository subjects, IndicatorVersionRepository indicators,
            ValueService valueService, ScorecardRepository scorecards, ValueRepository values,
            ScorecardService scorecardService, Outbox outbox,
            IndicatorConfig config, EntityManager em, ScorecardBatch batch) {
        this.subjects = subjects;
        this.indicators = indicators;
        this.valueService = valueService;
        this.scorecards = scorecards;
        this.values = values;
        this.scorecardService = scorecardService;
        this.outbox = outbox;
        this.config = config;
        this.em = em;
        this.batch = batch;
    }

    /**
     * Checks every row, then writes them (all, or with {@code partial} the valid ones) in one transaction. A department
     * importing another department's row is refused as a whole (403), nothing written.
     */
    @Transactional
    public Outcome importRows(List<Row> rows, Importer who, boolean partial, Progress progress) {
        for (Row r : rows) {
            String s = r.report().subject();
            if (!who.admin() && !who.system() && (s == null || who.dept().filter(s::equals).isEmpty())) {
                throw new AccessDeniedException("line " + r.line() + ": you may only report values for your own "
                        + "department");
            }
        }
        indicators.lockForScoring(); // the definitions read below stay in force until this commits
        // what is read here is only read: no dirty checking, and no flush before each lookup query
        em.setFlushMode(jakarta.persistence.FlushModeType.COMMIT);
        em.unwrap(org.hibernate.Session.class).setDefaultReadOnly(true);
        Map<String, ActivePeriod> knownSubjects = new HashMap<>();
        for (Object[] s : em.createQuery("select s.code, s.activeFrom, s.activeTo from Subject s", Object[].class)
                .getResultList()) {
            knownSubjects.put((String) s[0], new ActivePeriod((LocalDate) s[1], (LocalDate) s[2]));
        }
        // each period's rows are scored with the versions in force in it
        Map<String, Map<String, Indicator>> byPeriod = new HashMap<>();
        Set<String> knownIndicators = new HashSet<>(em.createQuery("select i.code from Indicator i", String.class)
                .getResultList());
        History history = history(rows);
        Map<SubjectPeriod, Map<String, ScorecardLine>> overrides = new HashMap<>();
        Map<SubjectPeriod, Set<String>> existing = new HashMap<>();
        Map<SubjectPeriod, Light.Thresholds> thresholds = new HashMap<>();
        Set<String> seen = new HashSet<>();
        List<Checked> ok = new ArrayList<>(rows.size());
        List<RowError> errors = new ArrayList<>();
        int n = 0;
        for (Row row : rows) {
            ValueService.Report r = row.report();
            if (row.invalid() != null) {
                errors.add(row.invalid());
                n++;
                continue;
            }
            try {
                ActivePeriod active = r.subject() == null ? null : knownSubjects.get(r.subject());
                if (active == null) {
                    throw new ProblemException.InvalidInputException("subject", "unknown subject " + r.subject());
                }
                if (Period.valid(r.period()) && !active.overlaps(r.period())) {
                    throw new ProblemException.InvalidInputException("period",
                            active.refusal(r.subject(), r.period(), "values"));
                }
                if (r.indicator() == null || !knownIndicators.contains(r.indicator())) {
                    throw new ProblemException.InvalidInputException("indicator", "unknown indicator " + r.indicator());
                }
                if (!Period.valid(r.period())) {
                    throw new ProblemException.InvalidInputException("period", Period.MESSAGE);
                }
                Indicator ind = byPeriod.computeIfAbsent(r.period(), p -> {
                    Map<String, Indicator> m = new HashMap<>();
                    indicators.inForce(p).forEach(i -> m.put(i.code, i));
                    return m;
                }).get(r.indicator());
                if (ind == null) {
                    throw new ProblemException.InvalidInputException("indicator", "indicator " + r.indicator()
                            + " has no version in force in " + r.period());
                }
                if (!ind.appliesTo(r.subject())) {
                    throw new ProblemException.InvalidInputException("indicator", "indicator " + ind.code
                            + " is not on " + r.subject() + "'s scorecard");
                }
                if (row.percent() && !ind.measuredInPercent()) {
                    throw new ProblemException.InvalidInputException("value", "'" + r.value().toPlainString()
                            + "%' is a percentage, but indicator " + ind.code + (ind.unit == null
                                    ? " has no unit"
                                    : " is measured in " + ind.unit)
                            + ": write the number alone");
                }
                SubjectPeriod sp = new SubjectPeriod(r.subject(), r.period());
                ScorecardLine override = overrides.computeIfAbsent(sp, k -> {
                    Map<String, ScorecardLine> m = new HashMap<>();
                    scorecards.lines(k.subjectCode(), k.period()).forEach(l -> m.put(l.indicatorCode, l));
                    return m;
                }).get(ind.code);
                if (override != null && override.notApplicable) {
                    throw new ProblemException.InvalidInputException("indicator", "indicator " + ind.code
                            + " is marked not applicable for " + r.subject() + " in " + r.period());
                }
                if (!seen.add(r.subject() + "|" + ind.code + "|" + r.period())) {
                    throw new ProblemException.InvalidInputException("indicator", "this value appears twice in the "
                            + "import");
                }
                BigDecimal score = ValueService.score(ind.spec(override == null ? null : override.target), r);
                boolean correction = existing.computeIfAbsent(sp, k -> values.currentIndicators(k.subjectCode(),
                        k.period())).contains(ind.code);
                if (correction && (r.correctionReason() == null || r.correctionReason().isBlank())) {
                    throw new ProblemException.InvalidInputException("correctionReason", "a value exists already: a "
                            + "correction needs a correctionReason");
                }
                Light light = thresholds.computeIfAbsent(sp, k -> scorecardService.thresholds(k.subjectCode(),
                        k.period())).of(score);
                List<QualityRules.Finding> findings = QualityRules.check(ind.satisfaction, r.value(),
                        r.value() == null
                                ? QualityRules.Moments.NONE
                                : history.earlier(r.subject(), ind.code, r.period()));
                ok.add(new Checked(row, ind, Scores.stored(score), light, correction, findings));
            } catch (ProblemException.InvalidInputException e) {
                var v = e.violations();
                errors.add(new RowError(row.line(), v == null || v.isEmpty() ? null : v.get(0).field(),
                        v == null || v.isEmpty() ? e.getMessage() : v.get(0).message()));
            }
            if (++n % 1000 == 0) {
                progress.checked(n);
            }
        }
        progress.checked(n);
        if (!errors.isEmpty() && !partial) {
            return new Outcome(rows.size(), 0, 0, 0, errors.size(), 0, errors);
        }
        write(ok, who, progress);
        Set<SubjectPeriod> touched = new LinkedHashSet<>();
        ok.forEach(c -> touched.add(new SubjectPeriod(c.row().report().subject(), c.row().report().period())));
        batch.recompute(touched);
        int corrected = (int) ok.stream().filter(x -> x.correction() && !x.held()).count();
        int held = (int) ok.stream().filter(Checked::held).count();
        return new Outcome(rows.size(), ok.size(), corrected, held, errors.size(), touched.size(), errors);
    }

    private void write(List<Checked> ok, Importer who, Progress progress) {
        em.flush();
        java.time.OffsetDateTime now = java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC);
        String defaultSource = who.system() ? "SYSTEM" : "IMPORT";
        // a value still waiting for review is replaced by a new report of it
        em.setFlushMode(jakarta.persistence.FlushModeType.AUTO);
        em.unwrap(org.hibernate.Session.class).setDefaultReadOnly(false);
        Set<String> keys = new HashSet<>();
        ok.forEach(x -> keys.add(key(x.row().report().subject(), x.indicator().code, x.row().report().period())));
        heldOf(ok).stream().filter(h -> keys.contains(key(h.subjectCode, h.indicatorCode, h.period)))
                .forEach(h -> valueService.withdrawHeld(h.subjectCode, h.indicatorCode, h.period, now));
        em.flush();
        List<Checked> counted = ok.stream().filter(x -> !x.held()).toList();
        em.unwrap(org.hibernate.Session.class).doWork(c -> {
            try (var supersede = c.prepareStatement("update indicator_value set is_current = false where "
                    + "subject_code = ? and indicator_code = ? and period = ? and is_current")) {
                int done = 0;
                for (int from = 0; from < counted.size(); from += CHUNK) {
                    List<Checked> chunk = counted.subList(from, Math.min(counted.size(), from + CHUNK));
                    boolean anyCorrection = false;
                    for (Checked x : chunk) {
                        if (x.correction()) {
                            ValueService.Report r = x.row().report();
                            supersede.setString(1, r.subject());
                            supersede.setString(2, x.indicator().code);
                            supersede.setString(3, r.period());
                            supersede.addBatch();
                            anyCorrection = true;
                        }
                    }
                    if (anyCorrection) {
                        supersede.executeBatch();
                    }
                    List<Object[]> rows = new ArrayList<>(chunk.size());
                    for (Checked x : chunk) {
                        rows.add(columns(x, who.subject(), defaultSource, now));
                    }
                    Copy.into(c, "indicator_value", COLUMNS, rows);
                    done += chunk.size();
                    progress.written(done);
                }
            }
        });
        // flagged rows are held for review, not counted and without an event yet: written by COPY too, with ids
        // drawn from the values' sequence first, so that each of their flags can name its value
        List<Checked> held = ok.stream().filter(Checked::held).toList();
        if (!held.isEmpty()) {
            em.unwrap(org.hibernate.Session.class).doWork(c -> writeHeld(c, held, who, defaultSource, now));
        }
        progress.written(ok.size());
        List<Outbox.Keyed> events = new ArrayList<>(counted.size());
        for (Checked x : counted) {
            ValueService.Report r = x.row().report();
            events.add(new Outbox.Keyed(r.subject(), new ValueRecorded(r.subject(), x.indicator().code, r.period(),
                    r.value(), r.level(), x.score(), x.light().name(), List.of(), x.correction())));
        }
        outbox.publishAll(config.topic(), IndicatorEvents.VALUE_RECORDED, events);
    }

    /** A checked row's values in the order of {@link #COLUMNS}. */
    private static Object[] columns(Checked x, String by, String defaultSource, java.time.OffsetDateTime now) {
        ValueService.Report r = x.row().report();
        return new Object[]{r.subject(), x.indicator().code, r.period(), r.value(), r.level(), x.score(),
                x.light().name(), r.source() == null ? defaultSource : r.source(), r.evidenceUrl(), by, now,
                x.correction() ? r.correctionReason() : null, x.indicator().definitionVersion};
    }

    private static void writeHeld(java.sql.Connection c, List<Checked> held, Importer who, String defaultSource,
            java.time.OffsetDateTime now) throws java.sql.SQLException {
        List<Long> ids = new ArrayList<>(held.size());
        try (var next = c.prepareStatement("select nextval(pg_get_serial_sequence('indicator_value', 'id')) from "
                + "generate_series(1, ?)")) {
            next.setInt(1, held.size());
            try (var rs = next.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
        }
        List<Object[]> values = new ArrayList<>(held.size());
        List<Object[]> flagRows = new ArrayList<>(held.size());
        for (int k = 0; k < held.size(); k++) {
            Checked x = held.get(k);
            ValueService.Report r = x.row().report();
            Object[] stored = columns(x, who.subject(), defaultSource, now);
            Object[] row = new Object[stored.length + 3];
            row[0] = ids.get(k);
            System.arraycopy(stored, 0, row, 1, stored.length);
            row[stored.length + 1] = IndicatorValue.Status.HELD.name();
            row[stored.length + 2] = false;
            values.add(row);
            for (QualityRules.Finding f : x.findings()) {
                flagRows.add(new Object[]{f.kind().name(), QualityFlag.Status.OPEN.name(), r.subject(),
                        x.indicator().code, r.period(), ids.get(k), r.value(), f.detail(), now});
            }
        }
        Copy.into(c, "indicator_value", HELD_COLUMNS, values);
        Copy.into(c, "quality_flag", FLAG_COLUMNS, flagRows);
    }

    private List<IndicatorValue> heldOf(List<Checked> ok) {
        List<String> subjectCodes = ok.stream().map(x -> x.row().report().subject()).distinct().toList();
        List<String> periods = ok.stream().map(x -> x.row().report().period()).distinct().toList();
        return em.createQuery("from IndicatorValue where status = :s and subjectCode in :c and period in :p",
                IndicatorValue.class).setParameter("s", IndicatorValue.Status.HELD).setParameter("c", subjectCodes)
                .setParameter("p", periods).getResultList();
    }

    private static String key(String subject, String indicator, String period) {
        return subject + "|" + indicator + "|" + period;
    }

    /**
     * The OUTLIER rule's history of the import's subjects and indicators: for each period imported, the moments of the
     * counted numeric values already stored in the earlier periods of its kind, added up by PostgreSQL (one row per
     * subject and indicator, however long the history).
     */
    private record History(Map<String, Map<String, QualityRules.Moments>> byPeriod) {
        QualityRules.Moments earlier(String subject, String indicator, String period) {
            return byPeriod.getOrDefault(period, Map.of()).getOrDefault(subject + "|" + indicator,
                    QualityRules.Moments.NONE);
        }
    }

    private History history(List<Row> rows) {
        Set<String> subjectCodes = new HashSet<>();
        Set<String> indicatorCodes = new HashSet<>();
        Set<String> periods = new HashSet<>();
        for (Row r : rows) {
            ValueService.Report x = r.report();
            if (r.invalid() == null && x.subject() != null && x.indicator() != null && x.value() != null
                    && Period.valid(x.period())) {
                subjectCodes.add(x.subject());
                indicatorCodes.add(x.indicator());
                periods.add(x.period());
            }
        }
        Map<String, Map<String, QualityRules.Moments>> byPeriod = new HashMap<>();
        for (String p : periods) {
            byPeriod.put(p, values.earlierMoments(subjectCodes, indicatorCodes, p));
        }
        return new History(byPeriod);
    }
}
