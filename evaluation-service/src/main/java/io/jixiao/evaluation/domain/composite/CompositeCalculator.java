package io.jixiao.evaluation.domain.composite;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The 360-degree composite of DESIGN section 4: party scores (with trimming and dispersion), the weighted composite
 * over the parties present (or ZERO for the missing), coverage, grade with the gate cap, and the ranking.
 */
public final class CompositeCalculator {

    private static final MathContext MC = MathContext.DECIMAL128;
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    public static final String INCOMPLETE = "INCOMPLETE";
    public static final String DISPERSED = "DISPERSED";
    public static final String DIVERGENCE = "DIVERGENCE";
    public static final String GATE_CAPPED = "GATE_CAPPED";

    /** A counted rating: its id (for the breakdown), who gave it and its value 0–100. */
    public record RatingInput(String id, String evaluator, BigDecimal value) {
    }

    /**
     * Everything known about one subject in a cycle.
     *
     * @param scorecardTotal the indicator scorecard total (SUPERIOR's objective part), or null
     * @param financialScore the scorecard's FINANCIAL dimension, for the DIVERGENCE check, or null
     * @param gateFailed a gate indicator failed: the grade is capped at PASS
     * @param satisfactionIndex the public satisfaction index, or null
     * @param satisfactionN valid responses behind the index
     * @param satisfactionHeld the index is held for review (SUSPICIOUS_HIGH)
     * @param self the subject's self rating, or null
     */
    public record Inputs(String subject, BigDecimal scorecardTotal, BigDecimal financialScore, boolean gateFailed,
            BigDecimal satisfactionIndex, int satisfactionN, boolean satisfactionHeld, List<RatingInput> superior,
            List<RatingInput> thirdParty, List<RatingInput> peer, RatingInput self) {

        public static Inputs empty(String subject) {
            return new Inputs(subject, null, null, false, null, 0, false, List.of(), List.of(), List.of(), null);
        }
    }

    /** How a party's ratings were counted. */
    public record RatingsSummary(List<String> counted, List<String> trimmed, BigDecimal mean, BigDecimal stdDev,
            boolean dispersed) {
    }

    /**
     * @param score the party score, or null when the party is missing
     * @param ratings how its ratings were counted (null for PUBLIC)
     * @param note why it is missing, or how it was made
     */
    public record PartyScore(Party party, BigDecimal score, BigDecimal weight, RatingsSummary ratings, String note) {
        public boolean present() {
            return score != null;
        }
    }

    public record Result(String subject, Map<Party, PartyScore> parties, BigDecimal composite, BigDecimal coverage,
            Grade grade, Grade uncappedGrade, Set<String> flags) {

        public BigDecimal partyScore(Party p) {
            PartyScore s = parties.get(p);
            return s == null ? null : s.score();
        }
    }

    private CompositeCalculator() {
    }

    public static Result compute(Inputs in, Policy policy) {
        Map<Party, PartyScore> parties = new EnumMap<>(Party.class);
        Set<String> flags = new LinkedHashSet<>();

        RatingsSummary sup = summarize(in.superior(), policy);
        parties.put(Party.SUPERIOR, superior(in.scorecardTotal(), sup, policy));

        BigDecimal wPublic = policy.weights().get(Party.PUBLIC);
        if (in.satisfactionIndex() == null) {
            parties.put(Party.PUBLIC, new PartyScore(Party.PUBLIC, null, wPublic, null, "no satisfaction index"));
        } else if (in.satisfactionHeld()) {
            parties.put(Party.PUBLIC, new PartyScore(Party.PUBLIC, null, wPublic, null,
                    "satisfaction index held for review (SUSPICIOUS_HIGH)"));
        } else if (in.satisfactionN() < policy.minPublicSample()) {
            parties.put(Party.PUBLIC, new PartyScore(Party.PUBLIC, null, wPublic, null,
                    "sample of " + in.satisfactionN() + " below the minimum of " + policy.minPublicSample()));
        } else {
            parties.put(Party.PUBLIC, new PartyScore(Party.PUBLIC, in.satisfactionIndex(), wPublic, null,
                    "satisfaction index, n = " + in.satisfactionN()));
        }

        RatingsSummary third = summarize(in.thirdParty(), policy);
        parties.put(Party.THIRD_PARTY, new PartyScore(Party.THIRD_PARTY, third == null ? null : third.mean(),
                policy.weights().get(Party.THIRD_PARTY), third,
                third == null ? "no assessor rating" : "mean of assessors"));

        RatingsSummary peer = summarize(in.peer(), policy);
        parties.put(Party.PEER, peer(peer, in.self(), policy));

        for (Party p : Party.values()) {
            RatingsSummary r = parties.get(p).ratings();
            if (r != null && r.dispersed()) {
                flags.add(DISPERSED);
            }
        }

        BigDecimal num = BigDecimal.ZERO;
        BigDecimal den = BigDecimal.ZERO;
        BigDecimal coverage = BigDecimal.ZERO;
        for (PartyScore ps : parties.values()) {
            if (ps.present()) {
                num = num.add(ps.weight().multiply(ps.score()));
                den = den.add(ps.weight());
                coverage = coverage.add(ps.weight());
            } else if (policy.missing() == Policy.MissingPolicy.ZERO) {
                den = den.add(ps.weight());
            }
        }
        if (coverage.compareTo(HUNDRED) < 0) {
            flags.add(INCOMPLETE);
        }
        BigDecimal composite = den.signum() == 0 || coverage.signum() == 0 ? null : clamp(num.divide(den, MC));
        Grade uncapped = composite == null ? null : Grade.of(composite);
        Grade grade = uncapped;
        if (grade != null && in.gateFailed()) {
            grade = grade.cappedAt(Grade.PASS);
            if (grade != uncapped) {
                flags.add(GATE_CAPPED);
            }
        }
        if (in.financialScore() != null && in.satisfactionIndex() != null
                && in.financialScore().subtract(in.satisfactionIndex()).abs().compareTo(policy.divergenceLimit()) > 0) {
            flags.add(DIVERGENCE);
        }
        return new Result(in.subject(), parties, composite, coverage, grade, uncapped, flags);
    }

    private static PartyScore superior(BigDecimal scorecard, RatingsSummary ratings, Policy policy) {
        BigDecimal w = policy.weights().get(Party.SUPERIOR);
        if (scorecard != null && ratings != null) {
            BigDecimal beta = policy.objectiveShare();
            BigDecimal s = beta.multiply(scorecard).add(BigDecimal.ONE.subtract(beta).multiply(ratings.mean()));
            return new PartyScore(Party.SUPERIOR, s, w, ratings, "β·scorecard + (1 − β)·mean of superior ratings");
        }
        if (scorecard != null) {
            return new PartyScore(Party.SUPERIOR, scorecard, w, null, "scorecard total only");
        }
        if (ratings != null) {
            return new PartyScore(Party.SUPERIOR, ratings.mean(), w, ratings, "superior ratings only");
        }
        return new PartyScore(Party.SUPERIOR, null, w, null, "no scorecard and no superior rating");
    }

    private static PartyScore peer(RatingsSummary peers, RatingInput self, Policy policy) {
        BigDecimal w = policy.weights().get(Party.PEER);
        if (peers != null && self != null) {
            BigDecimal sigma = policy.selfShare();
            BigDecimal s = BigDecimal.ONE.subtract(sigma).multiply(peers.mean()).add(sigma.multiply(self.value()));
            return new PartyScore(Party.PEER, s, w, peers, "(1 − σ)·mean of peers + σ·self");
        }
        if (peers != null) {
            return new PartyScore(Party.PEER, peers.mean(), w, peers, "peer ratings only");
        }
        if (self != null) {
            return new PartyScore(Party.PEER, self.value(), w,
                    new RatingsSummary(List.of(self.id()), List.of(), self.value(), BigDecimal.ZERO, false),
                    "self rating only");
        }
        return new PartyScore(Party.PEER, null, w, null, "no peer or self rating");
    }

    /** Trim (one highest, one lowest) when there are enough ratings, then mean and population SD. Null if none. */
    static RatingsSummary summarize(List<RatingInput> ratings, Policy policy) {
        if (ratings == null || ratings.isEmpty()) {
            return null;
        }
        List<RatingInput> sorted = new ArrayList<>(ratings);
        sorted.sort(Comparator.comparing(RatingInput::value).thenComparing(RatingInput::id));
        List<String> trimmed = new ArrayList<>();
        if (sorted.size() >= policy.trimAtLeast()) {
            trimmed.add(sorted.remove(0).id());
            trimmed.add(sorted.remove(sorted.size() - 1).id());
        }
        BigDecimal n = BigDecimal.valueOf(sorted.size());
        BigDecimal sum = BigDecimal.ZERO;
        for (RatingInput r : sorted) {
            sum = sum.add(r.value());
        }
        BigDecimal mean = sum.divide(n, MC);
        BigDecimal sq = BigDecimal.ZERO;
        for (RatingInput r : sorted) {
            BigDecimal d = r.value().subtract(mean);
            sq = sq.add(d.multiply(d));
        }
        BigDecimal sd = sq.divide(n, MC).sqrt(MC);
        return new RatingsSummary(sorted.stream().map(RatingInput::id).toList(), trimmed, mean, sd,
                sd.compareTo(policy.dispersionLimit()) > 0);
    }

    /**
     * Competition ranking (1, 2, 2, 4) by the shown composite, ties broken by SUPERIOR then PUBLIC (shown); subjects
     * without a composite are not ranked.
     */
    public static Map<String, Integer> rank(List<Result> results) {
        Comparator<Result> order = Comparator.comparing((Result r) -> shown(r.composite()))
                .thenComparing(r -> shownOrMin(r.partyScore(Party.SUPERIOR)))
                .thenComparing(r -> shownOrMin(r.partyScore(Party.PUBLIC))).reversed();
        List<Result> ranked = results.stream().filter(r -> r.composite() != null).sorted(order.thenComparing(
                Result::subject)).toList();
        Map<String, Integer> ranks = new HashMap<>();
        for (int i = 0; i < ranked.size(); i++) {
            Result r = ranked.get(i);
            if (i > 0 && order.compare(ranked.get(i - 1), r) == 0) {
                ranks.put(r.subject(), ranks.get(ranked.get(i - 1).subject()));
            } else {
                ranks.put(r.subject(), i + 1);
            }
        }
        return ranks;
    }

    public static BigDecimal shown(BigDecimal x) {
        return x.setScale(2, RoundingMode.HALF_UP);
    }

    private static BigDecimal shownOrMin(BigDecimal x) {
        return x == null ? BigDecimal.valueOf(-1) : shown(x);
    }

    private static BigDecimal clamp(BigDecimal x) {
        return x.signum() < 0 ? BigDecimal.ZERO : x.compareTo(HUNDRED) > 0 ? HUNDRED : x;
    }
}
