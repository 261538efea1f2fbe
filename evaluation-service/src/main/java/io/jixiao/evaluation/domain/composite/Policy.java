package io.jixiao.evaluation.domain.composite;

import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.Map;

/**
 * A cycle's rules for combining the parties.
 *
 * @param weights party weights summing to 100
 * @param objectiveShare β: the scorecard's share in the SUPERIOR party score
 * @param selfShare σ: the self rating's share in the PEER party score
 * @param missing RENORMALIZE (missing parties leave the mean) or ZERO (they score 0)
 * @param minPublicSample below this many valid responses, PUBLIC counts as missing
 * @param trimAtLeast a party with at least this many ratings drops one highest and one lowest
 * @param dispersionLimit population standard deviation above which a party is flagged DISPERSED
 * @param divergenceLimit FINANCIAL vs satisfaction gap above which DIVERGENCE is flagged
 */
public record Policy(Map<Party, BigDecimal> weights, BigDecimal objectiveShare, BigDecimal selfShare,
        MissingPolicy missing, int minPublicSample, int trimAtLeast, BigDecimal dispersionLimit,
        BigDecimal divergenceLimit) {

    public enum MissingPolicy {
        RENORMALIZE, ZERO
    }

    public Policy {
        weights = new EnumMap<>(weights);
        BigDecimal sum = weights.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        if (sum.compareTo(BigDecimal.valueOf(100)) != 0) {
            throw new IllegalArgumentException("party weights must sum to 100, not " + sum.toPlainString());
        }
        if (weights.values().stream().anyMatch(w -> w.signum() < 0)) {
            throw new IllegalArgumentException("party weights must not be negative");
        }
        if (objectiveShare.signum() < 0 || objectiveShare.compareTo(BigDecimal.ONE) > 0) {
            throw new IllegalArgumentException("objectiveShare must be between 0 and 1");
        }
        if (selfShare.signum() < 0 || selfShare.compareTo(BigDecimal.ONE) > 0) {
            throw new IllegalArgumentException("selfShare must be between 0 and 1");
        }
    }

    public static Map<Party, BigDecimal> defaultWeights() {
        Map<Party, BigDecimal> m = new EnumMap<>(Party.class);
        for (Party p : Party.values()) {
            m.put(p, BigDecimal.valueOf(p.defaultWeight));
        }
        return m;
    }

    public static Policy defaults() {
        return new Policy(defaultWeights(), new BigDecimal("0.5"), new BigDecimal("0.2"), MissingPolicy.RENORMALIZE,
                30, 5, BigDecimal.valueOf(20), BigDecimal.valueOf(30));
    }
}
