package io.jixiao.evaluation.service;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.jixiao.evaluation.domain.Assignment;
import io.jixiao.evaluation.domain.Cycle;
import io.jixiao.evaluation.domain.PartyProgress;
import io.jixiao.evaluation.domain.RatingParty;
import io.jixiao.evaluation.repository.AssignmentRepository;
import io.jixiao.kit.problem.ProblemException.RuleViolationException;
import io.jixiao.kit.security.CurrentUser;
import io.jixiao.kit.web.PageRequest;
import io.jixiao.kit.web.Paged;

/** Who rates whom, for which party: the object-level rights behind every rating. */
@ApplicationScoped
public class AssignmentService {

    public record NewAssignment(RatingParty party, String evaluator, String subject) {
    }

    private final CycleService cycles;
    private final AssignmentRepository assignments;

    public AssignmentService(CycleService cycles, AssignmentRepository assignments) {
        this.cycles = cycles;
        this.assignments = assignments;
    }

    /**
     * Adds assignments (all or none) and answers them in the request's order; an existing identical assignment is
     * left as it is and answered as it was.
     */
    @Transactional
    public List<Assignment> assign(UUID cycleId, List<NewAssignment> list) {
        Cycle c = cycles.get(cycleId);
        c.requireDraftOrOpen("assign evaluators in");
        for (int i = 0; i < list.size(); i++) {
            NewAssignment a = list.get(i);
            String field = "assignments[" + i + "]";
            if (a.party() == RatingParty.SELF) {
                throw new RuleViolationException(field + ".party", "self ratings need no assignment");
            }
            if (!c.includes(a.subject())) {
                throw new RuleViolationException(field + ".subject", "subject " + a.subject() + " is not in the cycle");
            }
            if (a.party() == RatingParty.PEER && a.evaluator().equals(a.subject())) {
                throw new RuleViolationException(field + ".evaluator",
                        "no department rates itself as a peer (use a SELF rating)");
            }
        }
        List<Assignment> out = new ArrayList<>(list.size());
        for (NewAssignment a : list) {
            out.add(assignments.one(c.id, a.party(), a.evaluator(), a.subject()).orElseGet(() -> {
                Assignment created = new Assignment(c.id, a.party(), a.evaluator(), a.subject());
                assignments.persist(created);
                return created;
            }));
        }
        return out;
    }

    /** A cycle's rating progress: per party, assigned and given; and a page of the assignments still waiting. */
    public record Progress(Cycle cycle, List<PartyProgress> parties, Paged<Assignment> pending) {
    }

    /**
     * How far the assigned ratings of a cycle have come, for the office to remind the evaluators who have not rated
     * before it closes the cycle: per party, and the assignments still waiting ({@code party} narrows them).
     */
    @Transactional
    public Progress progress(UUID cycleId, RatingParty party, PageRequest page) {
        Cycle c = cycles.read(cycleId);
        assignments.joinWithoutNestedLoops();
        return new Progress(c, assignments.progress(c.id), assignments.pending(c.id, party, page));
    }

    /**
     * One page of a cycle's assignments, filtered by party and subject when they are given. The office sees every
     * assignment; an evaluator sees its own, and anyone else an empty page.
     */
    @Transactional
    public Paged<Assignment> list(UUID cycleId, RatingParty party, String subject, PageRequest page,
            CurrentUser caller) {
        Cycle c = cycles.get(cycleId);
        if (caller.hasRole(CurrentUser.ADMIN)) {
            return assignments.page(c.id, party, null, subject, page);
        }
        String me = RatingService.evaluatorIdentity(caller);
        return me == null ? Paged.of(List.of(), page, 0) : assignments.page(c.id, party, me, subject, page);
    }
}
