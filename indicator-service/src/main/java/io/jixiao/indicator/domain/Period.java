package io.jixiao.indicator.domain;

/** The period notation shared by every service: a year, a half, a quarter or a month. */
public final class Period {

    public static final String PATTERN = "^\\d{4}(-(H[12]|Q[1-4]|0[1-9]|1[0-2]))?$";
    public static final String MESSAGE = "must be a period such as 2026, 2026-H1, 2026-Q3 or 2026-07";

    private Period() {
    }

    public static boolean valid(String period) {
        return period != null && period.matches(PATTERN);
    }
}
