package io.jixiao.budget.service;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.jixiao.budget.domain.BudgetProject;
import io.jixiao.budget.domain.Execution;
import io.jixiao.budget.repository.MonitoringRepository;
import io.jixiao.budget.repository.ProjectRepository;
import io.jixiao.kit.problem.ProblemException.RuleViolationException;
import io.jixiao.kit.security.CurrentUser;

/** Spending records: only within the project's fiscal year, never beyond the approved amount unless flagged. */
@ApplicationScoped
public class ExecutionService {

    public record NewExecution(BigDecimal amount, LocalDate spentOn, String note, boolean overspend) {
    }

    private final ProjectService projects;
    private final ProjectRepository projectRepository;
    private final MonitoringRepository monitoring;

    public ExecutionService(ProjectService projects, ProjectRepository projectRepository,
            MonitoringRepository monitoring) {
        this.projects = projects;
        this.projectRepository = projectRepository;
        this.monitoring = monitoring;
    }

    @Transactional
    public Execution record(UUID projectId, NewExecution n, CurrentUser caller) {
        BudgetProject p = projects.get(projectId, caller);
        // serialize spending on one project, so two concurrent records cannot both pass the approved check
        projectRepository.getEntityManager().lock(p, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        if (n.spentOn().getYear() != p.fiscalYear) {
            throw new RuleViolationException("spentOn", "spending must fall in the project's fiscal year "
                    + p.fiscalYear);
        }
        BigDecimal after = monitoring.spent(p.id).add(n.amount());
        if (after.compareTo(p.approvedAmount) > 0 && !n.overspend()) {
            throw new RuleViolationException("amount", "spending would reach " + after.toPlainString()
                    + ", beyond the approved " + p.approvedAmount.toPlainString() + ": set overspend to record it");
        }
        Execution e = new Execution(p.id, n.amount(), n.spentOn(), n.note(), n.overspend(), caller.subject());
        monitoring.persist(e);
        return e;
    }

    public List<Execution> list(UUID projectId, CurrentUser caller) {
        return monitoring.executions(projects.get(projectId, caller).id);
    }
}
