package io.jixiao.kit.sheets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Consumer;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

import io.jixiao.kit.problem.ProblemException.InvalidInputException;

class SheetsReadTest {

    @Test
    void aWorkbookIsReadAsItsValuesNotAsTheirDisplay() throws IOException {
        byte[] file = workbook(new XSSFWorkbook(), sheet -> {
            Workbook wb = sheet.getWorkbook();
            var percent = wb.createCellStyle();
            percent.setDataFormat(wb.createDataFormat().getFormat("0%"));
            var twoDecimals = wb.createCellStyle();
            twoDecimals.setDataFormat(wb.createDataFormat().getFormat("#,##0.00"));
            var date = wb.createCellStyle();
            date.setDataFormat(wb.createDataFormat().getFormat("yyyy年m月d日"));
            Row h = sheet.createRow(0);
            h.createCell(0).setCellValue("Subject");
            h.createCell(1).setCellValue("value");
            h.createCell(2).setCellValue("day");
            Row r = sheet.createRow(1);
            r.createCell(0).setCellValue("FIN");
            r.createCell(1).setCellValue(0.85);
            r.getCell(1).setCellStyle(percent);
            r.createCell(2).setCellValue(LocalDate.of(2026, 3, 1));
            r.getCell(2).setCellStyle(date);
            // row 3 left out, as a sheet may; row 4 has a formula and a number shown with separators
            Row f = sheet.createRow(3);
            f.createCell(0).setCellValue("EDU");
            f.createCell(1).setCellFormula("1234.5*2");
            f.getCell(1).setCellStyle(twoDecimals);
            f.createCell(2).setCellValue("2026-03-02");
            wb.getCreationHelper().createFormulaEvaluator().evaluateAll();
        });
        List<Sheets.Line> lines = Sheets.readXlsx(file, "subject", "value");
        assertEquals(2, lines.size());
        assertEquals(2, lines.get(0).number());
        assertEquals("FIN", lines.get(0).get("subject"));
        assertEquals("85%", lines.get(0).get("value"), "a percentage as it is shown, not 0.85");
        assertEquals("2026-03-01", lines.get(0).get("day"));
        assertEquals(4, lines.get(1).number(), "the sheet's own row number");
        assertEquals("2469", lines.get(1).get("value"), "a formula's result, not its text or display");
    }

    @Test
    void aPercentFormatIsToldFromQuotedOrEscapedPercentSigns() {
        for (String f : new String[]{"0%", "0.00%", "#,##0.0%;[Red]-0.0%", "0.0\"pt\"%"}) {
            assertTrue(SheetRecords.PlainValues.isPercent(f), f);
        }
        for (String f : new String[]{"General", "0.00", "\"%\"0", "0\\%", "yyyy-mm-dd", ""}) {
            assertFalse(SheetRecords.PlainValues.isPercent(f), f);
        }
        assertFalse(SheetRecords.PlainValues.isPercent(null));
        var formatter = new SheetRecords.PlainValues();
        assertEquals("12.34%", formatter.formatRawCellContents(0.1234, 10, "0.00%", false));
        assertEquals("-5%", formatter.formatRawCellContents(-0.05, 9, "0%", false));
        assertEquals("0.1234", formatter.formatRawCellContents(0.1234, 0, "General", false));
    }

    @Test
    void whatTheKitWritesItReadsBack() {
        byte[] file = Sheets.writeXlsx("v", List.of("subject", "value", "day"),
                List.of(List.of("WATER", new BigDecimal("-3.25"), LocalDate.of(2025, 12, 31))));
        Sheets.Line line = Sheets.readXlsx(file, "subject", "value").get(0);
        assertEquals("-3.25", line.get("value"));
        assertEquals("2025-12-31", line.get("day"));
    }

    /** What a person opening the workbook sees: a decimal with the places it was written with, thousands grouped. */
    @Test
    void aDecimalIsShownWithThePlacesItWasWrittenWith() throws IOException {
        byte[] file = Sheets.writeXlsx("v", List.of("shown", "amount", "stored", "whole", "rank"),
                List.of(List.of(new BigDecimal("86.00"), new BigDecimal("2000000.50"),
                        new BigDecimal("46.1538461538"), new BigDecimal("100"), 3)));
        try (Workbook wb = new XSSFWorkbook(new java.io.ByteArrayInputStream(file))) {
            Row r = wb.getSheetAt(0).getRow(1);
            org.apache.poi.ss.usermodel.DataFormatter shown = new org.apache.poi.ss.usermodel.DataFormatter();
            assertEquals("86.00", shown.formatCellValue(r.getCell(0)), "not Excel's General 86");
            assertEquals("2,000,000.50", shown.formatCellValue(r.getCell(1)), "yuan to the fen");
            assertEquals(2000000.5, r.getCell(1).getNumericCellValue(), "still a number to add up");
            assertEquals("General", r.getCell(2).getCellStyle().getDataFormatString(), "full precision as it is");
            assertEquals("100", shown.formatCellValue(r.getCell(3)));
            assertEquals("3", shown.formatCellValue(r.getCell(4)));
        }
        Sheets.Line line = Sheets.readXlsx(file, "shown", "amount").get(0);
        assertEquals("86", line.get("shown"), "read back as its value");
        assertEquals("2000000.5", line.get("amount"));
    }

    @Test
    void theLargestFileIsReadAndOneRowMoreIsRefused() throws IOException {
        assertEquals(Sheets.MAX_ROWS, Sheets.readXlsx(rows(Sheets.MAX_ROWS), "subject", "value").size());
        byte[] tooMany = rows(Sheets.MAX_ROWS + 1);
        assertEquals("at most 100000 rows per file", refusal(() -> Sheets.readXlsx(tooMany, "subject")));
        StringBuilder csv = new StringBuilder("subject,value\n");
        for (int i = 0; i <= Sheets.MAX_ROWS; i++) {
            csv.append("S,").append(i).append('\n');
        }
        assertEquals("at most 100000 rows per file", refusal(() -> Sheets.readCsv(bytes(csv), null, "subject")));
    }

    @Test
    void aValuePastTheSixtyFourthColumnOrACellPastTenThousandCharactersIsRefused() throws IOException {
        byte[] wide = workbook(new XSSFWorkbook(), sheet -> {
            sheet.createRow(0).createCell(0).setCellValue("subject");
            sheet.createRow(1).createCell(16_383).setCellValue("x");
        });
        assertEquals("line 2 has a value in column XFD: a file has at most 64 columns",
                refusal(() -> Sheets.readXlsx(wide, "subject")));
        assertEquals("line 2 has a value in column BM: a file has at most 64 columns",
                refusal(() -> Sheets.readCsv(bytes("subject\nS" + ",".repeat(64) + "x\n"), null, "subject")));
        // empty cells past it are no values: a CSV line of commas is a line of nothing
        assertEquals("S", Sheets.readCsv(bytes("subject\nS" + ",".repeat(20_000) + "\n"), null, "subject").get(0)
                .get("subject"));
        assertTrue(refusal(() -> Sheets.readCsv(bytes("subject\n" + "a".repeat(10_001) + "\n"), null, "subject"))
                .startsWith("line 2, column A holds more than 10000 characters"));
        byte[] longCell = workbook(new XSSFWorkbook(), sheet -> {
            sheet.createRow(0).createCell(0).setCellValue("subject");
            sheet.createRow(1).createCell(0).setCellValue("长".repeat(10_001));
        });
        assertTrue(refusal(() -> Sheets.readXlsx(longCell, "subject")).startsWith("line 2, column A holds more"));
    }

    /**
     * 100,000 rows of 64 cells of 10,000 characters are within the other bounds and would unfold to 64 billion
     * characters; a workbook is compressed, so its size says little. Digits compress about as well as real text.
     */
    @Test
    void aFileOfMoreThanTwelveMillionCharactersIsRefused() throws IOException {
        java.util.Random random = new java.util.Random(7);
        byte[] file = workbook(new SXSSFWorkbook(10), sheet -> {
            sheet.createRow(0).createCell(0).setCellValue("subject");
            for (int r = 1; r <= 100; r++) {
                Row row = sheet.createRow(r);
                for (int c = 0; c < 25; c++) {
                    StringBuilder digits = new StringBuilder();
                    for (int k = 0; k < 4_850; k++) {
                        digits.append((char) ('0' + random.nextInt(10)));
                    }
                    row.createCell(c).setCellValue(digits.toString());
                }
            }
        });
        assertEquals("the file holds more than 12000000 characters of text",
                refusal(() -> Sheets.readXlsx(file, "subject")));
        StringBuilder csv = new StringBuilder("subject\n");
        String line = "x".repeat(9_999) + "\n";
        while (csv.length() <= 12_100_000) {
            csv.append(line);
        }
        assertEquals("the file holds more than 12000000 characters of text",
                refusal(() -> Sheets.readCsv(bytes(csv), null, "subject")));
    }

    @Test
    void aFileThatIsNoWorkbookIsRefused() {
        assertEquals("not a readable .xlsx workbook", refusal(() -> Sheets.readXlsx(bytes("subject\nS\n"),
                "subject")));
        assertEquals("not a readable .xlsx workbook", refusal(() -> Sheets.readXlsx(new byte[0], "subject")));
    }

    private static byte[] rows(int n) throws IOException {
        return workbook(new SXSSFWorkbook(100), sheet -> {
            Row h = sheet.createRow(0);
            h.createCell(0).setCellValue("subject");
            h.createCell(1).setCellValue("value");
            for (int i = 1; i <= n; i++) {
                Row r = sheet.createRow(i);
                r.createCell(0).setCellValue("S" + i % 60);
                r.createCell(1).setCellValue(i % 100);
            }
        });
    }

    private static byte[] workbook(Workbook wb, Consumer<Sheet> fill) throws IOException {
        try (wb; ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            fill.accept(wb.createSheet("v"));
            wb.write(out);
            return out.toByteArray();
        }
    }

    private static byte[] bytes(CharSequence text) {
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String refusal(Runnable read) {
        InvalidInputException e = assertThrows(InvalidInputException.class, read::run);
        return e.violations().get(0).message();
    }
}
