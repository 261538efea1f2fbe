package io.jixiao.evaluation.repository;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.jixiao.evaluation.domain.Assignment;
import io.jixiao.evaluation.domain.RatingParty;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class AssignmentRepository implements PanacheRepositoryBase<Assignment, UUID> {

    /**
     * Whether the evaluator is assigned to the subject. Read with a plain query that Hibernate's plan cache keeps:
     * Panache's {@code count(...)} builds its count query anew on every call, which was 10% of a rating's CPU.
     */
    public boolean exists(UUID cycle, RatingParty party, String evaluator, String subject) {
        return !getEntityManager().createQuery("select 1 from Assignment a where a.cycleId = :c and a.party = :p"
                + " and a.evaluator = :e and a.subjectCode = :s", Integer.class).setParameter("c", cycle)
                .setParameter("p", party).setParameter("e", evaluator).setParameter("s", subject).setMaxResults(1)
                .getResultList().isEmpty();
    }

    public List<Assignment> byCycle(UUID cycle) {
        return list("cycleId = ?1 order by party, evaluator, subjectCode", cycle);
    }

    public List<Assignment> byCycleAndEvaluator(UUID cycle, String evaluator) {
        return list("cycleId = ?1 and evaluator = ?2 order by party, subjectCode", cycle, evaluator);
    }
}
