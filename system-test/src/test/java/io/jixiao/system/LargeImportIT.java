package io.jixiao.system;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.jixiao.testsupport.TestTokens;
import io.restassured.response.Response;

/**
 * The largest file a value import takes, read by the packaged indicator-service in the heap it runs with here and in
 * the local run (256 MB). Read into a workbook object, 100,000 rows of .xlsx (1.4 MB on the wire) took more than that
 * heap: the upload answered 500 with an OutOfMemoryError. The kit now streams the sheet.
 */
class LargeImportIT {

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    @BeforeAll
    static void suite() {
        Suite.atGateway();
    }

    @Test
    void aWorkbookOfAHundredThousandRowsIsReadWithinTheServicesHeap() throws IOException {
        String admin = TestTokens.admin();
        String job = given().auth().oauth2(admin).contentType(XLSX).body(workbook(100_000))
                .post("/api/v1/values/import").then().statusCode(202).body("rows", equalTo(100_000)).extract()
                .path("id");
        Response done = ThinSliceIT.until(Duration.ofMinutes(2),
                () -> given().auth().oauth2(admin).get("/api/v1/values/imports/{id}", job),
                r -> !List.of("QUEUED", "CHECKING", "WRITING").contains(r.<String>path("status")));
        // every row names a subject that does not exist: each is checked and refused, none written
        assertEquals("REJECTED", done.path("status"), done.asString());
        assertEquals(100_000, (int) done.path("checked"));
        assertEquals(0, (int) done.path("written"));
        given().auth().oauth2(admin).get("/api/v1/subjects").then().statusCode(200);
    }

    /** A minimal .xlsx, as small generators write one: inline strings, no styles, no shared strings. */
    static byte[] workbook(int rows) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            put(zip, "[Content_Types].xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas"
                    + ".openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\""
                    + "application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" "
                    + "ContentType=\"application/xml\"/><Override PartName=\"/xl/workbook.xml\" ContentType=\""
                    + "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/><Override "
                    + "PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-"
                    + "officedocument.spreadsheetml.worksheet+xml\"/></Types>");
            put(zip, "_rels/.rels", relationships("officeDocument", "xl/workbook.xml"));
            put(zip, "xl/workbook.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook xmlns=\"http://schemas"
                    + ".openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/"
                    + "officeDocument/2006/relationships\"><sheets><sheet name=\"values\" sheetId=\"1\" r:id=\"rId1\""
                    + "/></sheets></workbook>");
            put(zip, "xl/_rels/workbook.xml.rels", relationships("worksheet", "worksheets/sheet1.xml"));
            zip.putNextEntry(new ZipEntry("xl/worksheets/sheet1.xml"));
            StringBuilder sheet = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\""
                    + "http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>");
            sheet.append(row(1, "subject", "indicator", "period", null));
            for (int r = 2; r <= rows + 1; r++) {
                sheet.append(row(r, "NO-SUCH-SUBJECT", "NO-SUCH-INDICATOR", "2026-" + (r % 9 + 1), r % 100));
                if (sheet.length() > 1 << 20) {
                    zip.write(sheet.toString().getBytes(StandardCharsets.UTF_8));
                    sheet.setLength(0);
                }
            }
            sheet.append("</sheetData></worksheet>");
            zip.write(sheet.toString().getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }

    private static String row(int r, String a, String b, String c, Integer value) {
        return "<row r=\"" + r + "\">" + text("A" + r, a) + text("B" + r, b) + text("C" + r, c)
                + (value == null ? text("D" + r, "value") : "<c r=\"D" + r + "\"><v>" + value + "</v></c>") + "</row>";
    }

    private static String text(String ref, String t) {
        return "<c r=\"" + ref + "\" t=\"inlineStr\"><is><t>" + t + "</t></is></c>";
    }

    private static String relationships(String type, String target) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/"
                + "package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/"
                + "officeDocument/2006/relationships/" + type + "\" Target=\"" + target + "\"/></Relationships>";
    }

    private static void put(ZipOutputStream zip, String name, String text) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(text.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }
}
