package io.jixiao.budget.repository;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.jixiao.budget.domain.BudgetProject;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class ProjectRepository implements PanacheRepositoryBase<BudgetProject, UUID> {

    public List<BudgetProject> of(String subject, int year) {
        return list("subjectCode = ?1 and fiscalYear = ?2 order by name, id", subject, year);
    }
}
