package io.jixiao.kit.web;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Numbers as the API and the events carry them: full precision (10 decimals), no trailing zeros. */
public final class Decimals {

    public static final int SCALE = 10;

    /**
     * The message of an {@code @Digits} on an input whose column keeps fewer decimals than JSON carries: refused, not
     * rounded where nobody sees it.
     */
    public static final String DIGITS = "at most {integer} digits before the point and {fraction} after it";

    private Decimals() {
    }

    /** Rounded half-up to 10 decimals, trailing zeros dropped (81.0000000000 → 81); null stays null. */
    public static BigDecimal stored(BigDecimal x) {
        if (x == null) {
            return null;
        }
        BigDecimal s = x.setScale(SCALE, RoundingMode.HALF_UP).stripTrailingZeros();
        return s.scale() < 0 ? s.setScale(0) : s;
    }
}
