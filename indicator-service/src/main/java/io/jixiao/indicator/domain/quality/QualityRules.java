package io.jixiao.indicator.domain.quality;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The data-quality rules of DESIGN section 3 (seed 002: "technology needs validation rules"). Pure Java, no framework.
 * <ul>
 * <li>SUSPICIOUS_HIGH: a satisfaction-type value above 99 (percent) is held for review.</li>
 * <li>OUTLIER: a value more than 3 (population) standard deviations from the mean of the subject's own earlier values
 * of the indicator, given at least 4 of them, is held for review. With identical earlier values (σ = 0) any other value
 * is more than 3σ away.</li>
 * <li>ZOMBIE: an indicator whose values changed by less than 1% year over year (|Δ|/|previous| &lt; 0.01) for every
 * subject with a value in both years: a candidate for retirement. A pair with a previous value of 0 changed by less than
 * 1% only when the new value is 0 too.</li>
 * </ul>
 */
public final class QualityRules {

    public enum Kind {
        ZOMBIE, SUSPICIOUS_HIGH, OUTLIER
    }

    /** A rule that fired, with a sentence explaining the numbers. */
    public record Finding(Kind kind, String detail) {
    }

    /** A subject's value of an indicator in a period and in the same period a year earlier. */
    public record YearPair(String subject, BigDecimal previous, BigDecimal current) {
    }

    public static final BigDecimal SATISFACTION_LIMIT = BigDecimal.valueOf(99);
    public static final int MIN_HISTORY = 4;
    public static final BigDecimal SIGMAS = BigDecimal.valueOf(3);
    private static final BigDecimal SIGMAS_SQUARED = SIGMAS.multiply(SIGMAS);
    public static final BigDecimal ZOMBIE_CHANGE = new BigDecimal("0.01");

    private static final MathContext MC = MathContext.DECIMAL64;
    private static final BigDecimal TWO = BigDecimal.valueOf(2);

    private QualityRules() {
    }

    /**
     * What the OUTLIER rule needs of the earlier values: their count, sum and sum of squares. Kept exact (no rounding),
     * so PostgreSQL can add them up ({@code count}, {@code sum(actual)}, {@code sum(actual * actual)}) instead of
     * sending every earlier value: the rule's result is the same as from the values themselves.
     */
    public record Moments(long n, BigDecimal sum, BigDecimal sumOfSquares) {

        public static final Moments NONE = new Moments(0, BigDecimal.ZERO, BigDecimal.ZERO);

        public static Moments of(Collection<BigDecimal> values) {
            BigDecimal sum = BigDecimal.ZERO;
            BigDecimal squares = BigDecimal.ZERO;
            for (BigDecimal x : values) {
                sum = sum.add(x);
                squares = squares.add(x.multiply(x));
            }
            return new Moments(values.size(), sum, squares);
        }
    }

    /**
     * The findings that hold a new value: {@code earlier} are the moments of the subject's values of earlier periods
     * ({@link Moments#of} when the values themselves are at hand).
     */
    public static List<Finding> check(boolean satisfaction, BigDecimal value, Moments earlier) {
        List<Finding> found = new ArrayList<>(2);
        if (value == null) {
            return found;
        }
        if (satisfaction && value.compareTo(SATISFACTION_LIMIT) > 0) {
            found.add(new Finding(Kind.SUSPICIOUS_HIGH, "a satisfaction value of " + plain(value) + " is above "
                    + plain(SATISFACTION_LIMIT) + " and needs review"));
        }
        if (earlier.n() >= MIN_HISTORY) {
            BigDecimal n = BigDecimal.valueOf(earlier.n());
            BigDecimal mean = earlier.sum().divide(n, MC);
            // Σ(x − mean)² = Σx² − 2·mean·Σx + n·mean², exactly: the same variance as summing the squared deviations
            BigDecimal deviations = earlier.sumOfSquares().subtract(mean.multiply(earlier.sum()).multiply(TWO))
                    .add(n.multiply(mean).multiply(mean));
            BigDecimal variance = deviations.divide(n, MC);
            BigDecimal distance = value.subtract(mean).abs();
            // distance > 3σ, squared on both sides: exact, and without the square root, which cost more than the rest
            // of a bulk row's checks together; σ itself is worked out only for the finding's text
            if (distance.multiply(distance).compareTo(SIGMAS_SQUARED.multiply(variance)) > 0) {
                BigDecimal sd = variance.sqrt(MC);
                found.add(new Finding(Kind.OUTLIER, plain(value) + " is " + (sd.signum() == 0
                        ? "away from " + earlier.n() + " identical earlier values"
                        : sigmas(distance.divide(sd, MC)) + " standard deviations from the mean "
                                + "of " + earlier.n() + " earlier values")
                        + " (mean " + plain(mean.setScale(4, RoundingMode.HALF_UP)) + ", σ "
                        + plain(sd.setScale(4, RoundingMode.HALF_UP)) + ")"));
            }
        }
        return found;
    }

    /**
     * How far a flagged value is, as its finding says it: to 2 decimals, but never as 3 or less, which would read as
     * not an outlier (3.004σ is "just over 3", not "3.00").
     */
    private static String sigmas(BigDecimal ratio) {
        BigDecimal shown = ratio.setScale(2, RoundingMode.HALF_UP);
        return shown.compareTo(SIGMAS) > 0 ? plain(shown) : "just over " + plain(SIGMAS);
    }

    /** Whether an indicator is a zombie: at least one pair, and every pair changed by less than 1%. */
    public static boolean zombie(Collection<YearPair> pairs) {
        return !pairs.isEmpty() && pairs.stream().allMatch(QualityRules::unchanged);
    }

    static boolean unchanged(YearPair p) {
        BigDecimal delta = p.current().subtract(p.previous()).abs();
        if (p.previous().signum() == 0) {
            return delta.signum() == 0;
        }
        return delta.divide(p.previous().abs(), MC).compareTo(ZOMBIE_CHANGE) < 0;
    }

    private static String plain(BigDecimal d) {
        return d.stripTrailingZeros().toPlainString();
    }
}
