package io.jixiao.evaluation.repository;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.jixiao.evaluation.domain.Assignment;
import io.jixiao.evaluation.domain.RatingParty;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class AssignmentRepository implements PanacheRepositoryBase<Assignment, UUID> {

    public boolean exists(UUID cycle, RatingParty party, String evaluator, String subject) {
        return count("cycleId = ?1 and party = ?2 and evaluator = ?3 and subjectCode = ?4", cycle, party, evaluator,
                subject) > 0;
    }

    public List<Assignment> byCycle(UUID cycle) {
        return list("cycleId = ?1 order by party, evaluator, subjectCode", cycle);
    }

    public List<Assignment> byCycleAndEvaluator(UUID cycle, String evaluator) {
        return list("cycleId = ?1 and evaluator = ?2 order by party, subjectCode", cycle, evaluator);
    }
}
