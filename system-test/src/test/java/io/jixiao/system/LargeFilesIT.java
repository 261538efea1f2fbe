package io.jixiao.system;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.jixiao.testsupport.LocalPostgres;
import io.jixiao.testsupport.TestTokens;
import io.restassured.response.Response;

/**
 * Large files in and out of the packaged services, in the heap they run with here and in the local run (256 MB). Read
 * into a workbook object, 100,000 rows of .xlsx (1.4 MB on the wire) took more than that heap, and so did a survey's
 * 105,000 responses gathered for an export: 500s with an OutOfMemoryError. The kit now streams both ways.
 */
class LargeFilesIT {

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

    @Test
    void aSurveyOfMoreThanAHundredThousandResponsesIsExportedAsCsvAndAsAWorkbook() throws Exception {
        String admin = TestTokens.admin();
        String survey = SurveyLoadBenchmarkIT.openSurvey(SurveyPageIT.subject());
        given().contentType("application/json").header("User-Agent", "large-files")
                .body("{\"group\":\"CITIZEN\",\"durationMs\":42000,\"answers\":[{\"question\":\"q1\",\"value\":4},"
                        + "{\"question\":\"q2\",\"choice\":\"SATISFIED\"}]}")
                .post("/api/v1/public/surveys/{id}/responses", survey).then().statusCode(201);
        // 105,000 more like it, written straight into the survey's table
        LocalPostgres pg = Suite.postgres();
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl("sys_survey"), pg.username(), pg.password());
                PreparedStatement copy = c.prepareStatement("insert into survey_response (id, survey_id,"
                        + " subject_code, period, respondent, channel, fingerprint, duration_ms, score, status, flags,"
                        + " answers, submitted_at) select gen_random_uuid(), survey_id, subject_code, period,"
                        + " respondent, channel, fingerprint, duration_ms, score, status, flags, answers, submitted_at"
                        + " - g * interval '1 second' from survey_response, generate_series(1, 105000) g where"
                        + " survey_id = ?::uuid")) {
            copy.setString(1, survey);
            assertEquals(105_000, copy.executeUpdate());
        }
        byte[] csv = given().auth().oauth2(admin).queryParam("format", "csv")
                .get("/api/v1/surveys/{id}/responses/export", survey).then().statusCode(200).extract()
                .asByteArray();
        assertEquals(1 + 105_001, new String(csv, StandardCharsets.UTF_8).split("\r\n").length);
        byte[] xlsx = given().auth().oauth2(admin).queryParam("format", "xlsx")
                .get("/api/v1/surveys/{id}/responses/export", survey).then().statusCode(200)
                .contentType(XLSX).extract().asByteArray();
        java.nio.file.Path file = java.nio.file.Files.createTempFile("export", ".xlsx");
        int rows;
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(java.nio.file.Files.write(file, xlsx).toFile())) {
            String sheet = new String(zip.getInputStream(zip.getEntry("xl/worksheets/sheet1.xml")).readAllBytes(),
                    StandardCharsets.UTF_8);
            rows = sheet.split("<row ", -1).length - 1;
        } finally {
            java.nio.file.Files.delete(file);
        }
        assertEquals(1 + 105_001, rows);
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
