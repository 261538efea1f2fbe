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

    /**
     * Has the rest of the transaction join by hashing (or merging), never by a nested loop. A cycle's assignments are
     * read against its ratings, tens of thousands of each; a planner that misjudges a new cycle as small (statistics
     * taken before it was assigned, or none yet) joins them in a nested loop that compares every pair: 170 s for
     * 81,000 assignments in the finalize benchmark, 0.3 s with a hash join.
     */
    public void joinWithoutNestedLoops() {
        getEntityManager().createNativeQuery("set local enable_nestloop = off").executeUpdate();
    }

    /** Per party of a cycle's assignments, how many there are and how many have their rating, by party. */
    public List<PartyProgress> progress(UUID cycle) {
        // at most one current rating per subject, party and evaluator (the partial unique index rating_current)
        return getEntityManager().createQuery("select new " + PartyProgress.class.getName() + "(e.party, count(*),"
                + " count(r.id)) from Assignment e left join Rating r on r.cycleId = e.cycleId"
                + " and r.subjectCode = e.subjectCode and r.party = e.party and r.evaluator = e.evaluator"
                + " and r.current = true where e.cycleId = :c group by e.party order by e.party", PartyProgress.class)
                .setParameter("c", cycle).getResultList();
    }

    /** One page of a cycle's assignments whose rating has not been given, by party, evaluator and subject. */
    public Paged<Assignment> pending(UUID cycle, RatingParty party, PageRequest page) {
        return Where.all().eq("cycleId", cycle).eq("party", party)
                .and("not exists (select 1 from Rating r where r.cycleId = e.cycleId and r.subjectCode = e.subjectCode"
                        + " and r.party = e.party and r.evaluator = e.evaluator and r.current = true)")
                .page(this, Sort.by("party").and("evaluator").and("subjectCode"), page);
    }
}
