package io.jixiao.indicator.service;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.jixiao.indicator.config.IndicatorConfig;
import io.jixiao.indicator.domain.Indicator;
import io.jixiao.indicator.domain.ScorecardConfig;
import io.jixiao.indicator.domain.ScorecardLine;
import io.jixiao.indicator.domain.SubjectPeriod;
import io.jixiao.indicator.domain.scoring.ScorecardCalculator.Result;
import io.jixiao.indicator.messaging.IndicatorEvents.ScorecardComputed;
import io.jixiao.indicator.messaging.IndicatorEvents;
import io.jixiao.indicator.repository.IndicatorVersionRepository;
import io.jixiao.kit.outbox.Outbox;
import io.jixiao.kit.problem.ProblemException.InvalidInputException;
import io.quarkus.narayana.jta.runtime.TransactionConfiguration;

/**
 * Recomputes every scorecard of whole periods at once (a city's year, a province's twelve months) with the same pure
 * calculator as a single recompute, but streaming the current values ordered by subject and period (one subject's
 * period in memory at a time), and writing only the scorecards that changed, in batches, each with its
 * {@code scorecard.computed} event.
 */
@ApplicationScoped
public class ScorecardBatch {

    @Schema(name = "RecomputeOutcome")
    public record Outcome(int periods, int scorecards, int changed, long values, long millis) {
    }

    private static final int FLUSH = 1000;

    private final IndicatorVersionRepository indicators;
    private final EntityManager em;
    private final Outbox outbox;
    private final IndicatorConfig config;
    private final ObjectMapper mapper;

    public ScorecardBatch(IndicatorVersionRepository indicators, EntityManager em, Outbox outbox,
            IndicatorConfig config,
            ObjectMapper mapper) {
        this.indicators = indicators;
        this.em = em;
        this.outbox = outbox;
        this.config = config;
        this.mapper = mapper;
    }

    private record Snapshot(BigDecimal total, String detail) {
    }

    private record Changed(SubjectPeriod id, ScorecardComputed event, String detail) {
    }

    @Transactional
    @TransactionConfiguration(timeout = 600)
    public Outcome recompute(List<String> periods) {
        if (periods.isEmpty() || periods.size() > 120) {
            throw new InvalidInputException("periods", "between 1 and 120 periods");
        }
        indicators.lockForScoring();
        return run(periods, null);
    }

    /**
     * Recomputes the given scorecards (those an import touched) in the caller's transaction, each under the same
     * per-scorecard lock as a single recompute.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Outcome recompute(java.util.Collection<SubjectPeriod> only) {
        if (only.isEmpty()) {
            return new Outcome(0, 0, 0, 0, 0);
        }
        only.stream().sorted(java.util.Comparator.comparing(SubjectPeriod::subjectCode)
                .thenComparing(SubjectPeriod::period)).forEach(
                        sp -> em.createNativeQuery(
                                "select pg_advisory_xact_lock(hashtext(:k))").setParameter("k",
                                        sp.subjectCode() + "/"
                                                + sp.period())
                                .getSingleResult());
        return run(only.stream().map(SubjectPeriod::period).distinct().toList(), new java.util.HashSet<>(only));
    }

    private Outcome run(List<String> periods, java.util.Set<SubjectPeriod> only) {
        long t0 = System.nanoTime();
        // each period is scored with the indicator versions in force in it
        Map<String, List<Indicator>> all = indicators.inForce(periods);
        Map<List<Indicator>, Map<String, List<Indicator>>> applicable = new java.util.IdentityHashMap<>();
        Map<SubjectPeriod, ScorecardConfig> configs = new HashMap<>();
        em.createQuery("from ScorecardConfig where id.period in :p", ScorecardConfig.class).setParameter("p", periods)
                .getResultList().forEach(c -> configs.put(c.id, c));
        Map<SubjectPeriod, Map<String, ScorecardLine>> overrides = new HashMap<>();
        em.createQuery("from ScorecardLine where period in :p", ScorecardLine.class).setParameter("p", periods)
                .getResultList().forEach(l -> overrides.computeIfAbsent(new SubjectPeriod(l.subjectCode, l.period),
                        k -> new HashMap<>()).put(l.indicatorCode, l));
        Map<SubjectPeriod, Snapshot> snapshots = new HashMap<>();
        em.flush();
        long[] counts = new long[3]; // values, scorecards, changed
        em.unwrap(org.hibernate.Session.class).doWork(c -> {
            try (PreparedStatement ps = c.prepareStatement("select subject_code, period, total, detail::text from "
                    + "scorecard_result where period = any(?)")) {
                ps.setArray(1, c.createArrayOf("varchar", periods.toArray()));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        snapshots.put(new SubjectPeriod(rs.getString(1), rs.getString(2)),
                                new Snapshot(rs.getBigDecimal(3), rs.getString(4)));
                    }
                }
            }
            List<Changed> changed = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("select subject_code, period, indicator_code, score from "
                    + "indicator_value where is_current and period = any(?)" + (only == null
                            ? ""
                            : " and subject_code = any(?)")
                    + " order by subject_code, period")) {
                ps.setArray(1, c.createArrayOf("varchar", periods.toArray()));
                if (only != null) {
                    ps.setArray(2, c.createArrayOf("varchar", only.stream().map(SubjectPeriod::subjectCode).distinct()
                            .toArray()));
                }
                ps.setFetchSize(10_000);
                try (ResultSet rs = ps.executeQuery()) {
                    SubjectPeriod group = null;
                    Map<String, BigDecimal> scores = new HashMap<>();
                    while (true) {
                        boolean more = rs.next();
                        SubjectPeriod next = more ? new SubjectPeriod(rs.getString(1), rs.getString(2)) : null;
                        if (group != null && !group.equals(next) && (only == null || only.contains(group))) {
                            counts[1]++;
                            Changed ch = compute(group, scores, all, applicable, configs, overrides,
                                    snapshots.get(group));
                            if (ch != null) {
                                changed.add(ch);
                                if (changed.size() >= FLUSH) {
                                    counts[2] += store(c, changed);
                                }
                            }
                            scores.clear();
                        }
                        if (!more) {
                            break;
                        }
                        if (!next.equals(group)) {
                            scores.clear();
                        }
                        group = next;
                        scores.put(rs.getString(3), rs.getBigDecimal(4));
                        counts[0]++;
                    }
                }
            }
            counts[2] += store(c, changed);
        });
        return new Outcome(periods.size(), (int) counts[1], (int) counts[2], counts[0],
                (System.nanoTime() - t0) / 1_000_000);
    }

    private Changed compute(SubjectPeriod id, Map<String, BigDecimal> scores, Map<String, List<Indicator>> all,
            Map<List<Indicator>, Map<String, List<Indicator>>> applicable, Map<SubjectPeriod, ScorecardConfig> configs,
            Map<SubjectPeriod, Map<String, ScorecardLine>> overrides, Snapshot snap) {
        List<Indicator> inForce = all.get(id.period());
        List<Indicator> mine = applicable.computeIfAbsent(inForce, k -> new HashMap<>()).computeIfAbsent(
                id.subjectCode(), s -> inForce.stream().filter(i -> i.appliesTo(s)).toList());
        Result r = ScorecardService.calculate(mine, overrides.getOrDefault(id, Map.of()), scores, configs.get(id));
        ScorecardComputed event = ScorecardService.toEvent(id.subjectCode(), id.period(), r);
        String detail = json(new Object[]{event.dimensions(), event.gate(), event.completeness(), event.grade()});
        boolean same = snap != null && (snap.total() == null
                ? event.total() == null
                : event.total() != null && snap.total().compareTo(event.total()) == 0)
                && ScorecardService.sameJson(mapper, snap.detail(), detail);
        return same ? null : new Changed(id, event, detail);
    }

    private int store(Connection c, List<Changed> changed) throws SQLException {
        if (changed.isEmpty()) {
            return 0;
        }
        Timestamp now = Timestamp.from(Instant.now());
        try (PreparedStatement ps = c.prepareStatement("insert into scorecard_result (subject_code, period, total, "
                + "grade, gate_status, detail, computed_at) values (?, ?, ?, ?, ?, ?::jsonb, ?) on conflict "
                + "(subject_code, period) do update set total = excluded.total, grade = excluded.grade, gate_status = "
                + "excluded.gate_status, detail = excluded.detail, computed_at = excluded.computed_at, version = "
                + "scorecard_result.version + 1")) {
            for (Changed ch : changed) {
                ps.setString(1, ch.id().subjectCode());
                ps.setString(2, ch.id().period());
                ps.setBigDecimal(3, ch.event().total());
                ps.setString(4, ch.event().grade());
                ps.setString(5, ch.event().gate().status());
                ps.setString(6, ch.detail());
                ps.setTimestamp(7, now);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        outbox.publishAll(config.topic(), IndicatorEvents.SCORECARD_COMPUTED, changed.stream()
                .filter(ch -> ch.event().total() != null)
                .map(ch -> new Outbox.Keyed(ch.id().subjectCode(), ch.event())).toList());
        int n = changed.size();
        changed.clear();
        return n;
    }

    private String json(Object o) {
        try {
            return mapper.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
