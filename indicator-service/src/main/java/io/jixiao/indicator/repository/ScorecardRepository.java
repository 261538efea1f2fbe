package io.jixiao.indicator.repository;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;

import io.jixiao.indicator.domain.ScorecardConfig;
import io.jixiao.indicator.domain.ScorecardConfigRevision;
import io.jixiao.indicator.domain.ScorecardLine;
import io.jixiao.indicator.domain.ScorecardSnapshot;
import io.jixiao.indicator.domain.ScoredPeriod;
import io.jixiao.indicator.domain.SubjectPeriod;
import io.jixiao.kit.web.PageRequest;
import io.jixiao.kit.web.Paged;
import io.jixiao.kit.web.Where;
import io.quarkus.panache.common.Sort;

/** Scorecard settings, per-subject overrides and the last computed snapshot of a subject and period. */
@ApplicationScoped
public class ScorecardRepository {

    private final EntityManager em;

    public ScorecardRepository(EntityManager em) {
        this.em = em;
    }

    public Optional<ScorecardConfig> config(String subject, String period) {
        return Optional.ofNullable(em.find(ScorecardConfig.class, new SubjectPeriod(subject, period)));
    }

    /** Raises a configuration's version now, so that a change of its lines alone changes its revision too. */
    public void raiseVersion(ScorecardConfig cfg) {
        em.lock(cfg, LockModeType.PESSIMISTIC_FORCE_INCREMENT);
    }

    public List<ScorecardLine> lines(String subject, String period) {
        return em.createQuery("from ScorecardLine where subjectCode = :s and period = :p", ScorecardLine.class)
                .setParameter("s", subject).setParameter("p", period).getResultList();
    }

    /** Every subject's and period's override of one indicator. */
    public List<ScorecardLine> linesOf(String indicator) {
        return em.createQuery("from ScorecardLine where indicatorCode = :i", ScorecardLine.class)
                .setParameter("i", indicator).getResultList();
    }

    /** The subject and period of every stored scorecard. */
    public List<SubjectPeriod> resultsOf() {
        return em.createQuery("select s.id from ScorecardSnapshot s", SubjectPeriod.class).getResultList();
    }

    /**
     * The periods with stored scorecards (of one subject, unless null) and how many each has, in descending order of
     * their text: the latest year first, and in a year its quarters, halves and months before the year itself.
     */
    public List<ScoredPeriod> periods(String subjectOrNull) {
        var query = em.createQuery("select new " + ScoredPeriod.class.getName() + "(s.id.period, count(s))"
                + " from ScorecardSnapshot s" + (subjectOrNull == null ? "" : " where s.id.subjectCode = :s")
                + " group by s.id.period order by s.id.period desc", ScoredPeriod.class);
        return (subjectOrNull == null ? query : query.setParameter("s", subjectOrNull)).getResultList();
    }

    public Optional<ScorecardSnapshot> snapshot(String subject, String period) {
        return Optional.ofNullable(em.find(ScorecardSnapshot.class, new SubjectPeriod(subject, period)));
    }

    /** Every stored scorecard of a period (a mutable list). */
    public List<ScorecardSnapshot> snapshots(String period) {
        return new java.util.ArrayList<>(em.createQuery("from ScorecardSnapshot where id.period = :p",
                ScorecardSnapshot.class).setParameter("p", period).getResultList());
    }

    /** A page of a subject's configurations for a period, the newest first. */
    public Paged<ScorecardConfigRevision> revisions(String subject, String period, PageRequest page) {
        return Where.all().eq("subjectCode", subject).eq("period", period)
                .page(em, ScorecardConfigRevision.class, Sort.by("revision").descending(), page);
    }

    public void persist(Object entity) {
        em.persist(entity);
    }

    public void flush() {
        em.flush();
    }

    public void deleteLines(String subject, String period) {
        em.createQuery("delete from ScorecardLine where subjectCode = :s and period = :p").setParameter("s", subject)
                .setParameter("p", period).executeUpdate();
    }

    /**
     * Serializes recomputes of one subject and period across transactions (and replicas), and passes the catalogue's
     * gate ({@link IndicatorVersionRepository#CATALOGUE_GATE}) in the same statement: the caller reads the definitions
     * after this.
     */
    public void lock(String subject, String period) {
        em.createNativeQuery("select 1 from (select pg_advisory_xact_lock_shared(hashtextextended(:g, 0)),"
                + " pg_advisory_xact_lock(hashtext(:k))) l")
                .setParameter("g", IndicatorVersionRepository.CATALOGUE_GATE)
                .setParameter("k", subject + "/" + period).getSingleResult();
    }
}
