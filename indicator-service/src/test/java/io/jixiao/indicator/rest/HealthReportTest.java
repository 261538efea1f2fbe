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
        List<Map<String, Object>> league = given().auth().oauth2(TestTokens.superior("mayor"))
                .get("/api/v1/scorecards/2026/league").then().statusCode(200).extract().path("");
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
    }
}
