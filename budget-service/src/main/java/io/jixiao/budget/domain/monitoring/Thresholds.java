package io.jixiao.budget.domain.monitoring;

import java.math.BigDecimal;

/**
 * The dual-monitoring thresholds of a fiscal year (DESIGN section 6): RED below {@code redPace} or {@code redGoal},
 * YELLOW below {@code yellowPace} or {@code yellowGoal}; pace is not judged before {@code minElapsed} of the year.
 */
public record Thresholds(BigDecimal redPace, BigDecimal yellowPace, BigDecimal redGoal, BigDecimal yellowGoal,
        BigDecimal minElapsed) {

    public Thresholds {
        if (redPace.compareTo(yellowPace) > 0 || redGoal.compareTo(yellowGoal) > 0) {
            throw new IllegalArgumentException("a RED threshold cannot be above its YELLOW threshold");
        }
    }

    public static Thresholds standard() {
        return new Thresholds(new BigDecimal("0.75"), new BigDecimal("0.9"), BigDecimal.valueOf(60),
                BigDecimal.valueOf(80), BigDecimal.ONE.divide(BigDecimal.valueOf(12), java.math.MathContext.DECIMAL64));
    }
}
