package io.jixiao.kit.sheets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.jixiao.kit.problem.ProblemException;
import io.jixiao.kit.problem.ProblemException.InvalidInputException;
import io.jixiao.kit.problem.ProblemException.UnsupportedMediaTypeException;

/**
 * A CSV file saved by Excel or WPS on a Chinese Windows ("CSV (逗号分隔)") is GBK, not UTF-8. Read as UTF-8, its
 * Chinese text turned into replacement characters, and was stored so.
 */
class SheetsCharsetTest {

    private static final String FILE = "project,amount,note\nP-1,100.50,第一季度设备采购\nP-2,7,培训费（含差旅）\n";

    @Test
    void aGbkFileIsReadAsGbkWhetherItSaysSoOrNot() {
        byte[] gbk = FILE.getBytes(Charset.forName("GBK"));
        for (String type : new String[]{null, "text/csv", "text/csv; charset=GBK", "text/csv;charset=\"gb2312\"",
                "text/csv; charset=GB18030"}) {
            List<Sheets.Line> lines = Sheets.readCsv(gbk, type, "project");
            assertEquals("第一季度设备采购", lines.get(0).get("note"), type);
            assertEquals("培训费（含差旅）", lines.get(1).get("note"), type);
        }
    }

    @Test
    void utf8IsReadAsItWasWithOrWithoutItsByteOrderMark() {
        byte[] utf8 = FILE.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream bom = new ByteArrayOutputStream();
        bom.writeBytes(new byte[]{(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        bom.writeBytes(utf8);
        for (byte[] file : List.of(utf8, bom.toByteArray())) {
            for (String type : new String[]{null, "text/csv; charset=utf-8", "text/csv; Charset=UTF-8"}) {
                assertEquals(FILE.substring(FILE.indexOf('\n') + 1).replace("\n", ""), String.join("", Sheets
                        .readCsv(file, type, "project").stream().map(l -> String.join(",", l.cells().values()))
                        .toList()), type);
            }
        }
        assertEquals(FILE, Sheets.csvText(bom.toByteArray(), null));
        // a file in a charset it declares, which is neither of the two guessed
        assertEquals("培训费", Sheets.readCsv("project,note\nP,培训费\n".getBytes(StandardCharsets.UTF_16),
                "text/csv; charset=UTF-16", "project").get(0).get("note"));
    }

    @Test
    void bytesThatAreNotTextInTheCharsetAreRefusedNamingTheirLine() {
        byte[] gbk = FILE.getBytes(Charset.forName("GBK"));
        assertEquals("file: line 2 is not UTF-8 text, as the Content-Type says",
                refusal(() -> Sheets.readCsv(gbk, "text/csv; charset=UTF-8", "project")));
        byte[] neither = concat("project,note\nP-1,ok\nP-2,".getBytes(StandardCharsets.US_ASCII),
                new byte[]{(byte) 0xFF, (byte) 0xFF}, "\n".getBytes(StandardCharsets.US_ASCII));
        assertEquals("file: line 3 is not UTF-8 or GB18030 (GBK) text",
                refusal(() -> Sheets.readCsv(neither, null, "project")));
    }

    @Test
    void aCharsetThisServiceDoesNotKnowIsA415() {
        for (String type : new String[]{"text/csv; charset=x-no-such-charset", "text/csv; charset=\"a b\""}) {
            ProblemException e = assertThrows(UnsupportedMediaTypeException.class,
                    () -> Sheets.readCsv(FILE.getBytes(StandardCharsets.UTF_8), type, "project"));
            assertEquals(415, e.status());
        }
    }

    private static String refusal(Runnable read) {
        return assertThrows(InvalidInputException.class, read::run).getMessage();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
