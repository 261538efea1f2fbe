package io.jixiao.indicator.domain.scoring;

import java.math.BigDecimal;
import java.util.Map;

/**
 * What the scorer needs to know about an indicator, for one subject and period (targets may differ per subject).
 *
 * @param floor the worst acceptable value (0 points), optional
 * @param rangeLo lower bound of a RANGE indicator
 * @param rangeHi upper bound of a RANGE indicator
 * @param tolerance distance outside the range at which the score reaches 0 (RANGE)
 * @param rubric level → points, for QUALITATIVE indicators
 */
public record IndicatorSpec(String code, Dimension dimension, IndicatorKind kind, Polarity polarity, BigDecimal target,
        BigDecimal floor, BigDecimal rangeLo, BigDecimal rangeHi, BigDecimal tolerance, Map<String, BigDecimal> rubric,
        boolean gate) {

    public static IndicatorSpec higherBetter(String code, Dimension d, BigDecimal target, BigDecimal floor) {
        return new IndicatorSpec(code, d, IndicatorKind.QUANTITATIVE, Polarity.HIGHER_BETTER, target, floor, null,
                null, null, Map.of(), false);
    }

    public static IndicatorSpec lowerBetter(String code, Dimension d, BigDecimal target, BigDecimal floor) {
        return new IndicatorSpec(code, d, IndicatorKind.QUANTITATIVE, Polarity.LOWER_BETTER, target, floor, null,
                null, null, Map.of(), false);
    }

    public static IndicatorSpec range(String code, Dimension d, BigDecimal lo, BigDecimal hi, BigDecimal tolerance) {
        return new IndicatorSpec(code, d, IndicatorKind.QUANTITATIVE, Polarity.RANGE, null, null, lo, hi, tolerance,
                Map.of(), false);
    }

    public static IndicatorSpec qualitative(String code, Dimension d, Map<String, BigDecimal> rubric) {
        return new IndicatorSpec(code, d, IndicatorKind.QUALITATIVE, Polarity.HIGHER_BETTER, null, null, null, null,
                null, Map.copyOf(rubric), false);
    }

    public IndicatorSpec asGate() {
        return new IndicatorSpec(code, dimension, kind, polarity, target, floor, rangeLo, rangeHi, tolerance, rubric,
                true);
    }

    public IndicatorSpec withTarget(BigDecimal newTarget) {
        return new IndicatorSpec(code, dimension, kind, polarity, newTarget, floor, rangeLo, rangeHi, tolerance, rubric,
                gate);
    }
}
