package io.jixiao.evaluation.repository;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.jixiao.evaluation.domain.Rating;
import io.jixiao.evaluation.domain.RatingParty;
import io.jixiao.evaluation.domain.RatingRow;
import io.jixiao.kit.web.PageRequest;
import io.jixiao.kit.web.Paged;
import io.jixiao.kit.web.Where;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;

@ApplicationScoped
public class RatingRepository implements PanacheRepositoryBase<Rating, UUID> {

    /**
     * Serializes, until the transaction ends, the submissions of one evaluator for one subject and party (two at once
     * would both replace the same current rating). Other evaluators and subjects are not held up.
     */
    public void lockSlot(UUID cycle, String subject, RatingParty party, String evaluator) {
        getEntityManager().createNativeQuery("select 1 from (select pg_advisory_xact_lock(hashtextextended(:k, 0))) l")
                .setParameter("k", "rating/" + cycle + "/" + subject + "/" + party + "/" + evaluator)
                .getSingleResult();
    }

    public Optional<Rating> current(UUID cycle, String subject, RatingParty party, String evaluator) {
        return find("cycleId = ?1 and subjectCode = ?2 and party = ?3 and evaluator = ?4 and current = true", cycle,
                subject, party, evaluator).firstResultOptional();
    }

    public List<Rating> currentByCycle(UUID cycle) {
        return list("cycleId = ?1 and current = true order by subjectCode, party, evaluator", cycle);
    }

    /** The current ratings of a cycle as light rows, for computing results over tens of thousands of them. */
    public List<RatingRow> currentRows(UUID cycle) {
        return getEntityManager().createQuery("select new io.jixiao.evaluation.domain.RatingRow(r.id, r.subjectCode,"
                + " r.party, r.evaluator, r.value) from Rating r where r.cycleId = :c and r.current = true"
                + " order by r.subjectCode, r.party, r.evaluator", RatingRow.class).setParameter("c", cycle)
                .getResultList();
    }

    public List<Rating> currentFor(UUID cycle, String subject) {
        return list("cycleId = ?1 and subjectCode = ?2 and current = true order by party, evaluator", cycle, subject);
    }

    /**
     * A page of a cycle's current ratings, by subject, party and evaluator, narrowed to what is given (null narrows
     * nothing): {@code parties} the parties the caller may see, {@code party} the one asked for.
     */
    public Paged<Rating> page(UUID cycle, Set<RatingParty> parties, String evaluator, RatingParty party,
            String subject, PageRequest page) {
        return Where.all().eq("cycleId", cycle).eq("current", true).eq("evaluator", evaluator).eq("party", party)
                .eq("subjectCode", subject).andIf(parties != null, "e.party in :parties", "parties", parties)
                .page(this, Sort.by("subjectCode").and("party").and("evaluator"), page);
    }
}
