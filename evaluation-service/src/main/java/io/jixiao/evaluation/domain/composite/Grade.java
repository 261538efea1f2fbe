package io.jixiao.evaluation.domain.composite;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Grades decided on the composite rounded half-up to 2 decimals, with the gate cap at PASS. */
public enum Grade {
    EXCELLENT, GOOD, PASS, FAIL;

    public static Grade of(BigDecimal score) {
        BigDecimal shown = score.setScale(2, RoundingMode.HALF_UP);
        if (shown.compareTo(BigDecimal.valueOf(90)) >= 0) {
            return EXCELLENT;
        }
        if (shown.compareTo(BigDecimal.valueOf(80)) >= 0) {
            return GOOD;
        }
        return shown.compareTo(BigDecimal.valueOf(60)) >= 0 ? PASS : FAIL;
    }

    public Grade cappedAt(Grade cap) {
        return ordinal() < cap.ordinal() ? cap : this;
    }
}
