package io.jixiao.survey.rest;

/** The period notation shared by every service: a year, a half, a quarter or a month. */
final class Periods {

    static final String PATTERN = "^\\d{4}(-(H[12]|Q[1-4]|0[1-9]|1[0-2]))?$";
    static final String MESSAGE = "must be a period such as 2026, 2026-H1, 2026-Q3 or 2026-07";

    private Periods() {
    }
}
