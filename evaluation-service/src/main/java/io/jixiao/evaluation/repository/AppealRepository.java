package io.jixiao.evaluation.repository;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.jixiao.evaluation.domain.Appeal;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class AppealRepository implements PanacheRepositoryBase<Appeal, UUID> {

    public List<Appeal> byCycle(UUID cycle, String subjectOrNull) {
        return subjectOrNull == null
                ? list("cycleId = ?1 order by submittedAt", cycle)
                : list("cycleId = ?1 and subjectCode = ?2 order by submittedAt", cycle, subjectOrNull);
    }

    public boolean hasOpen(UUID cycle, String subject) {
        return !getEntityManager().createQuery("select 1 from Appeal a where a.cycleId = :c and a.subjectCode = :s"
                + " and a.status = :st", Integer.class).setParameter("c", cycle).setParameter("s", subject)
                .setParameter("st", Appeal.Status.SUBMITTED).setMaxResults(1).getResultList().isEmpty();
    }
}
