package io.jixiao.budget.service;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.jixiao.budget.domain.BudgetProject;
import io.jixiao.budget.domain.KnownSubject;
import io.jixiao.budget.domain.rules.Category;
import io.jixiao.budget.repository.InputRepository;
import io.jixiao.budget.repository.ProjectRepository;
import io.jixiao.kit.period.Period;
import io.jixiao.kit.problem.ProblemException.ResourceNotFoundException;
import io.jixiao.kit.problem.ProblemException.RuleViolationException;
import io.jixiao.kit.security.CurrentUser;
import io.jixiao.kit.web.PageRequest;
import io.jixiao.kit.web.Distinct;
import io.jixiao.kit.web.Paged;
import io.jixiao.kit.web.Where;
import io.quarkus.panache.common.Sort;

@ApplicationScoped
public class ProjectService {

    public record NewProject(String subject, int fiscalYear, Category category, String name, BigDecimal approved,
            List<String> linkedIndicators) {
    }

    private final ProjectRepository projects;
    private final InputRepository inputs;

    public ProjectService(ProjectRepository projects, InputRepository inputs) {
        this.projects = projects;
        this.inputs = inputs;
    }

    @Transactional
    public BudgetProject create(NewProject n) {
        // a goal score is the mean over the linked indicators: one given twice would count twice
        Distinct.require("linkedIndicators", "", "indicator", n.linkedIndicators(), s -> s);
        KnownSubject subject = inputs.subject(n.subject()).orElseThrow(() -> new RuleViolationException("subject",
                "unknown subject " + n.subject() + ": subjects must be registered in indicator-service first"));
        String year = String.valueOf(n.fiscalYear());
        if (Period.valid(year) && !subject.active().overlaps(year)) {
            throw new RuleViolationException("fiscalYear", subject.active().refusal(subject.code, year, "budget"));
        }
        BudgetProject p = new BudgetProject(n.subject(), n.fiscalYear(), n.category(), n.name(), n.approved(),
                n.linkedIndicators());
        projects.persist(p);
        return p;
    }

    /** Finance and the office see every project; a department its own. */
    public Paged<BudgetProject> list(Integer year, PageRequest page, CurrentUser caller) {
        String dept = caller.hasRole(CurrentUser.DEPARTMENT) ? caller.dept().orElse("") : null;
        return Where.all().eq("fiscalYear", year).eq("subjectCode", dept).page(projects,
                Sort.by("subjectCode").and("fiscalYear").and("name").and("id"), page);
    }

    public BudgetProject get(UUID id, CurrentUser caller) {
        BudgetProject p = projects.findByIdOptional(id).orElseThrow(() -> new ResourceNotFoundException("project", id));
        caller.requireOwnIfDepartment(p.subjectCode, "projects");
        return p;
    }
}
