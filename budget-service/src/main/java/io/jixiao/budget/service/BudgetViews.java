package io.jixiao.budget.service;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.jixiao.budget.domain.DisposalTask;
import io.jixiao.budget.domain.Proposal;
import io.jixiao.budget.domain.monitoring.DualMonitor;
import io.jixiao.budget.domain.monitoring.Light;
import io.jixiao.budget.domain.monitoring.Thresholds;
import io.jixiao.budget.repository.InputRepository;
import io.jixiao.budget.repository.MonitoringRepository;
import io.jixiao.budget.repository.ProposalRepository;
import io.jixiao.kit.security.CurrentUser;
import io.jixiao.kit.web.PageRequest;
import io.jixiao.kit.web.Paged;

/**
 * Read models for the portal: the budget × performance matrix, the warning list, a department's year. The matrix and
 * the warnings hold pages: a province's year has thousands of projects.
 */
@ApplicationScoped
public class BudgetViews {

    /** Quadrants of execution pace (at or above the YELLOW pace threshold) and goal score (at or above YELLOW). */
    public enum Quadrant {
        ON_TRACK, SPENDING_WITHOUT_RESULTS, RESULTS_WITHOUT_SPENDING, LAGGING, NOT_JUDGED
    }

    /** Each quadrant's page, cut from the whole quadrant (its total is the quadrant's count). */
    public record Matrix(int year, LocalDate asOf, Map<Quadrant, Paged<MonitoringService.Assessed>> quadrants) {
    }

    public record Warnings(Paged<MonitoringService.Assessed> red, Paged<DisposalTask> openTasks) {
    }

    public record DepartmentYear(String subject, int year, BigDecimal approved, BigDecimal spent,
            BigDecimal proposedNextYear, Map<Light, Long> lights, List<MonitoringService.Assessed> projects,
            List<Proposal> nextYear, List<DisposalTask> openTasks) {
    }

    private final MonitoringService monitoring;
    private final MonitoringRepository repository;
    private final ProposalRepository proposals;
    private final InputRepository inputs;

    public BudgetViews(MonitoringService monitoring, MonitoringRepository repository, ProposalRepository proposals,
            InputRepository inputs) {
        this.inputs = inputs;
        this.monitoring = monitoring;
        this.repository = repository;
        this.proposals = proposals;
    }

    @Transactional
    public Matrix matrix(int year, LocalDate asOf, PageRequest page, CurrentUser caller) {
        Thresholds t = inputs.rulesFor(year).thresholds();
        Map<Quadrant, List<MonitoringService.Assessed>> q = new EnumMap<>(Quadrant.class);
        for (Quadrant k : Quadrant.values()) {
            q.put(k, new ArrayList<>());
        }
        for (MonitoringService.Assessed a : monitoring.assess(year, asOf, caller)) {
            q.get(quadrant(a.assessment(), t)).add(a);
        }
        Map<Quadrant, Paged<MonitoringService.Assessed>> pages = new EnumMap<>(Quadrant.class);
        q.forEach((k, all) -> pages.put(k, Paged.slice(all, page)));
        return new Matrix(year, asOf, pages);
    }

    static Quadrant quadrant(DualMonitor.Assessment a, Thresholds t) {
        if (!a.paceJudged() || a.goalScore() == null) {
            return Quadrant.NOT_JUDGED;
        }
        boolean pace = a.pace().compareTo(t.yellowPace()) >= 0;
        boolean goal = a.goalScore().compareTo(t.yellowGoal()) >= 0;
        return pace
                ? goal ? Quadrant.ON_TRACK : Quadrant.SPENDING_WITHOUT_RESULTS
                : goal ? Quadrant.RESULTS_WITHOUT_SPENDING : Quadrant.LAGGING;
    }

    @Transactional
    public Warnings warnings(int year, LocalDate asOf, PageRequest page, CurrentUser caller) {
        String dept = caller.hasRole(CurrentUser.DEPARTMENT) ? caller.dept().orElse("") : null;
        List<MonitoringService.Assessed> red = monitoring.assess(year, asOf, caller).stream()
                .filter(a -> a.assessment().light() == Light.RED).toList();
        return new Warnings(Paged.slice(red, page), repository.disposals(DisposalTask.Status.OPEN, dept, year, page));
    }

    @Transactional
    public DepartmentYear department(String subject, int year, LocalDate asOf, CurrentUser caller) {
        caller.requireOwnIfDepartment(subject, "year");
        List<MonitoringService.Assessed> mine = monitoring.assess(year, asOf, subject, caller);
        BigDecimal approved = mine.stream().map(a -> a.project().approvedAmount).reduce(BigDecimal.ZERO,
                BigDecimal::add);
        BigDecimal spent = mine.stream().map(MonitoringService.Assessed::spent).reduce(BigDecimal.ZERO,
                BigDecimal::add);
        Map<Light, Long> lights = new EnumMap<>(Light.class);
        mine.forEach(a -> lights.merge(a.assessment().light(), 1L, Long::sum));
        List<Proposal> next = proposals.forYear(year + 1, subject);
        BigDecimal proposed = next.stream().map(p -> p.proposed).reduce(BigDecimal.ZERO, BigDecimal::add);
        return new DepartmentYear(subject, year, approved, spent, proposed, lights, mine, next,
                repository.disposals(DisposalTask.Status.OPEN, subject, year));
    }
}
