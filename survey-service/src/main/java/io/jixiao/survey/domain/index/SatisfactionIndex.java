package io.jixiao.survey.domain.index;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The satisfaction index of DESIGN section 5: index = Σ_g λ'_g·I_g with λ'_g = λ_g / Σ λ over the groups that have
 * responses; SE = sqrt(Σ_g λ'_g²·s_g²/n_g); 95% interval = index ± 1.96·SE clipped to [0, 100]; above 99 the index
 * is SUSPICIOUS_HIGH.
 */
public final class SatisfactionIndex {

    public static final MathContext MC = MathContext.DECIMAL128;
    public static final String SUSPICIOUS_HIGH = "SUSPICIOUS_HIGH";
    private static final BigDecimal Z95 = new BigDecimal("1.96");
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private static final BigDecimal NINETY_NINE = BigDecimal.valueOf(99);

    public record GroupResult(RespondentGroup group, BigDecimal weight, BigDecimal effectiveWeight,
            @Schema(nullable = true) BigDecimal index,
            long n, @Schema(nullable = true) BigDecimal standardDeviation) {
    }

    /** The index, or null values when no group has a response (n = 0). */
    public record Result(@Schema(nullable = true) BigDecimal index, long n,
            @Schema(nullable = true) BigDecimal standardError, @Schema(nullable = true) BigDecimal lower95,
            @Schema(nullable = true) BigDecimal upper95,
            List<GroupResult> groups, List<String> flags) {
    }

    private SatisfactionIndex() {
    }

    public static Result compute(Map<RespondentGroup, GroupStats> stats, Map<RespondentGroup, BigDecimal> weights) {
        BigDecimal weightSum = BigDecimal.ZERO;
        long n = 0;
        for (Map.Entry<RespondentGroup, GroupStats> e : stats.entrySet()) {
            BigDecimal w = weights.get(e.getKey());
            if (e.getValue().n() > 0 && w != null && w.signum() > 0) {
                weightSum = weightSum.add(w);
                n += e.getValue().n();
            }
        }
        List<GroupResult> groups = new ArrayList<>();
        if (weightSum.signum() == 0) {
            for (RespondentGroup g : RespondentGroup.values()) {
                if (weights.containsKey(g)) {
                    groups.add(new GroupResult(g, weights.get(g), BigDecimal.ZERO, null, 0, null));
                }
            }
            return new Result(null, 0, null, null, null, groups, List.of());
        }
        BigDecimal index = BigDecimal.ZERO;
        BigDecimal variance = BigDecimal.ZERO;
        for (RespondentGroup g : RespondentGroup.values()) {
            BigDecimal w = weights.get(g);
            if (w == null) {
                continue;
            }
            GroupStats s = stats.getOrDefault(g, new GroupStats(0, null, null));
            if (s.n() == 0 || w.signum() == 0) {
                groups.add(new GroupResult(g, w, BigDecimal.ZERO, null, s.n(), null));
                continue;
            }
            BigDecimal eff = w.divide(weightSum, MC);
            index = index.add(eff.multiply(s.mean()));
            variance = variance.add(eff.multiply(eff).multiply(s.sampleStdDev().pow(2))
                    .divide(BigDecimal.valueOf(s.n()), MC));
            groups.add(new GroupResult(g, w, eff, s.mean(), s.n(), s.sampleStdDev()));
        }
        BigDecimal se = variance.sqrt(MC);
        BigDecimal margin = Z95.multiply(se);
        BigDecimal lo = clip(index.subtract(margin));
        BigDecimal hi = clip(index.add(margin));
        List<String> flags = index.compareTo(NINETY_NINE) > 0 ? List.of(SUSPICIOUS_HIGH) : List.of();
        return new Result(index, n, se, lo, hi, groups, flags);
    }

    private static BigDecimal clip(BigDecimal x) {
        return x.signum() < 0 ? BigDecimal.ZERO : x.compareTo(HUNDRED) > 0 ? HUNDRED : x;
    }
}
