package io.jixiao.indicator.domain.scoring;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/** Arithmetic shared by the scoring functions: exact decimals, 34-digit division, clamp to [0, 100]. */
public final class Scores {

    public static final MathContext MC = MathContext.DECIMAL128;
    public static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    /** Scores are stored and sent with this many decimals: full precision for every practical purpose. */
    public static final int STORED_SCALE = 10;

    private Scores() {
    }

    public static BigDecimal clamp(BigDecimal x) {
        if (x.signum() < 0) {
            return BigDecimal.ZERO;
        }
        return x.compareTo(HUNDRED) > 0 ? HUNDRED : x;
    }

    /** The number people see, on which grades, lights and ranks are decided: half-up to 2 decimals. */
    public static BigDecimal shown(BigDecimal score) {
        return score.setScale(2, RoundingMode.HALF_UP);
    }

    public static BigDecimal stored(BigDecimal score) {
        BigDecimal s = score.setScale(STORED_SCALE, RoundingMode.HALF_UP).stripTrailingZeros();
        return s.scale() < 0 ? s.setScale(0) : s;
    }

    /**
     * {@code a.divide(b, MC)}, the same value at the same scale. A quotient that ends (57 / 100, 3 / 8) is worked out in
     * {@code long}s: the JDK computes it to 34 digits and then strips the trailing zeros one BigInteger division at a
     * time, which made this division a tenth of a bulk import's CPU.
     */
    public static BigDecimal div(BigDecimal a, BigDecimal b) {
        BigDecimal q = endingQuotient(a, b);
        return q != null ? q : a.divide(b, MC);
    }

    /**
     * The quotient when it has a finite decimal expansion and both operands and the result fit in a {@code long}, at
     * the scale {@link BigDecimal#divide(BigDecimal, MathContext)} gives it (the preferred scale {@code a.scale() -
     * b.scale()}, or the fewest decimals that hold it exactly if more are needed); otherwise {@code null}.
     */
    static BigDecimal endingQuotient(BigDecimal a, BigDecimal b) {
        if (a.precision() > 18 || b.precision() > 18 || b.signum() == 0) {
            return null;
        }
        long x = a.unscaledValue().longValue();
        long y = b.unscaledValue().longValue();
        long g = gcd(Math.abs(x), Math.abs(y));
        long rest = Math.abs(y) / g; // x / y = (x / g) / rest, and x / g shares no factor with rest
        int twos = 0;
        int fives = 0;
        while (rest % 2 == 0) {
            rest /= 2;
            twos++;
        }
        while (rest % 5 == 0) {
            rest /= 5;
            fives++;
        }
        if (rest != 1) {
            return null; // a prime other than 2 and 5 below: the expansion never ends
        }
        // (x / g) / (2^twos · 5^fives) = (x / g) · 2^(k − twos) · 5^(k − fives) / 10^k with k = max(twos, fives), the
        // fewest extra decimals: the result's last digit is then not 0, so nothing is left to strip
        int k = Math.max(twos, fives);
        try {
            long q = x / g * Long.signum(y);
            for (int i = twos; i < k; i++) {
                q = Math.multiplyExact(q, 2);
            }
            for (int i = fives; i < k; i++) {
                q = Math.multiplyExact(q, 5);
            }
            long scale = (long) a.scale() - b.scale() + k;
            return scale == (int) scale ? BigDecimal.valueOf(q, (int) scale) : null;
        } catch (ArithmeticException overflow) {
            return null;
        }
    }

    private static long gcd(long a, long b) {
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return a;
    }
}
