package io.jixiao.evaluation.repository;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.jixiao.evaluation.domain.SubjectResult;
import io.jixiao.kit.web.PageRequest;
import io.jixiao.kit.web.Paged;
import io.jixiao.kit.web.Where;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;

@ApplicationScoped
public class ResultRepository implements PanacheRepositoryBase<SubjectResult, SubjectResult.Key> {

    public List<SubjectResult> byCycle(UUID cycle) {
        return list("cycleId = ?1 order by rank nulls last, subjectCode", cycle);
    }

    /** One page of a cycle's frozen league table, by rank (unranked last), then subject code. */
    public Paged<SubjectResult> page(UUID cycle, PageRequest page) {
        return Where.all().eq("cycleId", cycle).page(this, Sort.by("rank", Sort.Direction.Ascending,
                Sort.NullPrecedence.NULLS_LAST).and("subjectCode"), page);
    }

    public Optional<SubjectResult> one(UUID cycle, String subject) {
        return findByIdOptional(new SubjectResult.Key(cycle, subject));
    }
}
