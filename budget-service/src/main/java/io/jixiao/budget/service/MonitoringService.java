package io.jixiao.budget.service;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.jixiao.budget.config.BudgetConfig;
import io.jixiao.budget.domain.BudgetProject;
import io.jixiao.budget.domain.DisposalTask;
import io.jixiao.budget.domain.IndicatorScore;
import io.jixiao.budget.domain.LightChange;
import io.jixiao.budget.domain.ProjectLight;
import io.jixiao.budget.domain.monitoring.DualMonitor;
import io.jixiao.budget.domain.monitoring.Light;
import io.jixiao.budget.domain.monitoring.Thresholds;
import io.jixiao.budget.messaging.BudgetEvents;
import io.jixiao.budget.messaging.BudgetEvents.ValueRecorded;
import io.jixiao.budget.messaging.BudgetEvents.WarningRaised;
import io.jixiao.budget.repository.InputRepository;
import io.jixiao.budget.repository.MonitoringRepository;
import io.jixiao.budget.repository.ProjectRepository;
import io.jixiao.kit.inbox.EventEnvelope;
import io.jixiao.kit.inbox.PoisonEventException;
import io.jixiao.kit.outbox.Outbox;
import io.jixiao.kit.problem.ProblemException.ResourceNotFoundException;
import io.jixiao.kit.security.CurrentUser;
import io.jixiao.kit.sql.DatabaseOutage;
import io.jixiao.kit.web.Decimals;
import io.jixiao.kit.web.PageRequest;
import io.jixiao.kit.web.Paged;
import io.quarkus.scheduler.Scheduled;

/**
 * Dual monitoring of a fiscal year: each project's execution pace and the score of its linked indicators give its
 * light; a monitoring run records the changes, and a project turning RED raises a warning event and opens a disposal
 * task.
 */
@ApplicationScoped
public class MonitoringService {

    private static final Logger LOG = Logger.getLogger(MonitoringService.class);
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    /** When the day's scheduled run is due (China time): the morning, before the offices open. */
    private static final LocalTime DUE_AT = LocalTime.of(6, 0);

    /** A project with its assessment, and its open disposal task (null when it has none). */
    public record Assessed(BudgetProject project, BigDecimal spent, DualMonitor.Assessment assessment,
            DisposalTask openTask) {
    }

    /**
     * What a monitoring run did: how many projects it assessed, how many of them have each light now, how many lights
     * changed (each a line of history), and how many projects turned RED (each a warning and a disposal task).
     */
    public record MonitoringRun(int year, LocalDate asOf, int projects, Map<Light, Integer> lights, int changed,
            int warnings) {
    }

    private final ProjectRepository projects;
    private final MonitoringRepository monitoring;
    private final InputRepository inputs;
    private final Outbox outbox;
    private final BudgetConfig config;

    public MonitoringService(ProjectRepository projects, MonitoringRepository monitoring, InputRepository inputs,
            Outbox outbox, BudgetConfig config) {
        this.projects = projects;
        this.inputs = inputs;
        this.monitoring = monitoring;
        this.outbox = outbox;
        this.config = config;
    }

    /** Every project of the year assessed as of a date (finance and the office: all; a department: its own). */
    @Transactional
    public List<Assessed> assess(int year, LocalDate asOf, CurrentUser caller) {
        return assess(year, asOf, null, caller);
    }

    /**
     * The projects of the year the caller may see, of one subject or of all, assessed as of a date. Only that
     * subject's projects, spending and scores are read: a department's page of a province's year does not assess the
     * province. A department naming another subject gets none.
     */
    @Transactional
    public List<Assessed> assess(int year, LocalDate asOf, String subjectOrNull, CurrentUser caller) {
        String dept = caller != null && caller.hasRole(CurrentUser.DEPARTMENT) ? caller.dept().orElse("") : null;
        if (dept != null && subjectOrNull != null && !dept.equals(subjectOrNull)) {
            return List.of();
        }
        return assessAll(year, asOf, dept != null ? dept : subjectOrNull, true);
    }

    /**
     * One page of the year's assessed projects the caller may see, by subject and project name, optionally only one
     * subject's or only those of one light.
     */
    @Transactional
    public Paged<Assessed> page(int year, LocalDate asOf, String subject, Light light, PageRequest page,
            CurrentUser caller) {
        return Paged.slice(assess(year, asOf, subject, caller).stream()
                .filter(a -> light == null || a.assessment().light() == light).toList(), page);
    }

    /**
     * Every project of the year, or of one subject's, assessed as of a date; with its open disposal task when
     * {@code tasks}.
     */
    List<Assessed> assessAll(int year, LocalDate asOf, String subjectOrNull, boolean tasks) {
        List<BudgetProject> list = subjectOrNull == null
                ? projects.list("fiscalYear = ?1 order by subjectCode, name, id", year)
                : projects.list("fiscalYear = ?1 and subjectCode = ?2 order by name, id", year, subjectOrNull);
        Map<UUID, BigDecimal> spent = monitoring.spentByProject(year, asOf, subjectOrNull);
        Map<String, BigDecimal> scores = monitoring.latestScores(year, subjectOrNull);
        Map<UUID, DisposalTask> open = tasks ? monitoring.openTasks(year, subjectOrNull) : Map.of();
        Thresholds t = inputs.rulesFor(year).thresholds();
        List<Assessed> out = new ArrayList<>(list.size());
        for (BudgetProject p : list) {
            BigDecimal s = spent.getOrDefault(p.id, BigDecimal.ZERO);
            out.add(new Assessed(p, s, DualMonitor.assess(new DualMonitor.Input(p.approvedAmount, s, year, asOf,
                    goalScore(p, scores)), t), open.get(p.id)));
        }
        return out;
    }

    /** The goal score: the mean of the latest scores of the linked indicators that have one (equal weights). */
    static BigDecimal goalScore(BudgetProject p, Map<String, BigDecimal> scores) {
        BigDecimal sum = BigDecimal.ZERO;
        int n = 0;
        for (String indicator : p.linkedIndicators) {
            BigDecimal s = scores.get(p.subjectCode + "/" + indicator);
            if (s != null) {
                sum = sum.add(s);
                n++;
            }
        }
        return n == 0 ? null : sum.divide(BigDecimal.valueOf(n), MathContext.DECIMAL64);
    }

    /**
     * Records today's lights: a change goes into the history; a project that turns RED raises
     * {@code budget.warning.raised} and opens a disposal task.
     */
    @Transactional
    public MonitoringRun run(int year, LocalDate asOf) {
        Map<UUID, ProjectLight> current = monitoring.lights(year);
        // a run opens tasks by the light's change, not by the tasks already open
        List<Assessed> all = assessAll(year, asOf, null, false);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        Map<Light, Integer> lights = new EnumMap<>(Light.class);
        for (Light l : Light.values()) {
            lights.put(l, 0);
        }
        int changed = 0;
        int warnings = 0;
        for (Assessed a : all) {
            DualMonitor.Assessment as = a.assessment();
            lights.merge(as.light(), 1, Integer::sum);
            ProjectLight light = current.get(a.project().id);
            Light before = light == null ? null : light.light;
            boolean fresh = light == null;
            if (fresh) {
                light = new ProjectLight();
                light.projectId = a.project().id;
            }
            light.light = as.light();
            light.executionRate = Decimals.stored(as.executionRate());
            light.timeProgress = Decimals.stored(as.timeProgress());
            light.pace = Decimals.stored(as.pace());
            light.goalScore = Decimals.stored(as.goalScore());
            light.reasons = as.reasons();
            light.assessedOn = asOf;
            light.assessedAt = now;
            if (fresh) {
                monitoring.persist(light);
            }
            if (before != as.light()) {
                LightChange change = new LightChange();
                change.projectId = a.project().id;
                change.from = before;
                change.to = as.light();
                change.reasons = as.reasons();
                change.assessedOn = asOf;
                change.changedAt = now;
                monitoring.persist(change);
                changed++;
                if (as.light() == Light.RED) {
                    warnings++;
                    DisposalTask task = new DisposalTask(a.project().id, a.project().subjectCode, as.reasons());
                    monitoring.persist(task);
                    outbox.publish(config.topic(), BudgetEvents.WARNING_RAISED, a.project().subjectCode,
                            new WarningRaised(a.project().id, a.project().subjectCode, year, as.light().name(),
                                    light.pace, light.goalScore, light.executionRate, light.timeProgress,
                                    String.join("; ", as.reasons()), task.id));
                }
            }
        }
        return new MonitoringRun(year, asOf, all.size(), lights, changed, warnings);
    }

    /** A project's light history (a department: its own projects only). */
    public List<LightChange> history(UUID project, CurrentUser caller) {
        BudgetProject p = projects.findByIdOptional(project)
                .orElseThrow(() -> new ResourceNotFoundException("project", project));
        caller.requireOwnIfDepartment(p.subjectCode, "projects");
        return monitoring.history(p.id);
    }

    /**
     * Every hour: today's run of the current fiscal year (China Standard Time), once it is due. A service or database
     * that was away at 06:00 runs it when it is back.
     */
    @Scheduled(cron = "{jixiao.budget.monitoring-cron}", timeZone = "Asia/Shanghai", concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void daily() {
        DatabaseOutage.orWait(() -> runDue(LocalDateTime.now(CHINA))
                .ifPresent(n -> LOG.infof("the daily monitoring assessed %d project(s)", n)), LOG,
                "the daily monitoring (looked at again within the hour, or run it with POST /api/v1/budget/monitoring/run)");
    }

    /**
     * Runs the monitoring of {@code now}'s fiscal year as of its day once that day, from 06:00: how many projects it
     * assessed, or empty when it is not due yet or ran that day already.
     */
    @Transactional
    public Optional<Integer> runDue(LocalDateTime now) {
        if (now.toLocalTime().isBefore(DUE_AT)) {
            return Optional.empty();
        }
        LocalDate day = now.toLocalDate();
        if (!monitoring.claimRun(day)) {
            return Optional.empty();
        }
        int projects = run(day.getYear(), day).projects();
        monitoring.recordRun(day, projects);
        return Optional.of(projects);
    }

    /** Keeps the latest score of each indicator (consumed from indicator-service), for the goal scores. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void score(EventEnvelope env, ValueRecorded v) {
        if (v.subject() == null || v.indicator() == null || v.period() == null || v.score() == null) {
            throw new PoisonEventException("value event " + env.id() + " without subject, indicator, period or score");
        }
        IndicatorScore s = monitoring.score(v.subject(), v.indicator(), v.period()).orElse(null);
        OffsetDateTime at = env.time() == null ? OffsetDateTime.now(ZoneOffset.UTC) : env.time();
        if (s != null && s.recordedAt.isAfter(at)) {
            return;
        }
        boolean fresh = s == null;
        if (fresh) {
            s = new IndicatorScore();
            s.subjectCode = v.subject();
            s.indicatorCode = v.indicator();
            s.period = v.period();
        }
        s.score = v.score();
        s.recordedAt = at;
        s.eventId = env.id();
        if (fresh) {
            monitoring.persist(s);
        }
    }
}
