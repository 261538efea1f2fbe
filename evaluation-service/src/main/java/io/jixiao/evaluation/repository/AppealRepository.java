package io.jixiao.evaluation.repository;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.jixiao.evaluation.domain.Appeal;
import io.jixiao.kit.tx.WriteGate;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class AppealRepository implements PanacheRepositoryBase<Appeal, UUID> {

    public List<Appeal> byCycle(UUID cycle, String subjectOrNull) {
        return subjectOrNull == null
                ? list("cycleId = ?1 order by submittedAt", cycle)
                : list("cycleId = ?1 and subjectCode = ?2 order by submittedAt", cycle, subjectOrNull);
    }

    /**
     * Taken first by every decision on a cycle's appeals, until it commits: an accepted appeal recomputes and re-ranks
     * the whole cycle from its frozen results, so two decisions at once would each miss the other's amendment (the
     * later one failed on the results' versions). They now run one after the other, and each reads the results the
     * previous one left.
     */
    public void lockDecisions(UUID cycle) {
        WriteGate.exclusive(getEntityManager(), "appeals/" + cycle);
    }

    public boolean hasOpen(UUID cycle, String subject) {
        return !getEntityManager().createQuery("select 1 from Appeal a where a.cycleId = :c and a.subjectCode = :s"
                + " and a.status = :st", Integer.class).setParameter("c", cycle).setParameter("s", subject)
                .setParameter("st", Appeal.Status.SUBMITTED).setMaxResults(1).getResultList().isEmpty();
    }
}
