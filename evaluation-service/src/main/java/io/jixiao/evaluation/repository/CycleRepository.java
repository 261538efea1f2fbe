package io.jixiao.evaluation.repository;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.Session;
import org.hibernate.query.NativeQuery;

import io.jixiao.evaluation.domain.Cycle;
import io.jixiao.evaluation.domain.CyclePeriod;
import io.jixiao.kit.tx.WriteGate;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class CycleRepository implements PanacheRepositoryBase<Cycle, UUID> {

    /** Whether {@code subject} is in the cycle, without loading the cycle's subjects. */
    public boolean includes(UUID cycle, String subject) {
        return ((Number) getEntityManager().createNativeQuery("select count(*) from cycle_subject"
                + " where cycle_id = ?1 and subject_code = ?2").unwrap(NativeQuery.class)
                .addSynchronizedQuerySpace("cycle_subject").setParameter(1, cycle).setParameter(2, subject)
                .getSingleResult()).intValue() > 0;
    }

    /** Taken by every rating before it reads its cycle, until it commits ({@link WriteGate#shared}). */
    public void lockForRating(UUID cycle) {
        WriteGate.shared(getEntityManager(), "cycle/" + cycle);
    }

    /**
     * Taken before a change of the cycle's status that ends its ratings (close): waits for every rating in flight to
     * commit, and holds back new ones until the change has committed; they then read the new status.
     */
    public void lockStatus(UUID cycle) {
        WriteGate.exclusive(getEntityManager(), "cycle/" + cycle);
    }

    /**
     * A cycle for reading only (a rating checks its lifecycle and rights list): Hibernate keeps no snapshot of it for
     * dirty checking. Its rights list is JSON, and the snapshot and the checks at each of a rating's flushes
     * serialized and parsed it again. Changes to the returned cycle are not saved.
     */
    public Optional<Cycle> findReadOnly(UUID id) {
        return getEntityManager().unwrap(Session.class).byId(Cycle.class).withReadOnly(true).loadOptional(id);
    }

    /**
     * The periods with cycles (of those {@code subjectOrNull} is evaluated in, unless null) and how many each has, in
     * descending order of their text: the latest year first, and in a year its quarters, halves and months before the
     * year itself. Every cycle counts, whatever its status or age.
     */
    public List<CyclePeriod> periods(String subjectOrNull) {
        var query = getEntityManager().createQuery("select new " + CyclePeriod.class.getName() + "(c.period, count(c))"
                + " from Cycle c" + (subjectOrNull == null ? "" : " where :s member of c.subjects")
                + " group by c.period order by c.period desc", CyclePeriod.class);
        return (subjectOrNull == null ? query : query.setParameter("s", subjectOrNull)).getResultList();
    }
}
