package io.jixiao.evaluation.repository;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.jixiao.evaluation.domain.Assignment;
import io.jixiao.evaluation.domain.PartyProgress;
import io.jixiao.evaluation.domain.RatingParty;
import io.jixiao.kit.web.PageRequest;
import io.jixiao.kit.web.Paged;
import io.jixiao.kit.web.Where;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;

@ApplicationScoped
public class AssignmentRepository implements PanacheRepositoryBase<Assignment, UUID> {

    /**
     * Whether the evaluator is assigned to the subject. Read with a plain query that Hibernate's plan cache keeps:
     * Panache's {@code count(...)} builds its count query anew on every call, which was 10% of a rating's CPU.
     */
    public boolean exists(UUID cycle, RatingParty party, String evaluator, String subject) {
        return !getEntityManager().createQuery("select 1 from Assignment a where a.cycleId = :c and a.party = :p"
                + " and a.evaluator = :e and a.subjectCode = :s", Integer.class).setParameter("c", cycle)
                .setParameter("p", party).setParameter("e", evaluator).setParameter("s", subject).setMaxResults(1)
                .getResultList().isEmpty();
    }

    public Optional<Assignment> one(UUID cycle, RatingParty party, String evaluator, String subject) {
        return find("cycleId = ?1 and party = ?2 and evaluator = ?3 and subjectCode = ?4", cycle, party, evaluator,
                subject).firstResultOptional();
    }

    /**
     * One page of a cycle's assignments, by party, evaluator and subject; each filter applies when it is given, and
     * {@code evaluator} limits the page to one evaluator's own.
     */
    public Paged<Assignment> page(UUID cycle, RatingParty party, String evaluator, String subject, PageRequest page) {
        return Where.all().eq("cycleId", cycle).eq("party", party).eq("evaluator", evaluator).eq("subjectCode", subject)
                .page(this, Sort.by("party").and("evaluator").and("subjectCode"), page);
    }

    /** Whether an assignment's rating has been given: a current rating of its subject, party and evaluator. */
    private static final String RATED = "exists (select 1 from Rating r where r.cycleId = e.cycleId"
            + " and r.subjectCode = e.subjectCode and r.party = e.party and r.evaluator = e.evaluator"
            + " and r.current = true)";

    /** Per party of a cycle's assignments, how many there are and how many have their rating, by party. */
    public List<PartyProgress> progress(UUID cycle) {
        return getEntityManager().createQuery("select new " + PartyProgress.class.getName() + "(e.party, count(*),"
                + " sum(case when " + RATED + " then 1 else 0 end)) from Assignment e where e.cycleId = :c"
                + " group by e.party order by e.party", PartyProgress.class).setParameter("c", cycle).getResultList();
    }

    /** One page of a cycle's assignments whose rating has not been given, by party, evaluator and subject. */
    public Paged<Assignment> pending(UUID cycle, RatingParty party, PageRequest page) {
        return Where.all().eq("cycleId", cycle).eq("party", party).and("not " + RATED)
                .page(this, Sort.by("party").and("evaluator").and("subjectCode"), page);
    }
}
