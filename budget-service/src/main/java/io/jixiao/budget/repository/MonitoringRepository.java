package io.jixiao.budget.repository;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;

import io.jixiao.budget.domain.DisposalTask;
import io.jixiao.budget.domain.Execution;
import io.jixiao.budget.domain.IndicatorScore;
import io.jixiao.budget.domain.LightChange;
import io.jixiao.budget.domain.ProjectLight;
import io.jixiao.kit.web.PageRequest;
import io.jixiao.kit.web.Paged;
import io.jixiao.kit.web.Where;
import io.quarkus.panache.common.Sort;

/** Spending, linked-indicator scores, lights and disposal tasks, read in bulk for a whole fiscal year. */
@ApplicationScoped
public class MonitoringRepository {

    private final EntityManager em;

    public MonitoringRepository(EntityManager em) {
        this.em = em;
    }

    public BigDecimal spent(UUID project) {
        return em.createQuery("select coalesce(sum(e.amount), 0) from Execution e where e.projectId = :p",
                BigDecimal.class).setParameter("p", project).getSingleResult();
    }

    /** project id → amount spent up to and including {@code asOf}, for every project of the year, or of a subject's. */
    public Map<UUID, BigDecimal> spentByProject(int year, LocalDate asOf, String subjectOrNull) {
        Map<UUID, BigDecimal> m = new HashMap<>();
        ofSubject(em.createQuery("select e.projectId, sum(e.amount) from Execution e, BudgetProject p"
                + " where p.id = e.projectId and p.fiscalYear = :y and e.spentOn <= :d"
                + (subjectOrNull == null ? "" : " and p.subjectCode = :s") + " group by e.projectId", Object[].class),
                subjectOrNull).setParameter("y", year).setParameter("d", asOf).getResultList()
                .forEach(r -> m.put((UUID) r[0], (BigDecimal) r[1]));
        return m;
    }

    /**
     * "subject/indicator" → the latest score recorded in a period of the year (the year itself or a part of it), of
     * every subject or of one.
     */
    public Map<String, BigDecimal> latestScores(int year, String subjectOrNull) {
        Map<String, BigDecimal> m = new HashMap<>();
        ofSubject(em.createQuery("from IndicatorScore where (period = :y or period like :p)"
                + (subjectOrNull == null ? "" : " and subjectCode = :s") + " order by recordedAt",
                IndicatorScore.class), subjectOrNull).setParameter("y", String.valueOf(year))
                .setParameter("p", year + "-%").getResultList()
                .forEach(s -> m.put(s.subjectCode + "/" + s.indicatorCode, s.score));
        return m;
    }

    /** The query with {@code :s} set to the subject, when there is one (the query names {@code :s} only then). */
    private static <T> TypedQuery<T> ofSubject(TypedQuery<T> q, String subjectOrNull) {
        return subjectOrNull == null ? q : q.setParameter("s", subjectOrNull);
    }

    public Optional<IndicatorScore> score(String subject, String indicator, String period) {
        return Optional.ofNullable(em.find(IndicatorScore.class, new IndicatorScore.Key(subject, indicator, period)));
    }

    public Map<UUID, ProjectLight> lights(int year) {
        Map<UUID, ProjectLight> m = new HashMap<>();
        em.createQuery("select l from ProjectLight l, BudgetProject p where p.id = l.projectId and p.fiscalYear = :y",
                ProjectLight.class).setParameter("y", year).getResultList().forEach(l -> m.put(l.projectId, l));
        return m;
    }

    /**
     * project id → its open disposal task, for the projects of the year (or of a subject's) that have one; the oldest,
     * when a project turned RED again before finance closed its first task.
     */
    public Map<UUID, DisposalTask> openTasks(int year, String subjectOrNull) {
        Map<UUID, DisposalTask> m = new HashMap<>();
        ofSubject(em.createQuery("select t from DisposalTask t, BudgetProject p where p.id = t.projectId"
                + " and p.fiscalYear = :y and t.status = :st" + (subjectOrNull == null ? "" : " and p.subjectCode = :s")
                + " order by t.openedAt desc, t.id desc", DisposalTask.class), subjectOrNull).setParameter("y", year)
                .setParameter("st", DisposalTask.Status.OPEN).getResultList().forEach(t -> m.put(t.projectId, t));
        return m;
    }

    public List<Execution> executions(UUID project) {
        return em.createQuery("from Execution where projectId = :p order by spentOn, recordedAt", Execution.class)
                .setParameter("p", project).getResultList();
    }

    public List<LightChange> history(UUID project) {
        return em.createQuery("from LightChange where projectId = :p order by id", LightChange.class)
                .setParameter("p", project).getResultList();
    }

    /** A subject's tasks in a status for the projects of one fiscal year, the oldest first. */
    public List<DisposalTask> disposals(DisposalTask.Status status, String subject, int year) {
        return em.createQuery("select t from DisposalTask t, BudgetProject p where p.id = t.projectId"
                + " and p.fiscalYear = :y and t.status = :s and t.subjectCode = :subj order by t.openedAt, t.id",
                DisposalTask.class).setParameter("s", status).setParameter("subj", subject).setParameter("y", year)
                .getResultList();
    }

    /**
     * One page of the tasks in a status, the oldest first; of one subject, or of all; of the projects of one fiscal
     * year, or of every year.
     */
    public Paged<DisposalTask> disposals(DisposalTask.Status status, String subjectOrNull, Integer yearOrNull,
            PageRequest page) {
        return Where.all().eq("status", status).eq("subjectCode", subjectOrNull)
                .andIf(yearOrNull != null,
                        "e.projectId in (select p.id from BudgetProject p where p.fiscalYear = :fiscalYear)",
                        "fiscalYear", yearOrNull)
                .page(em, DisposalTask.class, Sort.by("openedAt").and("id"), page);
    }

    public Optional<DisposalTask> disposal(UUID id) {
        return Optional.ofNullable(em.find(DisposalTask.class, id));
    }

    public void persist(Object o) {
        em.persist(o);
    }

    /**
     * Records that the scheduled monitoring runs for {@code day} now, unless it ran that day already: whether this call
     * may run it. In the caller's transaction, so a failed run leaves the day unclaimed for the next check, and a second
     * replica waits for the first one's commit and then finds the day taken.
     */
    public boolean claimRun(LocalDate day) {
        return em.createNativeQuery("insert into monitoring_run (day, fiscal_year, ran_at, projects) values (?1, ?2,"
                + " now(), 0) on conflict (day) do nothing").setParameter(1, day).setParameter(2, day.getYear())
                .executeUpdate() == 1;
    }

    /** How many projects the day's scheduled run assessed. */
    public void recordRun(LocalDate day, int projects) {
        em.createNativeQuery("update monitoring_run set projects = ?2 where day = ?1").setParameter(1, day)
                .setParameter(2, projects).executeUpdate();
    }
}
