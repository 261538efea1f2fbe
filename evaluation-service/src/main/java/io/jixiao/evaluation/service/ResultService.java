package io.jixiao.evaluation.service;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.jixiao.kit.web.Decimals;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.jixiao.evaluation.domain.Cycle;
import io.jixiao.evaluation.domain.CycleStatus;
import io.jixiao.evaluation.domain.RatingRow;
import io.jixiao.evaluation.domain.SatisfactionInput;
import io.jixiao.evaluation.domain.ScorecardInput;
import io.jixiao.evaluation.domain.composite.CompositeCalculator;
import io.jixiao.evaluation.domain.composite.CompositeCalculator.Inputs;
import io.jixiao.evaluation.domain.composite.CompositeCalculator.RatingInput;
import io.jixiao.evaluation.domain.composite.CompositeCalculator.Result;
import io.jixiao.evaluation.domain.composite.Party;
import io.jixiao.evaluation.repository.CycleRepository;
import io.jixiao.evaluation.repository.InputRepository;
import io.jixiao.evaluation.repository.RatingRepository;
import io.jixiao.evaluation.repository.ResultRepository;
import io.jixiao.kit.problem.ProblemException.AccessDeniedException;
import io.jixiao.kit.problem.ProblemException.ResourceNotFoundException;
import io.jixiao.kit.security.CurrentUser;
import io.jixiao.kit.web.PageRequest;
import io.jixiao.kit.web.Paged;

/** Computes results (provisional while a cycle runs, frozen once finalized) and explains every number. */
@ApplicationScoped
public class ResultService {

    /** Where a party's inputs came from. */
    public record Provenance(@Schema(nullable = true) UUID scorecardEvent,
            @Schema(nullable = true) BigDecimal scorecardTotal, @Schema(nullable = true) BigDecimal financialScore,
            boolean gateFailed, @Schema(nullable = true) UUID satisfactionEvent,
            @Schema(nullable = true) BigDecimal satisfactionIndex, @Schema(nullable = true) Integer satisfactionN,
            boolean satisfactionHeld) {

        /** The inputs as they were frozen, for recomputing an amended result. */
        Inputs toInputs(String subject, List<RatingRow> rs) {
            List<RatingInput> sup = new ArrayList<>();
            List<RatingInput> third = new ArrayList<>();
            List<RatingInput> peer = new ArrayList<>();
            RatingInput self = null;
            for (RatingRow r : rs) {
                RatingInput ri = new RatingInput(r.id().toString(), r.evaluator(), r.value());
                switch (r.party()) {
                    case SUPERIOR -> sup.add(ri);
                    case THIRD_PARTY -> third.add(ri);
                    case PEER -> peer.add(ri);
                    case SELF -> self = ri;
                }
            }
            return new Inputs(subject, scorecardTotal, financialScore, gateFailed, satisfactionIndex,
                    satisfactionN == null ? 0 : satisfactionN, satisfactionHeld, sup, third, peer, self);
        }

        Provenance withScorecard(BigDecimal total) {
            return new Provenance(scorecardEvent, total, financialScore, gateFailed, satisfactionEvent,
                    satisfactionIndex, satisfactionN, satisfactionHeld);
        }

        /** The index an admin set on appeal: that decision is the review a held index waited for. */
        Provenance withSatisfaction(BigDecimal index) {
            return new Provenance(scorecardEvent, scorecardTotal, financialScore, gateFailed, satisfactionEvent, index,
                    satisfactionN, false);
        }
    }

    /** One subject's result with everything needed to explain it. */
    public record Explained(Result result, Integer rank, Provenance provenance, List<RatingRow> ratings,
            boolean provisional) {
    }

    private final CycleRepository cycles;
    private final RatingRepository ratings;
    private final InputRepository inputs;
    private final ResultRepository results;
    private final ObjectMapper mapper;

    public ResultService(CycleRepository cycles, RatingRepository ratings, InputRepository inputs,
            ResultRepository results, ObjectMapper mapper) {
        this.cycles = cycles;
        this.ratings = ratings;
        this.inputs = inputs;
        this.results = results;
        this.mapper = mapper;
    }

    /**
     * One page of the league table, by rank (unranked subjects last), then subject code: frozen results once
     * finalized, otherwise computed now (provisional). A provisional page ranks the whole cycle, then cuts the page.
     */
    @Transactional
    public Paged<ResultView> table(UUID cycleId, PageRequest page, CurrentUser caller) {
        Cycle c = readable(cycleId, caller);
        if (c.status.ordinal() >= CycleStatus.FINALIZED.ordinal()) {
            return results.page(cycleId, page).map(r -> ResultView.parse(mapper, r.breakdown));
        }
        return Paged.slice(computeAll(c, true), page).map(e -> ResultView.of(e, c));
    }

    @Transactional
    public ResultView one(UUID cycleId, String subject, CurrentUser caller) {
        Cycle c = readable(cycleId, caller);
        if (!c.includes(subject)) {
            throw new ResourceNotFoundException("subject in cycle", subject);
        }
        if (c.status.ordinal() >= CycleStatus.FINALIZED.ordinal()) {
            return results.one(cycleId, subject).map(r -> ResultView.parse(mapper, r.breakdown))
                    .orElseThrow(() -> new ResourceNotFoundException("result", subject));
        }
        return computeAll(c, true).stream().filter(e -> e.result().subject().equals(subject)).findFirst()
                .map(e -> ResultView.of(e, c)).orElseThrow();
    }

    /** Computes every subject of the cycle and ranks them. */
    List<Explained> computeAll(Cycle c, boolean provisional) {
        Map<String, List<RatingRow>> bySubject = new HashMap<>();
        for (RatingRow r : ratings.currentRows(c.id)) {
            bySubject.computeIfAbsent(r.subject(), k -> new ArrayList<>()).add(r);
        }
        List<Result> computed = new ArrayList<>();
        Map<String, Provenance> provenance = new LinkedHashMap<>();
        Map<String, ScorecardInput> scorecards = inputs.scorecards(c.period);
        Map<String, SatisfactionInput> satisfactions = inputs.satisfactions(c.period);
        for (String subject : c.subjectList()) {
            List<RatingRow> rs = bySubject.getOrDefault(subject, List.of());
            ScorecardInput sc = scorecards.get(subject);
            SatisfactionInput sat = satisfactions.get(subject);
            Provenance prov = new Provenance(sc == null ? null : sc.eventId, sc == null ? null : sc.total,
                    sc == null ? null : sc.financial, sc != null && sc.gateFailed(), sat == null ? null : sat.eventId,
                    sat == null ? null : sat.index, sat == null ? null : sat.sampleSize, sat != null && sat.held);
            provenance.put(subject, prov);
            computed.add(CompositeCalculator.compute(prov.toInputs(subject, rs), c.policy()));
        }
        return explain(computed, provenance, bySubject, provisional);
    }

    /**
     * Recomputes a frozen cycle from its frozen inputs (with the given replacements) and its current ratings: the
     * amended league table, re-ranked.
     */
    List<Explained> recomputeFrozen(Cycle c, Map<String, Provenance> frozen) {
        Map<String, List<RatingRow>> bySubject = new HashMap<>();
        for (RatingRow r : ratings.currentRows(c.id)) {
            bySubject.computeIfAbsent(r.subject(), k -> new ArrayList<>()).add(r);
        }
        List<Result> computed = new ArrayList<>();
        for (String subject : c.subjectList()) {
            computed.add(CompositeCalculator.compute(frozen.get(subject).toInputs(subject,
                    bySubject.getOrDefault(subject, List.of())), c.policy()));
        }
        return explain(computed, frozen, bySubject, false);
    }

    /** The frozen provenance of every subject of a finalized cycle. */
    Map<String, Provenance> frozenInputs(Cycle c) {
        Map<String, Provenance> m = new LinkedHashMap<>();
        for (var r : results.byCycle(c.id)) {
            m.put(r.subjectCode, ResultView.parse(mapper, r.breakdown).provenance());
        }
        return m;
    }

    private List<Explained> explain(List<Result> computed, Map<String, Provenance> provenance,
            Map<String, List<RatingRow>> bySubject, boolean provisional) {
        Map<String, Integer> ranks = CompositeCalculator.rank(computed);
        List<Explained> out = new ArrayList<>();
        for (Result r : computed) {
            out.add(new Explained(r, ranks.get(r.subject()), provenance.get(r.subject()),
                    bySubject.getOrDefault(r.subject(), List.of()), provisional));
        }
        out.sort((a, b) -> {
            Integer ra = a.rank();
            Integer rb = b.rank();
            if (ra == null || rb == null) {
                return ra == null ? (rb == null ? a.result().subject().compareTo(b.result().subject()) : 1) : -1;
            }
            return ra.equals(rb) ? a.result().subject().compareTo(b.result().subject()) : ra - rb;
        });
        return out;
    }

    /** Party scores as published: rounded to 10 decimals, null for missing parties. */
    public static Map<String, BigDecimal> partyScores(Result r) {
        Map<String, BigDecimal> m = new LinkedHashMap<>();
        for (Party p : Party.values()) {
            BigDecimal s = r.partyScore(p);
            m.put(p.name(), s == null ? null : Decimals.stored(s));
        }
        return m;
    }

    /** Published results are visible to everyone signed in; before that only to the office, superiors and finance. */
    private Cycle readable(UUID cycleId, CurrentUser caller) {
        Cycle c = cycles.findByIdOptional(cycleId).orElseThrow(() -> new ResourceNotFoundException("cycle", cycleId));
        boolean privileged = caller.hasRole(CurrentUser.ADMIN) || caller.hasRole(CurrentUser.SUPERIOR)
                || caller.hasRole(CurrentUser.FINANCE) || caller.hasRole(CurrentUser.SYSTEM);
        if (!privileged && c.status != CycleStatus.PUBLISHED) {
            throw new AccessDeniedException("results of this cycle are not published yet");
        }
        return c;
    }
}
