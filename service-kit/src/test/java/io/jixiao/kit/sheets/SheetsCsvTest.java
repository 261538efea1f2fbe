package io.jixiao.kit.sheets;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

class SheetsCsvTest {

    @Test
    void aTextCellThatASpreadsheetWouldRunAsAFormulaIsWrittenAsText() {
        List<List<Object>> rows = List.of(Arrays.asList("=HYPERLINK(\"http://x\")", "+1", "-1", "@SUM(A1)",
                "\t=1+1", "\r=1+1", "plain", new BigDecimal("-3.5"), -2, null));
        String csv = new String(Sheets.writeCsv(List.of("a", "b", "c", "d", "e", "f", "g", "h", "i", "j"), rows),
                StandardCharsets.UTF_8);
        assertEquals("\uFEFFa,b,c,d,e,f,g,h,i,j\r\n"
                + "\"'=HYPERLINK(\"\"http://x\"\")\",'+1,'-1,'@SUM(A1),'\t=1+1,\"'\r=1+1\",plain,-3.5,-2,\r\n", csv);
    }
}
