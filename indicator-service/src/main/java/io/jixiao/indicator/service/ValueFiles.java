package io.jixiao.indicator.service;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.jixiao.kit.period.Period;
import io.jixiao.kit.sheets.CellValues;
import io.jixiao.kit.sheets.Sheets;

/**
 * A CSV or Excel file of values read into import rows: once when the file is accepted (a file that is not a value
 * file is refused at once), and again when its job runs, from the bytes the job kept.
 */
public final class ValueFiles {

    /** The columns an import file must have; value or level, and the others, are per row. */
    private static final String[] COLUMNS = {"subject", "indicator", "period"};

    private ValueFiles() {
    }

    /**
     * Rows in file order; a value that is not a number is the row's error. Not a value file: 400. A CSV file is UTF-8
     * here: the resource decodes what was sent in its own charset ({@link Sheets#csvText}) and keeps it as UTF-8.
     */
    public static List<ValueImportService.Row> rows(byte[] file, boolean xlsx) {
        List<Sheets.Line> lines = xlsx ? Sheets.readXlsx(file, COLUMNS) : Sheets.readCsv(file, null, COLUMNS);
        List<ValueImportService.Row> rows = new ArrayList<>(lines.size());
        for (Sheets.Line l : lines) {
            String v = l.get("value");
            String digits = percentOf(v);
            BigDecimal value = number(digits == null ? v : digits);
            rows.add(new ValueImportService.Row(l.number(), new ValueService.Report(l.get("subject"),
                    l.get("indicator"), period(l.get("period")), value, l.get("level"), cap(l.get("source"), 64),
                    cap(l.get("evidenceurl"), 500), cap(l.get("correctionreason"), 500)),
                    v != null && value == null
                            ? new ValueImportService.RowError(l.number(), "value",
                                    "'" + cap(v, 40) + "' is not a number")
                            : null,
                    digits != null));
        }
        return rows;
    }

    /**
     * A month typed into Excel as 2026-07 is turned into a date, the first of July: a workbook holds the date
     * (2026-07-01 here) and a CSV file saved in China its display, 2026/7/1 or 2026年7月. A period is never a day, so
     * the first of a month, and a year and month in Chinese, are read as that month. Anything else is left as it is,
     * to be refused as a period or not.
     */
    static String period(String p) {
        if (p == null || Period.valid(p)) {
            return p;
        }
        Matcher chinese = CHINESE_MONTH.matcher(p);
        if (chinese.matches()) {
            int month = Integer.parseInt(chinese.group(2));
            return month >= 1 && month <= 12 ? YearMonth.of(Integer.parseInt(chinese.group(1)), month).toString() : p;
        }
        LocalDate d = CellValues.date(p);
        return d != null && d.getDayOfMonth() == 1 ? YearMonth.from(d).toString() : p;
    }

    private static final Pattern CHINESE_MONTH = Pattern.compile("(\\d{4})年(\\d{1,2})月");

    /**
     * The number of a percentage, {@code 85} of {@code 85%} (a CSV file saved from a sheet writes it so, and a
     * workbook's percentage cell is read so); null if the text is no percentage.
     */
    static String percentOf(String v) {
        if (v == null) {
            return null;
        }
        String t = v.strip();
        return t.length() > 1 && (t.endsWith("%") || t.endsWith("％")) ? t.substring(0, t.length() - 1) : null;
    }

    private static BigDecimal number(String v) {
        if (v == null) {
            return null;
        }
        BigDecimal d = CellValues.number(v);
        return d == null || d.abs().compareTo(new BigDecimal("1e15")) > 0 ? null : d;
    }

    private static String cap(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
