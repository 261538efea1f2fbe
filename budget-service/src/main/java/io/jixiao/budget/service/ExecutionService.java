package io.jixiao.budget.service;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.jixiao.budget.domain.BudgetProject;
import io.jixiao.budget.domain.Execution;
import io.jixiao.budget.repository.MonitoringRepository;
import io.jixiao.budget.repository.ProjectRepository;
import io.jixiao.kit.problem.Problem;
import io.jixiao.kit.problem.ProblemException;
import io.jixiao.kit.problem.ProblemException.InvalidInputException;
import io.jixiao.kit.problem.ProblemException.RuleViolationException;
import io.jixiao.kit.security.CurrentUser;
import io.jixiao.kit.sheets.CellValues;
import io.jixiao.kit.sheets.Sheets;

/** Spending records: only within the project's fiscal year, never beyond the approved amount unless flagged. */
@ApplicationScoped
public class ExecutionService {

    /** The largest amount one spending record may have, as the REST record's {@code @DecimalMax} says. */
    public static final String MAX_TEXT = "999999999999999.99";

    private static final BigDecimal MAX_AMOUNT = new BigDecimal(MAX_TEXT);

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
        return doRecord(projectId, n, caller);
    }

    /** Not intercepted: a refused row of an import must not mark the import's transaction for rollback. */
    private Execution doRecord(UUID projectId, NewExecution n, CurrentUser caller) {
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

    /** The outcome of an import: rows accepted, and every refused row with its reasons. */
    public record ImportReport(int rows, int accepted, List<Problem.Violation> rejected) {
    }

    /**
     * Imports spending rows (columns project, amount, spentOn, note, overspend). Every row is checked as a single
     * record would be. All or nothing by default: one bad row refuses the file with a per-row report (422); with
     * {@code partial}, the good rows are recorded and the bad ones reported.
     */
    @Transactional
    public ImportReport importRows(List<Sheets.Line> lines, boolean partial, CurrentUser caller) {
        List<Problem.Violation> rejected = new ArrayList<>();
        int accepted = 0;
        for (Sheets.Line line : lines) {
            String row = "rows[" + line.number() + "]";
            try {
                UUID project = uuid(required(line, "project", row));
                if (project == null) {
                    throw new InvalidInputException(row + ".project", "must be a project id (a UUID)");
                }
                BigDecimal amount = CellValues.number(required(line, "amount", row));
                if (amount == null) {
                    throw new InvalidInputException(row + ".amount", CellValues.NUMBER_MESSAGE);
                }
                if (amount.signum() <= 0 || amount.stripTrailingZeros().scale() > 2
                        || amount.compareTo(MAX_AMOUNT) > 0) {
                    throw new InvalidInputException(row + ".amount",
                            "must be positive, in yuan with at most 2 decimals, at most " + MAX_TEXT);
                }
                LocalDate on = CellValues.date(required(line, "spentOn", row));
                if (on == null) {
                    throw new InvalidInputException(row + ".spentOn", CellValues.DATE_MESSAGE);
                }
                String note = line.get("note");
                if (note != null && note.length() > 500) {
                    throw new InvalidInputException(row + ".note", "at most 500 characters");
                }
                Boolean overspend = CellValues.yesNo(line.get("overspend"));
                if (overspend == null) { // was read as false, whatever it said
                    throw new InvalidInputException(row + ".overspend", CellValues.YES_NO_MESSAGE);
                }
                doRecord(project, new NewExecution(amount, on, note, overspend), caller);
                accepted++;
            } catch (ProblemException e) {
                String msg = e.violations().isEmpty() ? e.getMessage() : e.violations().get(0).message();
                String field = e.violations().isEmpty() ? row : e.violations().get(0).field();
                rejected.add(new Problem.Violation(field.startsWith("rows[") ? field : row + "." + field, msg));
            }
        }
        if (!rejected.isEmpty() && !partial) {
            throw new InvalidInputException(rejected);
        }
        return new ImportReport(lines.size(), accepted, rejected);
    }

    private static UUID uuid(String text) {
        try {
            return text.length() == 36 ? UUID.fromString(text) : null; // fromString takes "1-1-1-1-1" too
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String required(Sheets.Line line, String column, String row) {
        String v = line.get(column);
        if (v == null) {
            throw new InvalidInputException(row + "." + column, "is required");
        }
        return v;
    }

    public List<Execution> list(UUID projectId, CurrentUser caller) {
        return monitoring.executions(projects.get(projectId, caller).id);
    }
}
