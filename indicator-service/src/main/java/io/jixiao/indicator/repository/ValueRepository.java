package io.jixiao.indicator.repository;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.jixiao.indicator.domain.IndicatorValue;
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

    /** A value reported for the subject, indicator and period that waits for review, if any. */
    public Optional<IndicatorValue> held(String subject, String indicator, String period) {
        return find("subjectCode = ?1 and indicatorCode = ?2 and period = ?3 and status = ?4", subject, indicator,
                period, IndicatorValue.Status.HELD).firstResultOptional();
    }

    /** The counted numeric values of a subject's indicator in the periods of {@code period}'s kind before it. */
    public List<java.math.BigDecimal> earlierActuals(String subject, String indicator, String period) {
        int start = io.jixiao.indicator.domain.Period.startMonth(period);
        return getEntityManager()
                .createQuery("select v.period, v.actual from IndicatorValue v where v.subjectCode = :s "
                        + "and v.indicatorCode = :i and v.current = true and v.actual is not null", Object[].class)
                .setParameter("s", subject).setParameter("i", indicator).getResultList().stream()
                .filter(row -> io.jixiao.indicator.domain.Period.sameKind((String) row[0], period)
                        && io.jixiao.indicator.domain.Period.startMonth((String) row[0]) < start)
                .map(row -> (java.math.BigDecimal) row[1]).toList();
    }

    public List<IndicatorValue> history(String subject, String period) {
        return list("subjectCode = ?1 and period = ?2 order by indicatorCode, reportedAt, id", subject, period);
    }
}
