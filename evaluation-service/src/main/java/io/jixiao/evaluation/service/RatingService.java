package io.jixiao.evaluation.service;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.jixiao.evaluation.domain.Cycle;
import io.jixiao.evaluation.domain.Rating;
import io.jixiao.evaluation.domain.RatingParty;
import io.jixiao.evaluation.domain.composite.Criterion;
import io.jixiao.evaluation.repository.AssignmentRepository;
import io.jixiao.evaluation.repository.RatingRepository;
import io.jixiao.kit.problem.ProblemException.AccessDeniedException;
import io.jixiao.kit.problem.ProblemException.RuleViolationException;
import io.jixiao.kit.security.CurrentUser;
import io.jixiao.kit.web.Distinct;
import io.jixiao.kit.web.PageRequest;
import io.jixiao.kit.web.Paged;

/**
 * Accepts a rating: lifecycle, role and assignment checks, the rights list, replacement of the evaluator's earlier
 * rating, and its place in the ledger queue, in one transaction. The {@link LedgerAppender} links it into the chain
 * and publishes {@code rating.submitted} right after the commit.
 */
@ApplicationScoped
public class RatingService {

    public record NewRating(String subject, RatingParty party, List<Criterion> criteria, String comment,
            String evidenceUrl) {
    }

    public record Accepted(Rating rating, boolean replaced) {
    }

    private final CycleService cycles;
    private final AssignmentRepository assignments;
    private final RatingRepository ratings;
    private final LedgerAppender appender;

    public RatingService(CycleService cycles, AssignmentRepository assignments, RatingRepository ratings,
            LedgerAppender appender) {
        this.cycles = cycles;
        this.assignments = assignments;
        this.ratings = ratings;
        this.appender = appender;
    }

    @Transactional
    public Accepted submit(UUID cycleId, NewRating n, CurrentUser caller) {
        return doSubmit(cycleId, n, caller);
    }

    /**
     * A page of the cycle's current ratings the caller may see: the office all of them, an evaluator its own (a
     * superior its SUPERIOR ratings, an assessor its organization's THIRD_PARTY ones, a department its PEER and SELF
     * ones), for a rating form to show what was submitted and may still be replaced.
     */
    public Paged<Rating> current(UUID cycleId, RatingParty party, String subject, PageRequest page,
            CurrentUser caller) {
        Cycle c = cycles.read(cycleId);
        if (caller.hasRole(CurrentUser.ADMIN)) {
            return ratings.page(c.id, null, null, party, subject, page);
        }
        String me = evaluatorIdentity(caller);
        if (me == null) {
            return Paged.of(List.of(), page, 0);
        }
        return ratings.page(c.id, partiesOf(caller), me, party, subject, page);
    }

    /** The parties whose ratings an evaluator gives, by the role {@link #evaluatorIdentity} takes its identity from. */
    static Set<RatingParty> partiesOf(CurrentUser caller) {
        if (caller.hasRole(CurrentUser.SUPERIOR)) {
            return Set.of(RatingParty.SUPERIOR);
        }
        if (caller.hasRole(CurrentUser.ASSESSOR)) {
            return Set.of(RatingParty.THIRD_PARTY);
        }
        return Set.of(RatingParty.PEER, RatingParty.SELF);
    }

    /** One entry of a bulk submission: accepted with its rating, or refused with the problem's status and reason. */
    public record BulkOutcome(int index, String subject, Accepted accepted, Integer status, String reason) {
    }

    /**
     * Submits many ratings at once (an assessor's own system): each is checked and accepted or refused on its own;
     * the refused ones say why. Replaying the same {@code Idempotency-Key} with the same body returns the first
     * answer; with another body it is refused.
     */
    @Transactional
    public List<BulkOutcome> submitBulk(UUID cycleId, List<NewRating> list, CurrentUser caller) {
        List<BulkOutcome> out = new java.util.ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            NewRating n = list.get(i);
            try {
                out.add(new BulkOutcome(i, n.subject(), doSubmit(cycleId, n, caller), null, null));
            } catch (io.jixiao.kit.problem.ProblemException e) {
                out.add(new BulkOutcome(i, n.subject(), null, e.status(), e.getMessage()));
            } catch (IllegalArgumentException e) {
                out.add(new BulkOutcome(i, n.subject(), null, 400, e.getMessage()));
            }
        }
        return out;
    }

    /** Not intercepted: a refused entry of a bulk submission must not roll back the accepted ones. */
    private Accepted doSubmit(UUID cycleId, NewRating n, CurrentUser caller) {
        Cycle c = cycles.readForRating(cycleId);
        c.requireAcceptingRatings();
        if (!cycles.includes(c.id, n.subject())) {
            throw new RuleViolationException("subject", "subject " + n.subject() + " is not in the cycle");
        }
        String evaluator = authorize(c, n, caller);
        checkCriteria(c, n);

        ratings.lockSlot(c.id, n.subject(), n.party(), evaluator);
        var previous = ratings.current(c.id, n.subject(), n.party(), evaluator);
        previous.ifPresent(Rating::supersede);
        if (previous.isPresent()) {
            ratings.flush();
        }
        Rating r = new Rating(c.id, n.subject(), n.party(), evaluator, n.criteria(), n.comment(), n.evidenceUrl(),
                caller.subject());
        ratings.persist(r);

        ratings.flush();
        appender.enqueue(r, previous.isPresent());
        return new Accepted(r, previous.isPresent());
    }

    /** The caller's identity as an evaluator: JWT subject (superior), organization (assessor), department. */
    static String evaluatorIdentity(CurrentUser caller) {
        if (caller.hasRole(CurrentUser.SUPERIOR)) {
            return caller.subject();
        }
        if (caller.hasRole(CurrentUser.ASSESSOR)) {
            return caller.org().orElse(null);
        }
        if (caller.hasRole(CurrentUser.DEPARTMENT)) {
            return caller.dept().orElse(null);
        }
        return null;
    }

    private String authorize(Cycle c, NewRating n, CurrentUser caller) {
        String role = switch (n.party()) {
            case SUPERIOR -> CurrentUser.SUPERIOR;
            case THIRD_PARTY -> CurrentUser.ASSESSOR;
            case PEER, SELF -> CurrentUser.DEPARTMENT;
        };
        if (!caller.hasRole(role)) {
            throw new AccessDeniedException("a " + n.party() + " rating must come from the role '" + role + "'");
        }
        String evaluator = switch (n.party()) {
            case SUPERIOR -> caller.subject();
            case THIRD_PARTY -> caller.org().orElseThrow(
                    () -> new AccessDeniedException("an assessor token must carry its organization (claim org)"));
            case PEER, SELF -> caller.dept().orElseThrow(
                    () -> new AccessDeniedException("a department token must carry its department (claim dept)"));
        };
        if (n.party() == RatingParty.SELF) {
            if (!evaluator.equals(n.subject())) {
                throw new AccessDeniedException("a SELF rating is for your own department only");
            }
            return evaluator;
        }
        if (n.party() == RatingParty.PEER && evaluator.equals(n.subject())) {
            throw new RuleViolationException("party", "no department rates itself as a peer: use SELF");
        }
        if (!assignments.exists(c.id, n.party(), evaluator, n.subject())) {
            throw new AccessDeniedException("you are not assigned to rate " + n.subject() + " as " + n.party()
                    + " in this cycle");
        }
        return evaluator;
    }

    private static void checkCriteria(Cycle c, NewRating n) {
        List<String> allowed = c.criteriaFor(n.party());
        Distinct.require("criteria", ".code", "criterion", n.criteria(), Criterion::code);
        for (int i = 0; i < n.criteria().size(); i++) {
            String code = n.criteria().get(i).code();
            if (!allowed.contains(code)) {
                throw new RuleViolationException("criteria[" + i + "].code", "criterion " + code
                        + " is not in the rights list of " + n.party() + " " + allowed);
            }
        }
    }
}
