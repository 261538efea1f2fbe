package io.jixiao.kit.sheets;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;

import io.jixiao.kit.problem.ProblemException.InvalidInputException;

/**
 * The records of a tabular file, collected within bounds as they are read: at most {@link #MAX_ROWS} rows under the
 * header, values in the first {@link #MAX_COLUMNS} columns only, at most {@link #MAX_CELL} characters a cell and
 * {@link #MAX_TEXT} in all. A
 * workbook is read as a stream (POI's event API), never as a whole in memory: the largest file an import takes,
 * 100,000 rows, read into a workbook object needed more than the services' 256 MB heap, and the service answered
 * 500 with an OutOfMemoryError.
 */
final class SheetRecords implements XSSFSheetXMLHandler.SheetContentsHandler {

    static final int MAX_ROWS = 100_000;
    static final int MAX_COLUMNS = 64;
    static final int MAX_CELL = 10_000;
    /**
     * Characters of text in all the records together; a CSV file within the services' 10 MB body limit holds fewer.
     * A workbook is compressed, and could otherwise unfold into far more within the row, column and cell bounds.
     */
    static final long MAX_TEXT = 12_000_000;
    /** Characters of a workbook's shared strings (its text cells), all held in memory while the sheet is read. */
    static final long MAX_SHARED_TEXT = MAX_TEXT;

    /** One record of the file and its number there (a workbook's row number, a CSV file's record number). */
    record Record(int number, List<String> cells) {
    }

    private final List<Record> records = new ArrayList<>();
    private List<String> row;
    private int number;
    private long text;

    List<Record> records() {
        return records;
    }

    void begin(int recordNumber) {
        row = new ArrayList<>();
        number = recordNumber;
    }

    /** A cell's text at its column (0-based); blank cells need not be reported. */
    void cell(int column, String text) {
        if (text == null || text.isEmpty()) {
            return;
        }
        if (text.length() > MAX_CELL) {
            throw new InvalidInputException("file", "line " + number + ", column "
                    + CellReference.convertNumToColString(column) + " holds more than " + MAX_CELL
                    + " characters: a cell has at most " + MAX_CELL);
        }
        if (column >= MAX_COLUMNS) {
            if (text.isBlank()) {
                return;
            }
            throw new InvalidInputException("file", "line " + number + " has a value in column "
                    + CellReference.convertNumToColString(column) + ": a file has at most " + MAX_COLUMNS
                    + " columns");
        }
        this.text += text.length();
        if (this.text > MAX_TEXT) {
            throw new InvalidInputException("file", "the file holds more than " + MAX_TEXT + " characters of text");
        }
        while (row.size() < column) {
            row.add("");
        }
        if (row.size() == column) {
            row.add(text);
        } else {
            row.set(column, text); // a column given twice: the later one, as Excel shows it
        }
    }

    void end() {
        records.add(new Record(number, row));
        if (records.size() - 1 > MAX_ROWS) {
            throw new InvalidInputException("file", "at most " + MAX_ROWS + " rows per file");
        }
    }

    @Override
    public void startRow(int rowNum) {
        begin(rowNum + 1);
    }

    @Override
    public void endRow(int rowNum) {
        end();
    }

    @Override
    public void cell(String reference, String formattedValue, XSSFComment comment) {
        cell(reference == null ? row.size() : new CellReference(reference).getCol(), formattedValue);
    }

    /** The first sheet of a workbook, streamed from a temporary copy of the file (a zip read in place, not inflated). */
    static List<Record> ofXlsx(byte[] body) {
        SheetRecords collector = new SheetRecords();
        Path copy = null;
        try {
            copy = Files.createTempFile("jixiao-sheet-", ".xlsx");
            Files.write(copy, body);
            try (OPCPackage pkg = OPCPackage.open(copy.toFile(), PackageAccess.READ)) {
                XSSFReader reader = new XSSFReader(pkg);
                StylesTable styles = reader.getStylesTable();
                Iterator<InputStream> sheets = reader.getSheetsData();
                if (!sheets.hasNext()) {
                    throw new InvalidInputException("file", "the workbook has no sheet");
                }
                try (InputStream sheet = sheets.next()) {
                    XMLReader parser = XMLHelper.newXMLReader();
                    parser.setContentHandler(new XSSFSheetXMLHandler(styles == null ? new StylesTable() : styles,
                            null, new BoundedSharedStrings(pkg), collector, new PlainValues(), false));
                    parser.parse(new InputSource(sheet));
                }
            }
        } catch (InvalidInputException e) {
            throw e;
        } catch (SAXException e) {
            if (e.getCause() instanceof InvalidInputException refused) {
                throw refused;
            }
            throw unreadable();
        } catch (IOException | OpenXML4JException | javax.xml.parsers.ParserConfigurationException
                | RuntimeException e) {
            throw unreadable();
        } finally {
            if (copy != null) {
                try {
                    Files.deleteIfExists(copy);
                } catch (IOException ignored) {
                    // a temporary file; the system cleans its folder
                }
            }
        }
        return collector.records;
    }

    private static InvalidInputException unreadable() {
        return new InvalidInputException("file", "not a readable .xlsx workbook");
    }

    /**
     * Numbers as their plain value, whatever their display format (12.50 is 12.5, 1,234 is 1234), and dates as ISO
     * dates; the workbook's own formatting of a number is for the eye, not for the import. A percentage is the one
     * display that changes what the number means: typing 85% into Excel stores 0.85, so it is read as the text
     * {@code 85%}, as a CSV file saved from the sheet shows it, for the caller to take as a percentage or refuse.
     */
    static final class PlainValues extends DataFormatter {
        @Override
        public String formatRawCellContents(double value, int formatIndex, String formatString,
                boolean use1904Windowing) {
            if (DateUtil.isADateFormat(formatIndex, formatString) && DateUtil.isValidExcelDate(value)) {
                return DateUtil.getLocalDateTime(value, use1904Windowing).toLocalDate().toString();
            }
            BigDecimal plain = BigDecimal.valueOf(value);
            return isPercent(formatString)
                    ? plain.movePointRight(2).stripTrailingZeros().toPlainString() + "%"
                    : plain.stripTrailingZeros().toPlainString();
        }

        /** A number format that shows a percentage: a {@code %} outside quoted text and not escaped. */
        static boolean isPercent(String format) {
            if (format == null) {
                return false;
            }
            boolean quoted = false;
            for (int i = 0; i < format.length(); i++) {
                char c = format.charAt(i);
                if (c == '"') {
                    quoted = !quoted;
                } else if (!quoted && c == '\\') {
                    i++;
                } else if (!quoted && c == '%') {
                    return true;
                }
            }
            return false;
        }
    }

    /** The workbook's shared strings, refused past {@link #MAX_SHARED_TEXT} characters as they are read. */
    private static final class BoundedSharedStrings extends ReadOnlySharedStringsTable {
        private long characters; // counted from the superclass's constructor on, which reads the part

        BoundedSharedStrings(OPCPackage pkg) throws IOException, SAXException {
            super(pkg, false);
        }

        @Override
        public void characters(char[] ch, int start, int length) throws SAXException {
            characters += length;
            if (characters > MAX_SHARED_TEXT) {
                throw new InvalidInputException("file", "the workbook holds more than " + MAX_SHARED_TEXT
                        + " characters of text");
            }
            super.characters(ch, start, length);
        }
    }
}
