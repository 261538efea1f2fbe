package io.jixiao.indicator.repository;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.jixiao.indicator.domain.IndicatorValue;
import io.jixiao.indicator.domain.quality.QualityRules;
import io.jixiao.kit.period.Period;
import io.quarkus.hibernate.orm.panache.PanacheRepository;

@ApplicationScoped
public class ValueRepository implements PanacheRepository<IndicatorValue> {

    public Optional<IndicatorValue> current(String subject, String indicator, String period) {
        return find("subjectCode = ?1 and indicatorCode = ?2 and period = ?3 and current = true", subject, indicator,
                period).firstResultOptional();
    }

    public List<IndicatorValue> currentFor(String subject, String period) {
        return list("subjectCode = ?1 and period = ?2 and current = true order by indicatorCode", subject, period);
    }

    /**
     * The current scores of a subject's period by indicator code: two columns, not entities (a scorecard recompute
     * reads them for every value reported, and managed entities would be copied and dirty-checked at each flush).
     */
    public java.util.Map<String, java.math.BigDecimal> currentScores(String subject, String period) {
        java.util.Map<String, java.math.BigDecimal> scores = new java.util.HashMap<>();
        getEntityManager().createQuery("select v.indicatorCode, v.score from IndicatorValue v where v.subjectCode = ?1"
                + " and v.period = ?2 and v.current = true", Object[].class).setParameter(1, subject)
                .setParameter(2, period).getResultList().forEach(r -> scores.put((String) r[0],
                        (java.math.BigDecimal) r[1]));
        return scores;
    }

    /** The indicators of a subject and period that have a current value. */
    public java.util.Set<String> currentIndicators(String subject, String period) {
        return new java.util.HashSet<>(getEntityManager().createQuery("select v.indicatorCode from IndicatorValue v "
                + "where v.subjectCode = :s and v.period = :p and v.current = true", String.class)
                .setParameter("s", subject).setParameter("p", period).getResultList());
    }

    /** The counted value and the value waiting for review of a subject, indicator and period; either may be null. */
    public record Slot(IndicatorValue current, IndicatorValue held) {
    }

    /** {@link #current} and {@link #held} in one query (a held value is never current). */
    public Slot slot(String subject, String indicator, String period) {
        IndicatorValue current = null;
        IndicatorValue held = null;
        for (IndicatorValue v : list("subjectCode = ?1 and indicatorCode = ?2 and period = ?3 and (current = true"
                + " or status = ?4)", subject, indicator, period, IndicatorValue.Status.HELD)) {
            if (v.current) {
                current = v;
            } else {
                held = v;
            }
        }
        return new Slot(current, held);
    }

    /** A value reported for the subject, indicator and period that waits for review, if any. */
    public Optional<IndicatorValue> held(String subject, String indicator, String period) {
        return find("subjectCode = ?1 and indicatorCode = ?2 and period = ?3 and status = ?4", subject, indicator,
                period, IndicatorValue.Status.HELD).firstResultOptional();
    }

    /** Current numeric values in the periods of the given period's kind before it, for the subjects given. */
    private static final String EARLIER = "select subject_code, indicator_code, count(*), sum(actual), "
            + "sum(actual * actual) from indicator_value where is_current and actual is not null "
            + "and subject_code = any(?) and period < ? and length(period) = ? and substr(period, 6, 1) between ? and ? ";

    /**
     * The moments of a subject's counted numeric values of an indicator in the periods of {@code period}'s kind before
     * it (the OUTLIER rule's history), added up by PostgreSQL.
     */
    public QualityRules.Moments earlierMoments(String subject, String indicator, String period) {
        return earlierMoments(List.of(subject), Set.of(indicator), period).getOrDefault(subject + "|" + indicator,
                QualityRules.Moments.NONE);
    }

    /**
     * The same for many subjects at once (an import), keyed by {@code subject|indicator}: one row per pair instead of
     * every stored value. Only the indicators given are kept.
     */
    public Map<String, QualityRules.Moments> earlierMoments(Collection<String> subjects, Set<String> indicators,
            String period) {
        Map<String, QualityRules.Moments> out = new HashMap<>();
        if (subjects.isEmpty() || indicators.isEmpty()) {
            return out;
        }
        boolean one = indicators.size() == 1;
        getEntityManager().flush(); // what a query would flush first: this one goes straight to JDBC
        getEntityManager().unwrap(org.hibernate.Session.class).doWork(c -> {
            // by subject (the current-value index leads with it); one indicator is in the index too
            try (var ps = c.prepareStatement(EARLIER + (one ? "and indicator_code = ? " : "")
                    + "group by subject_code, indicator_code")) {
                // planned for each call's own values, never once for all: a generic plan cannot see how many rows the
                // period and kind keep, expects one, and sorts the whole history for the group by; a custom plan
                // (with the statistics of migration V6) aggregates by hash
                ps.unwrap(org.postgresql.PGStatement.class).setPrepareThreshold(0);
                ps.setArray(1, c.createArrayOf("varchar", subjects.toArray()));
                Period.KindFilter kind = Period.kindFilter(period);
                ps.setString(2, period);
                ps.setInt(3, kind.length());
                ps.setString(4, kind.first());
                ps.setString(5, kind.last());
                if (one) {
                    ps.setString(6, indicators.iterator().next());
                }
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) {
                        if (indicators.contains(rs.getString(2))) {
                            out.put(rs.getString(1) + "|" + rs.getString(2), new QualityRules.Moments(rs.getLong(3),
                                    rs.getBigDecimal(4), rs.getBigDecimal(5)));
                        }
                    }
                }
            }
        });
        return out;
    }

    public List<IndicatorValue> history(String subject, String period) {
        return list("subjectCode = ?1 and period = ?2 order by indicatorCode, reportedAt, id", subject, period);
    }
}
