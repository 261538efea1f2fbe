package io.jixiao.budget.repository;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.jixiao.budget.domain.Proposal;
import io.jixiao.kit.web.PageRequest;
import io.jixiao.kit.web.Paged;
import io.jixiao.kit.web.Where;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;

@ApplicationScoped
public class ProposalRepository implements PanacheRepositoryBase<Proposal, UUID> {

    public Optional<Proposal> of(UUID project, int year) {
        return find("projectId = ?1 and fiscalYear = ?2", project, year).firstResultOptional();
    }

    /** project id → its proposal for the year, for a set of projects, in one query. */
    public java.util.Map<UUID, Proposal> of(java.util.Collection<UUID> projects, int year) {
        java.util.Map<UUID, Proposal> m = new java.util.HashMap<>();
        if (!projects.isEmpty()) {
            list("fiscalYear = ?1 and projectId in ?2", year, projects).forEach(p -> m.put(p.projectId, p));
        }
        return m;
    }

    /** One page of a fiscal year's proposals, by subject code and project, of one subject when it is given. */
    public Paged<Proposal> page(int year, String subjectOrNull, PageRequest page) {
        return Where.all().eq("fiscalYear", year).eq("subjectCode", subjectOrNull).page(this,
                Sort.by("subjectCode").and("projectId"), page);
    }

    public List<Proposal> forYear(int year, String subjectOrNull) {
        return subjectOrNull == null
                ? list("fiscalYear = ?1 order by subjectCode, projectId", year)
                : list("fiscalYear = ?1 and subjectCode = ?2 order by projectId", year, subjectOrNull);
    }
}
