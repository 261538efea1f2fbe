package io.jixiao.indicator.repository;

import jakarta.enterprise.context.ApplicationScoped;

import io.jixiao.indicator.domain.Subject;
import io.jixiao.kit.period.ActivePeriod;
import io.jixiao.kit.tx.WriteGate;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class SubjectRepository implements PanacheRepositoryBase<Subject, String> {

    /**
     * Takes the transaction's lock on the subject hierarchy, so that revisions that move subjects are checked for cycles
     * one after the other: two moves that are each fine alone (A under B, B under A) cannot both commit.
     */
    public void lockHierarchy() {
        getEntityManager().createNativeQuery("select pg_advisory_xact_lock(hashtextextended('subject-hierarchy', 0))")
                .getSingleResult();
    }

    /**
     * Closes the scoring gate ({@link IndicatorVersionRepository#CATALOGUE_GATE}) for a change of a subject's active
     * period, until the transaction ends: values being scored finish first, and those that come meanwhile wait and
     * then read the new dates.
     */
    public void closeScoringGate() {
        WriteGate.exclusive(getEntityManager(), IndicatorVersionRepository.CATALOGUE_GATE);
    }

    /** The subject's active period as committed now (read by a query, not from the session); open when unknown. */
    public ActivePeriod activePeriod(String code) {
        return getEntityManager().createQuery("select new io.jixiao.kit.period.ActivePeriod(s.activeFrom, s.activeTo)"
                + " from Subject s where s.code = :c", ActivePeriod.class).setParameter("c", code).getResultStream()
                .findFirst().orElse(new ActivePeriod(null, null));
    }
}
