package io.jixiao.budget.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.jixiao.kit.sheets.Sheets;
import io.jixiao.testsupport.EventSamples;
import io.jixiao.testsupport.Eventually;
import io.jixiao.testsupport.JixiaoTestResource;
import io.jixiao.testsupport.TestDb;
import io.jixiao.testsupport.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
@QuarkusTestResource(JixiaoTestResource.class)
class RulesImportExportApiTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    EntityManager em;

    long count(String sql, Object... params) {
        return TestDb.count(em, sql, params);
    }

    String subject() {
        // active at all times: the tests keep their projects apart by year, back to 2019
        return TestDb.registeredSubject(em, bootstrap, "R", "activeFrom", null);
    }

    String project(String s, int year, String amount) {
        return given().auth().oauth2(TestTokens.finance()).contentType(ContentType.JSON)
                .body("{\"subject\":\"" + s + "\",\"fiscalYear\":" + year
                        + ",\"category\":\"GENERAL\",\"name\":\"街道项目\","
                        + "\"approvedAmount\":" + amount + "}")
                .post("/api/v1/budget/projects").then().statusCode(201).extract().path("id");
    }

    static Map<String, Object> rules(List<Map<String, Object>> bands) {
        return Map.of("gradeAdjustment", Map.of("EXCELLENT", 0, "GOOD", 0, "PASS", -10, "FAIL", -30),
                "excellentCeiling", 10, "cancelAfterFailYears", 0, "politicalThreshold", 60, "politicalPenalty", -10,
                "livelihoodMaxCut", 10, "bands", bands);
    }

    @Test
    void aNewRuleVersionWithScoreBandsDrivesTheRecomputeAndOverlappingBandsAreRefused() {
        String s = subject();
        String p = project(s, 2021, "1000000");
        given().auth().oauth2(TestTokens.finance()).contentType(ContentType.JSON)
                .body(rules(List.of(Map.of("from", 0, "to", 40, "adjustment", -89.16),
                        Map.of("from", 30, "to", 60, "adjustment", -30))))
                .post("/api/v1/budget/rules/2021").then().statusCode(422)
                .body("detail", org.hamcrest.Matchers.containsString("overlap"));
        given().auth().oauth2(TestTokens.department(s)).contentType(ContentType.JSON).body(rules(List.of()))
                .post("/api/v1/budget/rules/2021").then().statusCode(403);
        // percentages are kept to 2 decimals and paces to 4: more is refused, not rounded where nobody sees it
        given().auth().oauth2(TestTokens.finance()).contentType(ContentType.JSON)
                .body(rules(List.of(Map.of("from", 0, "to", 40, "adjustment", -89.165))))
                .post("/api/v1/budget/rules/2021").then().statusCode(400)
                .body("violations[0].field", equalTo("bands[0].adjustment"));
        Map<String, Object> paced = new java.util.HashMap<>(rules(List.of()));
        paced.put("monitoring", Map.of("redPace", 0.50001, "yellowPace", 0.8, "redGoal", 60, "yellowGoal", 75));
        given().auth().oauth2(TestTokens.finance()).contentType(ContentType.JSON).body(paced)
                .post("/api/v1/budget/rules/2021").then().statusCode(400)
                .body("violations[0].field", equalTo("monitoring.redPace"));
        assertEquals(0, count("select count(*) from rule_table where fiscal_year = 2021"));
        given().auth().oauth2(TestTokens.finance()).contentType(ContentType.JSON)
                .body(rules(List.of(Map.of("from", 0, "to", 40, "adjustment", -89.16))))
                .post("/api/v1/budget/rules/2021").then().statusCode(201).body("version", equalTo(1));

        String type = "jixiao.evaluation.result.finalized.v1";
        EventSamples.send(bootstrap, "jixiao.evaluation.events", type, s, EventSamples.with(type, "subject", s,
                "period", "2021", "grade", "FAIL", "composite", 35), UUID.randomUUID());
        Eventually.until("proposal", Duration.ofSeconds(30),
                () -> count("select count(*) from proposal where project_id = cast(?1 as uuid)", p) == 1);
        // a street-level cut of 89.16% (source paper 000): 1,000,000.00 → 108,400.00
        given().auth().oauth2(TestTokens.finance()).queryParam("year", 2022).queryParam("subject", s)
                .get("/api/v1/budget/proposals").then().statusCode(200).body("items[0].proposed", equalTo(108400.00f))
                .body("items[0].rule", equalTo("BAND_0_40")).body("items[0].ruleTableVersion", equalTo(1));

        // a second version without the band; the recompute applies it and keeps the history of versions
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(rules(List.of()))
                .post("/api/v1/budget/rules/2021").then().statusCode(201).body("version", equalTo(2));
        // a refusal names the query parameter as the caller wrote it (it said "year", the Java parameter)
        given().auth().oauth2(TestTokens.finance()).queryParam("basedOnYear", 1999)
                .post("/api/v1/budget/proposals/recompute").then().statusCode(400)
                .body("violations[0].field", equalTo("basedOnYear"));
        given().auth().oauth2(TestTokens.finance()).queryParam("basedOnYear", 2021)
                .post("/api/v1/budget/proposals/recompute").then().statusCode(200);
        given().auth().oauth2(TestTokens.finance()).queryParam("year", 2022).queryParam("subject", s)
                .get("/api/v1/budget/proposals").then().statusCode(200).body("items[0].proposed", equalTo(700000.00f))
                .body("items[0].ruleTableVersion", equalTo(2));
        given().auth().oauth2(TestTokens.finance()).get("/api/v1/budget/rules/2021/versions").then().statusCode(200)
                .body("version", equalTo(List.of(1, 2)));
    }

    /** A year without a table of its own answers the standard one, whose stored rules have no bands: none, not null. */
    @Test
    void theStandardTableAnswersItsBandsAsAnEmptyList() {
        given().auth().oauth2(TestTokens.finance()).get("/api/v1/budget/rules/2099").then().statusCode(200)
                .body("fiscalYear", equalTo(0)).body("rules.bands", equalTo(List.of()))
                .body("rules.monitoring", org.hamcrest.Matchers.nullValue());
    }

    /**
     * Excel and WPS on a Chinese Windows save "CSV (逗号分隔)" as GBK. Such a file's notes were read as UTF-8 and
     * stored as replacement characters. Now they are read as GB18030 when the bytes are not UTF-8, or in the charset
     * the request names; bytes that are neither, or a charset the service does not know, are refused and write nothing.
     */
    @Test
    void aSpendingFileSavedAsGbkKeepsItsChineseNotes() {
        String p = project(subject(), 2026, "1000");
        String csv = "project,amount,spentOn,note\n" + p + ",100.50,2026-02-01,第一季度设备采购\n" + p
                + ",20,2026-02-02,培训费（含差旅）\n";
        byte[] gbk = csv.getBytes(java.nio.charset.Charset.forName("GBK"));
        for (String type : List.of("text/csv", "text/csv; charset=GBK")) {
            given().auth().oauth2(TestTokens.finance()).contentType(type).body(gbk)
                    .post("/api/v1/budget/executions/import").then().statusCode(200).body("accepted", equalTo(2));
        }
        assertEquals(2, count("select count(*) from execution where project_id = cast(?1 as uuid) and note = ?2", p,
                "第一季度设备采购"));
        assertEquals(2, count("select count(*) from execution where project_id = cast(?1 as uuid) and note = ?2", p,
                "培训费（含差旅）"));

        given().auth().oauth2(TestTokens.finance()).contentType("text/csv; charset=UTF-8").body(gbk)
                .post("/api/v1/budget/executions/import").then().statusCode(400)
                .contentType("application/problem+json").body("violations[0].field", equalTo("file"))
                .body("violations[0].message", equalTo("line 2 is not UTF-8 text, as the Content-Type says"));
        given().auth().oauth2(TestTokens.finance()).contentType("text/csv; charset=x-no-such-charset").body(gbk)
                .post("/api/v1/budget/executions/import").then().statusCode(415)
                .contentType("application/problem+json").body("detail", containsString("x-no-such-charset"));
        assertEquals(4, count("select count(*) from execution where project_id = cast(?1 as uuid)", p));
    }

    /**
     * A spreadsheet saved as CSV writes each cell as it is shown: in China a date as 2026/2/1 or 2026年3月5日, an
     * accounting amount as ¥1,234.50, a yes as 是. Those were refused (the date with Java's parse message, on the row
     * rather than the column), and an overspend that was not the word "true" was recorded as no overspend, whatever it
     * said. Now they are read, and what is none of the forms is refused naming its column.
     */
    @Test
    void aSpendingFileAsASpreadsheetWritesItInChinaIsReadAndAnUnclearOverspendIsRefused() {
        String p = project(subject(), 2026, "100000");
        String csv = "project,amount,spentOn,note,overspend\n" + p + ",\"¥1,234.50\",2026/2/1,设备,否\n" + p
                + ",\"2,000\",2026年3月5日,追加,是\n" + p + ",7,2026-04-01 0:00,,TRUE\n";
        given().auth().oauth2(TestTokens.finance()).contentType("text/csv")
                .body(csv.getBytes(java.nio.charset.StandardCharsets.UTF_8)).post("/api/v1/budget/executions/import")
                .then().statusCode(200).body("accepted", equalTo(3));
        assertEquals(1, count("select count(*) from execution where project_id = cast(?1 as uuid) and amount = 1234.50 "
                + "and spent_on = date '2026-02-01' and not overspend", p));
        assertEquals(1, count("select count(*) from execution where project_id = cast(?1 as uuid) and amount = 2000 "
                + "and spent_on = date '2026-03-05' and overspend", p));
        assertEquals(1, count("select count(*) from execution where project_id = cast(?1 as uuid) and amount = 7 "
                + "and spent_on = date '2026-04-01' and overspend", p));

        String bad = "project,amount,spentOn,overspend\n" + p + ",10,2026/5/1,maybe\n" + p + ",10,5/1/2026,\n" + p
                + ",\"85,5\",2026/5/1,\n" + "P-1,10,2026/5/1,\n";
        given().auth().oauth2(TestTokens.finance()).contentType("text/csv").body(bad)
                .post("/api/v1/budget/executions/import").then().statusCode(400)
                .body("violations.field", equalTo(List.of("rows[2].overspend", "rows[3].spentOn", "rows[4].amount",
                        "rows[5].project")))
                .body("violations[1].message", containsString("2026/2/1"))
                .body("detail", not(containsString("Text '")));
        assertEquals(3, count("select count(*) from execution where project_id = cast(?1 as uuid)", p));
        // the same rules for a JSON row
        given().auth().oauth2(TestTokens.finance()).contentType(ContentType.JSON)
                .body(List.of(Map.of("project", p, "amount", 5, "spentOn", "2026-06-01", "overspend", "perhaps")))
                .post("/api/v1/budget/executions/import").then().statusCode(400)
                .body("violations[0].field", equalTo("rows[0].overspend"));
        assertEquals(3, count("select count(*) from execution where project_id = cast(?1 as uuid)", p));
    }

    /**
     * A finance system's spending file sent again after a lost answer, with its {@code Idempotency-Key}: the first
     * report comes back and nothing is recorded twice. Another file under the same key is refused and writes nothing.
     * Without the key, the same file is a second set of spending.
     */
    @Test
    void aSpendingFileSentAgainWithItsIdempotencyKeyIsRecordedOnce() {
        String p = project(subject(), 2026, "1000");
        String csv = "project,amount,spentOn,note\n" + p + ",100.50,2026-02-01,首笔拨付\n" + p + ",20,2026-02-02,\n";
        String key = UUID.randomUUID().toString();
        String system = TestTokens.system("finance-system");
        String first = given().auth().oauth2(system).header("Idempotency-Key", key).contentType("text/csv").body(csv)
                .post("/api/v1/budget/executions/import").then().statusCode(200).body("accepted", equalTo(2))
                .extract().asString();
        String again = given().auth().oauth2(system).header("Idempotency-Key", key).contentType("text/csv")
                .body(csv).post("/api/v1/budget/executions/import").then().statusCode(200).extract().asString();
        assertEquals(first, again);
        assertEquals(2, count("select count(*) from execution where project_id = cast(?1 as uuid)", p));

        // the same key with another file, as CSV or as a workbook: 422, nothing written
        given().auth().oauth2(system).header("Idempotency-Key", key).contentType("text/csv")
                .body(csv.replace("100.50", "100.51")).post("/api/v1/budget/executions/import").then()
                .statusCode(422).contentType("application/problem+json");
        byte[] xlsx = Sheets.writeXlsx("spending", List.of("project", "amount", "spentOn"),
                List.of(List.of(p, new java.math.BigDecimal("5"), java.time.LocalDate.of(2026, 3, 1))));
        given().auth().oauth2(system).header("Idempotency-Key", key).contentType(Sheets.XLSX).body(xlsx)
                .post("/api/v1/budget/executions/import").then().statusCode(422);
        assertEquals(2, count("select count(*) from execution where project_id = cast(?1 as uuid)", p));

        // the workbook under its own key, twice; the JSON form likewise; and the CSV again without a key
        String book = UUID.randomUUID().toString();
        for (int i = 0; i < 2; i++) {
            given().auth().oauth2(system).header("Idempotency-Key", book).contentType(Sheets.XLSX).body(xlsx)
                    .post("/api/v1/budget/executions/import").then().statusCode(200).body("accepted", equalTo(1));
        }
        String rows = UUID.randomUUID().toString();
        for (int i = 0; i < 2; i++) {
            given().auth().oauth2(system).header("Idempotency-Key", rows).contentType(ContentType.JSON)
                    .body(List.of(Map.of("project", p, "amount", 7, "spentOn", "2026-04-01")))
                    .post("/api/v1/budget/executions/import").then().statusCode(200).body("accepted", equalTo(1));
        }
        assertEquals(4, count("select count(*) from execution where project_id = cast(?1 as uuid)", p));
        given().auth().oauth2(system).contentType("text/csv").body(csv).post("/api/v1/budget/executions/import")
                .then().statusCode(200);
        assertEquals(6, count("select count(*) from execution where project_id = cast(?1 as uuid)", p));
    }

    @Test
    void anImportIsAllOrNothingWithAPerRowReportUnlessPartial() throws Exception {
        String s = subject();
        String p = project(s, 2026, "1000");
        String csv = "project,amount,spentOn,note\n" + p + ",100.50,2026-02-01,首笔拨付\n" + p + ",abc,2026-02-02,\n"
                + p + ",2000,2026-02-03,超支\n" + UUID.randomUUID() + ",1,2026-02-04,\n";
        given().auth().oauth2(TestTokens.system("finance-system")).contentType("text/csv").body(csv)
                .post("/api/v1/budget/executions/import").then().statusCode(400)
                .body("violations.field", hasItem("rows[3].amount")).body("violations.field", hasItem("rows[4].amount"))
                .body("violations.size()", equalTo(3));
        assertEquals(0, count("select count(*) from execution where project_id = cast(?1 as uuid)", p));
        given().auth().oauth2(TestTokens.system("finance-system")).contentType("text/csv").body(csv)
                .queryParam("partial", true).post("/api/v1/budget/executions/import").then().statusCode(200)
                .body("rows", equalTo(4)).body("accepted", equalTo(1)).body("rejected.size()", equalTo(3));
        assertEquals(1, count("select count(*) from execution where project_id = cast(?1 as uuid)", p));

        byte[] xlsx = Sheets.writeXlsx("spending", List.of("project", "amount", "spentOn", "note"),
                List.of(List.of(p, new java.math.BigDecimal("200"), java.time.LocalDate.of(2026, 3, 1), "二笔")));
        given().auth().oauth2(TestTokens.finance()).contentType(Sheets.XLSX).body(xlsx)
                .post("/api/v1/budget/executions/import").then().statusCode(200).body("accepted", equalTo(1));
        given().auth().oauth2(TestTokens.department(s)).contentType("text/csv").body(csv)
                .post("/api/v1/budget/executions/import").then().statusCode(403);
        given().auth().oauth2(TestTokens.finance()).contentType(Sheets.XLSX).body("not a workbook".getBytes())
                .post("/api/v1/budget/executions/import").then().statusCode(400);
        // a file without the needed columns, or with no rows, is refused as a whole, not as zero rows imported
        given().auth().oauth2(TestTokens.finance()).contentType("text/csv").body("project;amount\n" + p + ";5\n")
                .post("/api/v1/budget/executions/import").then().statusCode(400)
                .body("violations[0].field", equalTo("file"))
                .body("violations[0].message", containsString("project, amount, spentOn"));
        given().auth().oauth2(TestTokens.finance()).contentType("text/csv").body("project,amount,spentOn\n")
                .post("/api/v1/budget/executions/import").then().statusCode(400);
        // an overspend past what an amount column holds was accepted and then refused by PostgreSQL at commit
        given().auth().oauth2(TestTokens.finance()).contentType("text/csv")
                .body("project,amount,spentOn,overspend\n" + p + ",1E+30,2026-02-05,true\n")
                .post("/api/v1/budget/executions/import").then().statusCode(400)
                .body("violations[0].field", equalTo("rows[2].amount"))
                .body("violations[0].message", containsString("999999999999999.99"));
        assertEquals(2, count("select count(*) from execution where project_id = cast(?1 as uuid)", p));
    }

    @Test
    void proposalsExportToAWorkbook() throws Exception {
        String s = subject();
        project(s, 2019, "500000");
        String type = "jixiao.evaluation.result.finalized.v1";
        EventSamples.send(bootstrap, "jixiao.evaluation.events", type, s, EventSamples.with(type, "subject", s,
                "period", "2019", "grade", "PASS", "composite", 70), UUID.randomUUID());
        Eventually.until("proposal", Duration.ofSeconds(30),
                () -> count("select count(*) from proposal where subject_code = ?1", s) == 1);
        byte[] file = given().auth().oauth2(TestTokens.finance()).queryParam("year", 2020)
                .get("/api/v1/budget/proposals/export").then().statusCode(200).contentType(Sheets.XLSX).extract()
                .asByteArray();
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(file))) {
            var sheet = wb.getSheetAt(0);
            assertEquals("建议金额 proposed", sheet.getRow(0).getCell(5).getStringCellValue());
            boolean found = false;
            for (var row : sheet) {
                if (s.equals(row.getCell(0).getStringCellValue())) {
                    assertEquals(450000.0, row.getCell(5).getNumericCellValue());
                    found = true;
                }
            }
            assertEquals(true, found);
        }
    }
}
