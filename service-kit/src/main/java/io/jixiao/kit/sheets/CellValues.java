package io.jixiao.kit.sheets;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.jixiao.kit.web.BoundedNumbers;

/**
 * A cell of an import file read as a date, a yes or no, or a number, in the forms that Excel and WPS write in China
 * as well as the plain ones, and strictly: text that is none of them is {@code null}, for the caller to refuse, never a
 * guess. A spreadsheet saved as CSV writes each cell as it is displayed, so a date comes as 2026/2/1 and an amount in
 * an accounting format as ¥1,234.50.
 */
public final class CellValues {

    public static final String DATE_MESSAGE = "must be a date such as 2026-02-01 (2026/2/1 and 2026年2月1日 are "
            + "read too)";
    public static final String YES_NO_MESSAGE = "must be true or false (also TRUE/FALSE, 1/0, yes/no, 是/否), or "
            + "empty for false";
    public static final String NUMBER_MESSAGE = "must be a number such as 1234.5 (commas between thousands, as in "
            + "1,234.5, and a leading ¥ are read too)";

    /** Year first, then month and day, with one kind of separator; a time of day after it (a datetime cell) is left. */
    private static final Pattern DATE = Pattern.compile(
            "(\\d{4})(?:([-/.])(\\d{1,2})\\2(\\d{1,2})|年(\\d{1,2})月(\\d{1,2})日?)(?:[ T]\\d{1,2}:\\d{2}(?::\\d{2})?)?");

    /** Digits grouped by commas in threes, or not grouped at all. */
    private static final Pattern GROUPED = Pattern.compile("[-+]?\\d{1,3}(,\\d{3})+(\\.\\d*)?");

    private CellValues() {
    }

    /** 2026-02-01, 2026/2/1, 2026-2-1, 2026.2.1 or 2026年2月1日; null if the text is none of these or no such day. */
    public static LocalDate date(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = DATE.matcher(text.trim());
        if (!m.matches()) {
            return null;
        }
        boolean chinese = m.group(2) == null;
        try {
            return LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(chinese ? 5 : 3)),
                    Integer.parseInt(m.group(chinese ? 6 : 4)));
        } catch (DateTimeException e) { // 2026/2/30
            return null;
        }
    }

    /** Yes or no; an empty cell is no; null if the text is neither. */
    public static Boolean yesNo(String text) {
        if (text == null || text.isBlank()) {
            return Boolean.FALSE;
        }
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes", "y", "是" -> Boolean.TRUE;
            case "false", "0", "no", "n", "否" -> Boolean.FALSE;
            default -> null;
        };
    }

    /**
     * A number: plain ({@code 1234.5}, {@code -3}), with commas between thousands ({@code 1,234.5}: commas anywhere
     * else, as in {@code 85,5}, make it not a number rather than 855), and with a leading ¥ or ￥. Within
     * {@link BoundedNumbers}; null if not a number.
     */
    public static BigDecimal number(String text) {
        if (text == null) {
            return null;
        }
        String t = text.trim();
        if (t.startsWith("¥") || t.startsWith("￥")) {
            t = t.substring(1).trim();
        }
        if (t.indexOf(',') >= 0) {
            if (!GROUPED.matcher(t).matches()) {
                return null;
            }
            t = t.replace(",", "");
        }
        return BoundedNumbers.parse(t);
    }
}
