package io.jixiao.evaluation.domain.composite;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One criterion score 0–100 of a rating, with an optional weight (default 1). */
public record Criterion(String code, BigDecimal score, @Schema(nullable = true) BigDecimal weight) {

    public Criterion {
        if (score == null || score.signum() < 0 || score.compareTo(BigDecimal.valueOf(100)) > 0) {
            throw new IllegalArgumentException("criterion " + code + ": score must be between 0 and 100");
        }
        if (weight != null && weight.signum() <= 0) {
            throw new IllegalArgumentException("criterion " + code + ": weight must be positive");
        }
    }

    public BigDecimal effectiveWeight() {
        return weight == null ? BigDecimal.ONE : weight;
    }

    /** A rating's value: the weighted mean of its criteria scores. */
    public static BigDecimal valueOf(List<Criterion> criteria) {
        if (criteria.isEmpty()) {
            throw new IllegalArgumentException("a rating needs at least one criterion");
        }
        BigDecimal num = BigDecimal.ZERO;
        BigDecimal den = BigDecimal.ZERO;
        for (Criterion c : criteria) {
            num = num.add(c.score().multiply(c.effectiveWeight()));
            den = den.add(c.effectiveWeight());
        }
        return num.divide(den, MathContext.DECIMAL128);
    }
}
