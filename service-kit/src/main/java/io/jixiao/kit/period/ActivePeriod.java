package io.jixiao.kit.period;

import java.time.LocalDate;

/**
 * A span of dates, either end open when null, checked against periods in the shared notation: a subject's active
 * period is one. It covers a period when the two overlap, so an office closed on 30 June still has its June, its
 * second quarter and its year, but not its July.
 */
public record ActivePeriod(LocalDate from, LocalDate to) {

    /** Whether the dates overlap {@code period}, a valid period ({@link Period#valid}). */
    public boolean overlaps(String period) {
        return (to == null || Period.startMonth(period) <= month(to))
                && (from == null || Period.endMonth(period) >= month(from));
    }

    /**
     * Why subject {@code code}, active in this span, has no {@code what} for {@code period}: "subject D01 is active
     * until 2026-06-30 and so has no values for 2026-07".
     */
    public String refusal(String code, String period, String what) {
        return "subject " + code + " is active " + (from == null ? "" : "from " + from + " ")
                + (to == null ? "" : "until " + to + " ") + "and so has no " + what + " for " + period;
    }

    private static int month(LocalDate d) {
        return d.getYear() * 12 + d.getMonthValue() - 1;
    }
}
