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

    /** The indicators of a subject and period that have a current value. */
    public java.util.Set<String> currentIndicators(String subject, String period) {
        return new java.util.HashSet<>(getEntityManager().createQuery("select v.indicatorCode from IndicatorValue v "
                + "where v.subjectCode = :s and v.period = :p and v.current = true", String.class)
                .setParameter("s", subject).setParameter("p", period).getResultList());
    }

    public List<IndicatorValue> history(String subject, String period) {
        return list("subjectCode = ?1 and period = ?2 order by indicatorCode, reportedAt, id", subject, period);
    }
}
