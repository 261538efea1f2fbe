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

    public static BigDecimal div(BigDecimal a, BigDecimal b) {
        return a.divide(b, MC);
    }
}
