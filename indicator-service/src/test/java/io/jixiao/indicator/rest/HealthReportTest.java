package io.jixiao.indicator.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

import io.jixiao.testsupport.JixiaoTestResource;
import io.jixiao.testsupport.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** A subject's health report (radar, change against last year, weakest indicators, lights) and the league table. */
@QuarkusTest
@QuarkusTestResource(JixiaoTestResource.class)
class HealthReportTest {

    static void report(String dept, String ind, String period, double value) {
        given().auth().oauth2(TestTokens.department(dept)).contentType(ContentType.JSON)
                .body(Map.of("subject", dept, "indicator", ind, "period", period, "value", value))
                .post("/api/v1/values").then().statusCode(201);
    }

    /** A number of the answer as the exact decimal it was written as (not through a float). */
    static BigDecimal dec(Response r, String path) {
        return r.jsonPath(io.restassured.path.json.config.JsonPathConfig.jsonPathConfig()
                .numberReturnType(io.restassured.path.json.config.JsonPathConfig.NumberReturnType.BIG_DECIMAL))
                .getObject(path, BigDecimal.class);
    }

    @Test
    void theReportComparesWithLastYearAndNamesTheWeakestIndicators() throws Exception {
        String dept = IndicatorApiTest.unique("H");
        String fin = IndicatorApiTest.unique("F");
        String pub = IndicatorApiTest.unique("P");
        String lrn = IndicatorApiTest.unique("L");
        IndicatorApiTest.subject(dept);
        IndicatorApiTest.indicator(fin, "FINANCIAL", 80, dept);
        IndicatorApiTest.indicator(pub, "PUBLIC", 100, dept);
        IndicatorApiTest.indicator(lrn, "LEARNING", 10, dept);
        // 2025: 40/80 → 50, 60/100 → 60; 2026: 72/80 → 90, 90/100 → 90; the learning indicator is never reported
        report(dept, fin, "2025", 40);
        report(dept, pub, "2025", 60);
        report(dept, fin, "2026", 72);
        report(dept, pub, "2026", 90);

        Response r = given().auth().oauth2(TestTokens.department(dept)).get("/api/v1/subjects/{c}/health/2026", dept);
        r.then().statusCode(200).body("previousPeriod", equalTo("2025"))
                .body("weakest[0].indicator", equalTo(lrn)).body("weakest[0].status", equalTo("MISSING"))
                .body("weakest[1].indicator", equalTo(fin)).body("missing", equalTo(1))
                .body("completeness.reported", equalTo(2));
        assertEquals(0, dec(r, "dimensions.FINANCIAL").compareTo(new BigDecimal(90)));
        assertEquals(0, dec(r, "change.FINANCIAL").compareTo(new BigDecimal(40)));
        assertEquals(0, dec(r, "change.PUBLIC").compareTo(new BigDecimal(30)));
        assertEquals(0, dec(r, "totalChange").compareTo(dec(r, "total").subtract(dec(r, "previousTotal"))));
        assertTrue(dec(r, "totalChange").signum() > 0);

        given().auth().oauth2(TestTokens.department("OTHER")).get("/api/v1/subjects/{c}/health/2026", dept).then()
                .statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(TestTokens.admin()).get("/api/v1/subjects/NOPE-X/health/2026").then().statusCode(404);
        given().auth().oauth2(TestTokens.admin()).get("/api/v1/subjects/{c}/health/26", dept).then().statusCode(400);

        // the league of 2026 ranks it among the stored scorecards, as JSON and as an Excel sheet
        List<Map<String, Object>> league = wholeLeague(TestTokens.superior("mayor"), "2026");
        Map<String, Object> row = league.stream().filter(m -> dept.equals(m.get("subject"))).findFirst().orElseThrow();
        assertEquals("测试局" + dept, row.get("nameZh"));
        for (int i = 1; i < league.size(); i++) {
            assertTrue((int) league.get(i).get("rank") >= (int) league.get(i - 1).get("rank"), "ranked best first");
        }
        byte[] xlsx = given().auth().oauth2(TestTokens.admin()).get("/api/v1/scorecards/2026/league?format=xlsx")
                .then().statusCode(200).contentType(io.jixiao.kit.sheets.Sheets.XLSX).extract().asByteArray();
        try (var wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            DataFormatter f = new DataFormatter();
            boolean found = false;
            for (Row x : wb.getSheetAt(0)) {
                found |= dept.equals(f.formatCellValue(x.getCell(1)));
            }
            assertTrue(found, "the subject is a row of the sheet");
            assertEquals("名次 Rank", f.formatCellValue(wb.getSheetAt(0).getRow(0).getCell(0)));
        }
        given().auth().oauth2(TestTokens.admin()).get("/api/v1/scorecards/2026/league?format=pdf").then()
                .statusCode(400);
        given().auth().oauth2(TestTokens.department(dept)).get("/api/v1/scorecards/2026/league").then()
                .statusCode(403);
        given().auth().oauth2(TestTokens.admin()).get("/api/v1/scorecards/2026/league?size=101").then()
                .statusCode(400).body("violations[0].field", equalTo("size"));
        given().auth().oauth2(TestTokens.admin()).get("/api/v1/scorecards/2026/league?page=-1&format=xlsx").then()
                .statusCode(400).body("violations[0].field", equalTo("page"));
    }

    /**
     * The periods with scores, the latest first, for a portal to open on: every subject's for the office, and for a
     * department only its own (another department's year is not in its list).
     */
    @Test
    void thePeriodsWithScoresAreListedTheLatestFirstAndADepartmentSeesItsOwn() {
        String a = IndicatorApiTest.unique("Y");
        String b = IndicatorApiTest.unique("Y");
        String ind = IndicatorApiTest.unique("F");
        IndicatorApiTest.subject(a);
        IndicatorApiTest.subject(b);
        QualityFlagTest.quantitative(ind, "FINANCIAL", 80, a, b);
        report(a, ind, "2011", 40);
        report(a, ind, "2012", 60);
        report(b, ind, "2012", 70);

        given().auth().oauth2(TestTokens.department(a)).get("/api/v1/periods").then().statusCode(200)
                .body("period", equalTo(List.of("2012", "2011"))).body("scorecards", equalTo(List.of(1, 1)));
        given().auth().oauth2(TestTokens.department(b)).get("/api/v1/periods").then().statusCode(200)
                .body("period", equalTo(List.of("2012")));
        given().auth().oauth2(TestTokens.department(IndicatorApiTest.unique("Y"))).get("/api/v1/periods").then()
                .statusCode(200).body("", equalTo(List.of()));

        List<Map<String, Object>> all = given().auth().oauth2(TestTokens.superior("mayor")).get("/api/v1/periods")
                .then().statusCode(200).extract().path("");
        List<String> periods = all.stream().map(m -> (String) m.get("period")).toList();
        assertEquals(periods.stream().sorted(java.util.Comparator.reverseOrder()).toList(), periods, "latest first");
        assertTrue(periods.containsAll(List.of("2026", "2012", "2011")), periods.toString());
        Map<String, Object> y2012 = all.stream().filter(m -> "2012".equals(m.get("period"))).findFirst().orElseThrow();
        assertTrue((int) y2012.get("scorecards") >= 2, "both departments' scorecards of 2012 are counted: " + y2012);
        given().get("/api/v1/periods").then().statusCode(401);
    }

    /** Every page of a period's league table at the largest size, each page agreeing on the total. */
    static List<Map<String, Object>> wholeLeague(String token, String period) {
        List<Map<String, Object>> all = new java.util.ArrayList<>();
        for (int page = 0;; page++) {
            Response r = given().auth().oauth2(token).queryParam("page", page).queryParam("size", 100)
                    .get("/api/v1/scorecards/{p}/league", period);
            r.then().statusCode(200).body("page", equalTo(page)).body("size", equalTo(100));
            List<Map<String, Object>> items = r.path("items");
            all.addAll(items);
            if (items.isEmpty() || all.size() >= r.<Integer>path("totalItems")) {
                assertEquals(r.<Integer>path("totalItems"), all.size(), "the pages hold the whole table");
                return all;
            }
        }
    }

    /**
     * DESIGN 3: ranks are decided on the total rounded half-up to 2 decimals, the number people see. 85.936 and 85.944
     * both show 85.94 and share a rank; 85.93 comes after them (1, 1, 3). The workbook shows the numbers so.
     */
    @Test
    void theLeagueRanksOnTheTotalAsShownAndTheWorkbookShowsIt() throws Exception {
        String period = "2038";
        Map<String, Double> values = new java.util.LinkedHashMap<>();
        values.put(IndicatorApiTest.unique("RZ"), 85.93);
        values.put(IndicatorApiTest.unique("RX"), 85.936);
        values.put(IndicatorApiTest.unique("RY"), 85.944);
        for (Map.Entry<String, Double> e : values.entrySet()) {
            String ind = e.getKey() + "-I";
            IndicatorApiTest.subject(e.getKey());
            IndicatorApiTest.indicator(ind, "PROCESS", 100, e.getKey());
            report(e.getKey(), ind, period, e.getValue());
        }
        List<String> codes = List.copyOf(values.keySet());
        String z = codes.get(0);
        String x = codes.get(1);
        String y = codes.get(2);
        Response r = given().auth().oauth2(TestTokens.admin()).queryParam("size", 100)
                .get("/api/v1/scorecards/{p}/league", period);
        r.then().statusCode(200).body("totalItems", equalTo(r.<List<?>>path("items").size()));
        List<String> order = r.path("items.subject");
        int first = order.indexOf(x);
        assertEquals(List.of(x, y, z), order.subList(first, first + 3), "the tie listed by code, then the next");
        List<Integer> ranks = r.path("items.rank");
        int rank = ranks.get(first);
        assertEquals(List.of(rank, rank, rank + 2), ranks.subList(first, first + 3), "competition ranking: 1, 1, 3");
        assertEquals(0, dec(r, "items[" + first + "].total").compareTo(new BigDecimal("85.936")),
                "full precision kept");
        assertEquals(new BigDecimal("85.94"), dec(r, "items[" + first + "].shownTotal"));
        assertEquals(new BigDecimal("85.94"), dec(r, "items[" + (first + 1) + "].shownTotal"));
        assertEquals(new BigDecimal("85.93"), dec(r, "items[" + (first + 2) + "].shownTotal"));
        // a page of one row is cut from the ranked table: the tie's second row keeps the shared rank, and the pages
        // count the whole period
        given().auth().oauth2(TestTokens.admin()).queryParam("page", first + 1).queryParam("size", 1)
                .get("/api/v1/scorecards/{p}/league", period).then().statusCode(200)
                .body("items.subject", equalTo(List.of(y))).body("items[0].rank", equalTo(rank))
                .body("totalItems", equalTo(order.size())).body("totalPages", equalTo(order.size()));
        given().auth().oauth2(TestTokens.admin()).queryParam("page", order.size()).queryParam("size", 1)
                .get("/api/v1/scorecards/{p}/league", period).then().statusCode(200)
                .body("items", equalTo(List.of())).body("totalItems", equalTo(order.size()));

        byte[] xlsx = given().auth().oauth2(TestTokens.admin()).get("/api/v1/scorecards/{p}/league?format=xlsx", period)
                .then().statusCode(200).extract().asByteArray();
        try (var wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            DataFormatter f = new DataFormatter();
            Row header = wb.getSheetAt(0).getRow(0);
            assertEquals("总分 Total", f.formatCellValue(header.getCell(3)));
            assertEquals("内部流程 Internal process", f.formatCellValue(header.getCell(9)));
            Row row = null;
            for (Row line : wb.getSheetAt(0)) {
                row = x.equals(f.formatCellValue(line.getCell(1))) ? line : row;
            }
            assertEquals(String.valueOf(rank), f.formatCellValue(row.getCell(0)));
            assertEquals("85.94", f.formatCellValue(row.getCell(3)), "the total as shown, not 85.936");
            assertEquals("良好 GOOD", f.formatCellValue(row.getCell(4)));
            assertEquals("无 NONE", f.formatCellValue(row.getCell(5)));
            assertEquals("85.94", f.formatCellValue(row.getCell(9)), "the dimension as shown");
        }
    }
}
