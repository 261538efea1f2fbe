package io.jixiao.kit.sheets;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Consumer;

import jakarta.ws.rs.core.StreamingOutput;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.WorkbookUtil;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

import io.jixiao.kit.problem.ProblemException.InvalidInputException;
import io.jixiao.kit.problem.ProblemException.RuleViolationException;

/**
 * A table written row by row to a temporary file, as CSV or as an Excel workbook, then sent from it: the memory it
 * takes does not grow with its rows (a workbook keeps 100 rows in memory, POI's streaming SXSSF). A survey's
 * 105,000 responses, gathered in a list and written into a workbook object, took more than the services' 256 MB
 * heap. The file is removed once sent, or on {@link #close} when it is not.
 */
public final class SheetFile implements AutoCloseable {

    /** Rows of data an Excel sheet holds under its header. */
    public static final int MAX_XLSX_ROWS = 1_048_575;
    /** A decimal with up to this many places is shown with all of them; with more, in Excel's General format. */
    static final int MAX_FIXED_PLACES = 4;

    public enum Format {
        CSV(Sheets.CSV, "csv"), XLSX(Sheets.XLSX, "xlsx");

        public final String mediaType;
        public final String extension;

        Format(String mediaType, String extension) {
            this.mediaType = mediaType;
            this.extension = extension;
        }

        /** {@code csv} (also when absent) or {@code xlsx}, in any case; anything else is refused on {@code format}. */
        public static Format of(String format) {
            String f = format == null ? "csv" : format.toLowerCase(java.util.Locale.ROOT);
            return switch (f) {
                case "csv" -> CSV;
                case "xlsx" -> XLSX;
                default -> throw new InvalidInputException("format", "one of csv, xlsx");
            };
        }
    }

    private final Format format;
    private final Path file;
    private Writer csv;
    private SXSSFWorkbook workbook;
    private Sheet sheet;
    private CellStyle dateStyle;
    /** Number formats by decimal places, 1 to {@link #MAX_FIXED_PLACES}: {@code #,##0.00} for 2. */
    private final CellStyle[] fixedStyles = new CellStyle[MAX_FIXED_PLACES + 1];
    private int rows;
    private int sheetRow;
    private boolean finished;

    private SheetFile(Format format, String sheetName, List<String> header) throws IOException {
        this.format = format;
        this.file = Files.createTempFile("jixiao-export-", "." + format.extension);
        if (format == Format.CSV) {
            csv = new BufferedWriter(new java.io.OutputStreamWriter(Files.newOutputStream(file),
                    StandardCharsets.UTF_8), 1 << 16);
            csv.write('\uFEFF');
        } else {
            workbook = new SXSSFWorkbook(100);
            workbook.setCompressTempFiles(true);
            sheet = workbook.createSheet(WorkbookUtil.createSafeSheetName(sheetName));
            dateStyle = workbook.createCellStyle();
            dateStyle.setDataFormat(workbook.getCreationHelper().createDataFormat().getFormat("yyyy-mm-dd"));
        }
        write(header);
    }

    /** A table with this header row; its sheet name is for workbooks. */
    public static SheetFile open(Format format, String sheetName, List<String> header) {
        try {
            return new SheetFile(format, sheetName, header);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start an export file", e);
        }
    }

    /**
     * A table filled by {@code rows} (which may read a cursor); if filling it fails, the file is removed and the
     * failure passed on, so that the caller answers with its problem and leaves nothing behind.
     */
    public static SheetFile write(Format format, String sheetName, List<String> header, Consumer<SheetFile> rows) {
        SheetFile file = open(format, sheetName, header);
        try {
            rows.accept(file);
            return file;
        } catch (RuntimeException e) {
            file.close();
            throw e;
        }
    }

    public Format format() {
        return format;
    }

    /**
     * The next row; numbers as numbers, dates as dates, the rest as text (CSV: see {@link Sheets#writeCsv}). In a
     * workbook, a decimal of 1 to 4 places is shown with exactly those places and grouped thousands, as it was
     * written: 86.00 and 2,000,000.50 rather than Excel's 86 and 2000000.5. More places (a stored full-precision score)
     * keep the General format.
     */
    public void row(List<?> values) {
        if (format == Format.XLSX && rows >= MAX_XLSX_ROWS) {
            throw new RuleViolationException("format", "an Excel sheet holds at most " + MAX_XLSX_ROWS
                    + " rows and this table has more: ask for format=csv");
        }
        write(values);
        rows++;
    }

    private void write(List<?> values) {
        try {
            if (csv != null) {
                StringBuilder line = new StringBuilder();
                Sheets.appendCsvRow(line, values);
                csv.write(line.toString());
            } else {
                Row row = sheet.createRow(sheetRow++);
                for (int c = 0; c < values.size(); c++) {
                    cell(row.createCell(c), values.get(c));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the export file", e);
        }
    }

    private void cell(Cell cell, Object v) {
        if (v instanceof BigDecimal d) {
            cell.setCellValue(d.doubleValue());
            if (d.scale() > 0 && d.scale() <= MAX_FIXED_PLACES) {
                cell.setCellStyle(fixedStyle(d.scale()));
            }
        } else if (v instanceof Number n) {
            cell.setCellValue(n.doubleValue());
        } else if (v instanceof LocalDate d) {
            cell.setCellValue(d);
            cell.setCellStyle(dateStyle);
        } else if (v != null) {
            cell.setCellValue(v.toString());
        }
    }

    private CellStyle fixedStyle(int places) {
        if (fixedStyles[places] == null) {
            CellStyle style = workbook.createCellStyle();
            style.setDataFormat(
                    workbook.getCreationHelper().createDataFormat().getFormat("#,##0." + "0".repeat(places)));
            fixedStyles[places] = style;
        }
        return fixedStyles[places];
    }

    private void finish() throws IOException {
        if (finished) {
            return;
        }
        finished = true;
        if (csv != null) {
            csv.close();
        } else {
            try (OutputStream out = Files.newOutputStream(file)) {
                workbook.write(out);
            } finally {
                workbook.close(); // removes its temporary files
            }
        }
    }

    /** The finished file's bytes, for a small table; the file is removed. */
    public byte[] bytes() {
        try (this) {
            finish();
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the export file", e);
        }
    }

    /** The finished file as a response body, sent from disk and removed once sent. */
    public StreamingOutput body() {
        try {
            finish();
        } catch (IOException e) {
            close();
            throw new UncheckedIOException("could not finish the export file", e);
        }
        return out -> {
            try (this) {
                Files.copy(file, out);
            }
        };
    }

    @Override
    public void close() {
        try {
            if (!finished && csv != null) {
                csv.close();
            }
            if (!finished && workbook != null) {
                workbook.close();
            }
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a temporary file: the system cleans its folder
        }
    }
}
