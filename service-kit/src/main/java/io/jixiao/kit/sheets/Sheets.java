package io.jixiao.kit.sheets;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.core.MediaType;

import io.jixiao.kit.problem.ProblemException.InvalidInputException;
import io.jixiao.kit.problem.ProblemException.UnsupportedMediaTypeException;
import io.jixiao.kit.web.NoNulText;

/**
 * Tabular files: CSV (RFC 4180; UTF-8, GB18030 or a declared charset; optional BOM) and Excel .xlsx, read as rows of
 * named columns; xlsx written.
 */
public final class Sheets {

    public static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public static final int MAX_ROWS = SheetRecords.MAX_ROWS;

    private Sheets() {
    }

    /** Rows as column name → text, header names lower-cased; the row number is the file's (header = 1). */
    public record Line(int number, Map<String, String> cells) {
        public String get(String column) {
            String v = cells.get(column.toLowerCase());
            return v == null || v.isBlank() ? null : v.trim();
        }
    }

    /**
     * The data rows of a CSV file under its header row. The header must name every {@code required} column (in any
     * case and order), and at least one row must follow; text with NUL characters is not a CSV file. The bytes are
     * read as {@link #csvText} reads them.
     */
    public static List<Line> readCsv(byte[] body, String contentType, String... required) {
        return toLines(parseCsv(csvText(body, contentType)), required);
    }

    /**
     * A CSV file's text. The charset its {@code Content-Type} names is used when there is one (a name this server does
     * not know is a 415). Otherwise the bytes are UTF-8 if they are valid UTF-8, and else GB18030, of which GBK and
     * GB2312 are parts: what Excel and WPS write for "CSV (逗号分隔)" on a Chinese Windows. Bytes that are not text in
     * that charset are refused, naming the line, rather than read as replacement characters. A byte order mark is
     * dropped.
     * <p>
     * ISO-8859-1 and US-ASCII count as no charset: HTTP clients add them on their own (HTTP/1.1's old default for
     * text, still RestAssured's and Spring's) to bytes their caller encoded as UTF-8 or GBK, and no file a government
     * system sends here is Latin-1.
     */
    public static String csvText(byte[] body, String contentType) {
        Charset charset = declaredCharset(contentType);
        String text;
        if (charset != null) {
            text = decode(body, charset, charset.name() + " text, as the Content-Type says");
        } else {
            text = decodeOrNull(body, StandardCharsets.UTF_8);
            if (text == null) {
                text = decode(body, GB18030, "UTF-8 or GB18030 (GBK) text");
            }
        }
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    private static final Charset GB18030 = Charset.forName("GB18030");

    /** The charset a media type names, or null for none (and for a client's default: see {@link #csvText}). */
    private static Charset declaredCharset(String contentType) {
        String declared = charsetParameter(contentType);
        if (declared == null) {
            return null;
        }
        Charset charset;
        try {
            charset = Charset.forName(declared);
            charset.newDecoder(); // a charset may be one that only encodes
        } catch (IllegalArgumentException | UnsupportedOperationException e) { // illegal or unsupported name
            throw new UnsupportedMediaTypeException("charset '" + cap(declared) + "' is not one this service reads; "
                    + "send the file as UTF-8 or GB18030, or leave the charset out");
        }
        return charset.equals(StandardCharsets.ISO_8859_1) || charset.equals(StandardCharsets.US_ASCII)
                ? null
                : charset;
    }

    /** The {@code charset} parameter of a media type, unquoted, or null. */
    static String charsetParameter(String contentType) {
        if (contentType == null) {
            return null;
        }
        try {
            String charset = MediaType.valueOf(contentType).getParameters().get(MediaType.CHARSET_PARAMETER);
            return charset == null || charset.isBlank() ? null : charset;
        } catch (IllegalArgumentException e) { // JAX-RS has matched it to text/csv: not seen in a request
            return null;
        }
    }

    /** Strict decoding: the text, or null if some bytes are not text in the charset. */
    private static String decodeOrNull(byte[] body, Charset charset) {
        try {
            return strict(charset).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** Strict decoding: bytes that are not text in the charset are refused, naming the first line that has some. */
    private static String decode(byte[] body, Charset charset, String what) {
        String text = decodeOrNull(body, charset);
        if (text != null) {
            return text;
        }
        // again, as far as the first bad bytes, to count the lines before them
        CharsetDecoder decoder = strict(charset);
        CharBuffer read = CharBuffer.allocate((int) Math.min(Integer.MAX_VALUE - 16L,
                (long) Math.ceil(body.length * (double) decoder.maxCharsPerByte()) + 16));
        decoder.decode(ByteBuffer.wrap(body), read, true);
        read.flip();
        long line = 1 + read.chars().filter(c -> c == '\n').count();
        throw new InvalidInputException("file", "line " + line + " is not " + what);
    }

    private static CharsetDecoder strict(Charset charset) {
        return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    private static String cap(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }

    /**
     * The data rows of the first sheet of a workbook, with the same rules as {@link #readCsv}; the line numbers are the
     * sheet's row numbers. The sheet is streamed: see {@link SheetRecords}.
     */
    public static List<Line> readXlsx(byte[] body, String... required) {
        return toLines(SheetRecords.ofXlsx(body), required);
    }

    private static List<Line> toLines(List<SheetRecords.Record> records, String... required) {
        if (records.isEmpty()) {
            throw new InvalidInputException("file", "the file is empty: a header row is required");
        }
        for (SheetRecords.Record r : records) {
            if (r.cells().stream().anyMatch(NoNulText::has)) {
                throw new InvalidInputException("file", "line " + r.number() + " " + NoNulText.MESSAGE
                        + ": not a text file");
            }
        }
        List<String> header = records.get(0).cells().stream().map(h -> h.trim().toLowerCase()).toList();
        List<String> missing = java.util.Arrays.stream(required).filter(c -> !header.contains(c.toLowerCase()))
                .toList();
        if (!missing.isEmpty()) {
            throw new InvalidInputException("file", "the header row lacks the column(s) " + String.join(", ", missing)
                    + "; it needs " + String.join(", ", required));
        }
        List<Line> lines = new ArrayList<>();
        for (SheetRecords.Record record : records.subList(1, records.size())) {
            List<String> r = record.cells();
            if (r.stream().allMatch(String::isBlank)) {
                continue;
            }
            Map<String, String> cells = new LinkedHashMap<>();
            for (int c = 0; c < header.size(); c++) {
                cells.put(header.get(c), c < r.size() ? r.get(c) : "");
            }
            lines.add(new Line(record.number(), cells));
        }
        if (lines.isEmpty()) {
            throw new InvalidInputException("file", "no rows under the header row");
        }
        return lines;
    }

    /** RFC 4180 records, each numbered by its place in the file (a quoted line break does not start one). */
    static List<SheetRecords.Record> parseCsv(String text) {
        SheetRecords out = new SheetRecords();
        StringBuilder cell = new StringBuilder();
        int column = 0;
        boolean quoted = false;
        boolean open = false; // a record has begun
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (!open) {
                out.begin(out.records().size() + 1);
                open = true;
            }
            if (quoted) {
                if (ch == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    cell.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == ',') {
                out.cell(column++, cell.toString());
                cell.setLength(0);
            } else if (ch == '\n' || ch == '\r') {
                if (ch == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                out.cell(column, cell.toString());
                cell.setLength(0);
                column = 0;
                out.end();
                open = false;
            } else {
                cell.append(ch);
            }
            if (cell.length() > SheetRecords.MAX_CELL) {
                out.cell(column, cell.toString()); // refused, naming the line and column
            }
        }
        if (open) {
            out.cell(column, cell.toString());
            out.end();
        }
        return out.records();
    }

    public static final String CSV = "text/csv; charset=UTF-8";

    /** What a spreadsheet may read as the start of a formula. */
    private static final String FORMULA_START = "=+-@\t\r";

    /**
     * CSV as Excel opens it right: UTF-8 with a byte-order mark, CRLF, RFC 4180 quoting. A text cell that a spreadsheet
     * would run as a formula (starting with = + - @, or a tab or carriage return before one, as OWASP lists them) gets
     * a leading apostrophe, so an export never carries a formula.
     */
    public static byte[] writeCsv(List<String> header, List<List<Object>> rows) {
        return write(SheetFile.Format.CSV, "", header, rows);
    }

    static void appendCsvRow(StringBuilder sb, List<?> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            Object v = cells.get(i);
            String t = v == null ? "" : v instanceof BigDecimal d ? d.toPlainString() : v.toString();
            if (!(v instanceof Number) && !t.isEmpty() && FORMULA_START.indexOf(t.charAt(0)) >= 0) {
                t = "'" + t;
            }
            if (t.indexOf(',') >= 0 || t.indexOf('"') >= 0 || t.indexOf('\n') >= 0 || t.indexOf('\r') >= 0) {
                t = '"' + t.replace("\"", "\"\"") + '"';
            }
            sb.append(t);
        }
        sb.append("\r\n");
    }

    /** A one-sheet workbook: a header row then the rows; numbers as numbers, dates as dates, the rest as text. */
    public static byte[] writeXlsx(String sheetName, List<String> header, List<List<Object>> rows) {
        return write(SheetFile.Format.XLSX, sheetName, header, rows);
    }

    private static byte[] write(SheetFile.Format format, String sheetName, List<String> header,
            List<List<Object>> rows) {
        return SheetFile.write(format, sheetName, header, file -> rows.forEach(file::row)).bytes();
    }
}
