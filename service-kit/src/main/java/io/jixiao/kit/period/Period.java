package io.jixiao.kit.period;

import java.time.LocalDate;
import java.time.YearMonth;

/** The period notation shared by every service: a year, a half, a quarter or a month. */
public final class Period {

    public static final String PATTERN = "^\\d{4}(-(H[12]|Q[1-4]|0[1-9]|1[0-2]))?$";
    /** Compiled once: an import checks every row's period. */
    private static final java.util.regex.Pattern COMPILED = java.util.regex.Pattern.compile(PATTERN);
    public static final String MESSAGE = "must be a period such as 2026, 2026-H1, 2026-Q3 or 2026-07";

    private Period() {
    }

    public static boolean valid(String period) {
        return period != null && COMPILED.matcher(period).matches();
    }

    /** The period's first month, counted from year 0 (year × 12 + month − 1): what orders periods in time. */
    public static int startMonth(String period) {
        int year = Integer.parseInt(period.substring(0, 4));
        return year * 12 + (period.length() == 4 ? 0 : firstMonthOfYear(period.substring(5)) - 1);
    }

    /** The period's last month, counted like {@link #startMonth}. */
    public static int endMonth(String period) {
        int start = startMonth(period);
        if (period.length() == 4) {
            return start + 11;
        }
        return switch (period.charAt(5)) {
            case 'H' -> start + 5;
            case 'Q' -> start + 2;
            default -> start;
        };
    }

    /** The period's first day. */
    public static LocalDate firstDay(String period) {
        int m = startMonth(period);
        return LocalDate.of(m / 12, m % 12 + 1, 1);
    }

    /** The period's last day. */
    public static LocalDate lastDay(String period) {
        int m = endMonth(period);
        return YearMonth.of(m / 12, m % 12 + 1).atEndOfMonth();
    }

    /** The period that ends the month before {@code month}: the year before when {@code month} opens a year. */
    public static String endingBefore(int month) {
        int last = month - 1;
        int year = last / 12;
        int m = last % 12 + 1;
        return m == 12 && month % 12 == 0 ? String.format("%04d", year) : String.format("%04d-%02d", year, m);
    }

    /** Whether both periods have the same length (both years, halves, quarters or months). */
    public static boolean sameKind(String a, String b) {
        return a.length() == b.length() && (a.length() == 4 || a.charAt(5) == b.charAt(5)
                || Character.isDigit(a.charAt(5)) && Character.isDigit(b.charAt(5)));
    }

    /**
     * How to find the stored periods of {@code period}'s kind ({@link #sameKind}) in SQL without a regular expression:
     * {@code length(period) = length and substr(period, 6, 1) between first and last} (years have no sixth character,
     * months a digit 0 or 1, halves and quarters their letter). Stored periods are all valid, so this is exact. Within
     * one kind periods differ only in digits at the same places, so they sort in time order in any collation: a bound
     * such as {@code period < '2026-05'} needs no {@code collate "C"} and can use an index on the column.
     */
    public record KindFilter(int length, String first, String last) {
    }

    public static KindFilter kindFilter(String period) {
        if (period.length() == 4) {
            return new KindFilter(4, "", "");
        }
        char c = period.charAt(5);
        return c == 'H' || c == 'Q'
                ? new KindFilter(7, String.valueOf(c), String.valueOf(c))
                : new KindFilter(7, "0", "1");
    }

    /** The same period one year earlier (2026-Q3 → 2025-Q3). */
    public static String yearBefore(String period) {
        return String.format("%04d", Integer.parseInt(period.substring(0, 4)) - 1) + period.substring(4);
    }

    private static int firstMonthOfYear(String part) {
        return switch (part.charAt(0)) {
            case 'H' -> part.charAt(1) == '1' ? 1 : 7;
            case 'Q' -> (part.charAt(1) - '1') * 3 + 1;
            default -> Integer.parseInt(part);
        };
    }
}
