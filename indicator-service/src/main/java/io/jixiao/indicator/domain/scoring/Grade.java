package io.jixiao.indicator.domain.scoring;

import java.math.BigDecimal;

/** Grades decided on the score rounded half-up to 2 decimals (the number people see). */
public enum Grade {
    EXCELLENT("优秀"), GOOD("良好"), PASS("合格"), FAIL("不合格");

    /** The grade as a Chinese report writes it. */
    public final String zh;

    Grade(String zh) {
        this.zh = zh;
    }

    private static final BigDecimal NINETY = BigDecimal.valueOf(90);
    private static final BigDecimal EIGHTY = BigDecimal.valueOf(80);
    private static final BigDecimal SIXTY = BigDecimal.valueOf(60);

    public static Grade of(BigDecimal score) {
        BigDecimal shown = Scores.shown(score);
        if (shown.compareTo(NINETY) >= 0) {
            return EXCELLENT;
        }
        if (shown.compareTo(EIGHTY) >= 0) {
            return GOOD;
        }
        if (shown.compareTo(SIXTY) >= 0) {
            return PASS;
        }
        return FAIL;
    }

    /** The gate cap: a failed gate indicator caps the grade at PASS. */
    public Grade cappedAt(Grade cap) {
        return this.ordinal() < cap.ordinal() ? cap : this;
    }
}
