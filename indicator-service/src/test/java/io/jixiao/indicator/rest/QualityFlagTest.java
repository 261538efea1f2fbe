package io.jixiao.indicator.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import io.jixiao.testsupport.JixiaoTestResource;
import io.jixiao.testsupport.TestDb;
import io.jixiao.testsupport.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * Data-quality flags: SUSPICIOUS_HIGH and OUTLIER values are held (stored, not counted, no event) until an admin
 * accepts them; a ZOMBIE indicator is found by the yearly scan and kept or retired. Departments see only their own.
 */
@QuarkusTest
@QuarkusTestResource(JixiaoTestResource.class)
class QualityFlagTest {

    @Inject
    EntityManager em;

    long rows(String sql, Object... params) {
        return TestDb.count(em, sql, params);
    }

    static void satisfactionIndicator(String code, String dept) {
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("code", code, "nameZh", "群众满意度", "dimension", "PUBLIC", "kind", "QUANTITATIVE",
                        "polarity", "HIGHER_BETTER", "target", 95, "weight", 10, "satisfaction", true, "subjects",
                        List.of(dept)))
                .post("/api/v1/indicators").then().statusCode(201).body("satisfaction", equalTo(true));
    }

    static Response report(String dept, String ind, String period, double value, String reason) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("subject", dept, "indicator", ind, "period", period,
                "value", value));
        if (reason != null) {
            body.put("correctionReason", reason);
        }
        return given().auth().oauth2(TestTokens.department(dept)).contentType(ContentType.JSON).body(body)
                .post("/api/v1/values");
    }

    static Response review(String token, long flag, String decision) {
        return given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("decision", decision, "note", "已核实")).post("/api/v1/quality/flags/{id}/review", flag);
    }

    int reported(String dept, String period) {
        return given().auth().oauth2(TestTokens.admin()).get("/api/v1/subjects/{c}/scorecards/{p}", dept, period)
                .then().statusCode(200).extract().path("completeness.reported");
    }

    long events(String dept, String ind) {
        return rows("select count(*) from outbox_event where event_type = 'jixiao.indicator.value.recorded.v1' and "
                + "payload->>'subject' = ?1 and payload->>'indicator' = ?2", dept, ind);
    }

    @Test
    void aSuspiciouslyHighSatisfactionIsHeldUntilAnAdminAcceptsIt() {
        String dept = IndicatorApiTest.unique("Q");
        String ind = IndicatorApiTest.unique("SAT");
        IndicatorApiTest.subject(dept);
        satisfactionIndicator(ind, dept);
        report(dept, ind, "2026", 92, null).then().statusCode(201).body("value.status", equalTo("COUNTED"))
                .body("flags.size()", equalTo(0));
        assertEquals(1, reported(dept, "2026"));
        assertEquals(1, events(dept, ind));

        // a correction to 99.6: held, the 92 still counts, no event
        int flag = report(dept, ind, "2026", 99.6, "复核后更正").then().statusCode(201)
                .body("value.status", equalTo("HELD")).body("value.current", equalTo(false))
                .body("flags[0].kind", equalTo("SUSPICIOUS_HIGH")).body("flags[0].status", equalTo("OPEN"))
                .body("flags[0].detail", containsString("above 99")).extract().path("flags[0].id");
        assertEquals(1, events(dept, ind));
        given().auth().oauth2(TestTokens.department(dept)).get("/api/v1/subjects/{c}/values?period=2026", dept).then()
                .body("size()", equalTo(1)).body("[0].value", equalTo(92));

        // the department sees its flag; another department neither sees nor reviews it; only an admin reviews
        given().auth().oauth2(TestTokens.department(dept)).get("/api/v1/quality/flags?status=OPEN").then()
                .statusCode(200).body("items.id", hasItem(flag));
        given().auth().oauth2(TestTokens.department("ELSEWHERE")).get("/api/v1/quality/flags").then()
                .statusCode(200).body("items.id", not(hasItem(flag)));
        given().auth().oauth2(TestTokens.department("ELSEWHERE")).get("/api/v1/quality/flags?subject=" + dept).then()
                .statusCode(403);
        given().auth().oauth2(TestTokens.department("ELSEWHERE")).get("/api/v1/quality/flags/{id}", flag).then()
                .statusCode(403);
        given().auth().oauth2(TestTokens.assessor("a", "ORG")).get("/api/v1/quality/flags").then().statusCode(403);
        review(TestTokens.department(dept), flag, "ACCEPT").then().statusCode(403);
        review(TestTokens.system("hall"), flag, "ACCEPT").then().statusCode(403);
        review(TestTokens.admin(), flag, "RETIRE").then().statusCode(422);
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(Map.of("decision", "MAYBE"))
                .post("/api/v1/quality/flags/{id}/review", flag).then().statusCode(400);
        review(TestTokens.admin(), 987654321L, "ACCEPT").then().statusCode(404);
        assertEquals(1, events(dept, ind));

        // accepted: 99.6 counts now, its event carries the reviewed flag
        review(TestTokens.admin(), flag, "ACCEPT").then().statusCode(200).body("status", equalTo("ACCEPTED"))
                .body("reviewedBy", equalTo("admin-1"));
        assertEquals(2, events(dept, ind));
        assertEquals(1, rows("select count(*) from outbox_event where event_type = "
                + "'jixiao.indicator.value.recorded.v1' and payload->>'indicator' = ?1 "
                + "and cast(payload as jsonb)->'flags' @> '[\"SUSPICIOUS_HIGH\"]' and (payload->>'correction')::boolean",
                ind));
        given().auth().oauth2(TestTokens.department(dept)).get("/api/v1/subjects/{c}/values?period=2026", dept).then()
                .body("size()", equalTo(1)).body("[0].value", equalTo(99.6f)).body("[0].status", equalTo("COUNTED"));
        review(TestTokens.admin(), flag, "ACCEPT").then().statusCode(409);
    }

    @Test
    void aRejectedValueNeverCountsAndANewReportWithdrawsAHeldOne() {
        String dept = IndicatorApiTest.unique("R");
        String ind = IndicatorApiTest.unique("SAT");
        IndicatorApiTest.subject(dept);
        satisfactionIndicator(ind, dept);
        int first = report(dept, ind, "2026", 100, null).then().statusCode(201).extract().path("flags[0].id");
        assertEquals(0, reported(dept, "2026"), "held: not counted");
        // reported again before review: the first held value is withdrawn with its flag
        int second = report(dept, ind, "2026", 99.5, null).then().statusCode(201).extract().path("flags[0].id");
        given().auth().oauth2(TestTokens.admin()).get("/api/v1/quality/flags/{id}", first).then()
                .body("status", equalTo("WITHDRAWN"));
        review(TestTokens.admin(), first, "ACCEPT").then().statusCode(409);
        review(TestTokens.admin(), second, "REJECT").then().statusCode(200).body("status", equalTo("REJECTED"));
        assertEquals(0, reported(dept, "2026"));
        assertEquals(0, events(dept, ind));
        assertEquals(1, rows("select count(*) from indicator_value where indicator_code = ?1 and status = "
                + "'REJECTED'", ind));
        assertEquals(1, rows("select count(*) from indicator_value where indicator_code = ?1 and status = "
                + "'WITHDRAWN'", ind));
    }

    @Test
    void aValueFarFromTheSubjectsOwnHistoryIsAnOutlier() {
        String dept = IndicatorApiTest.unique("OL");
        String ind = IndicatorApiTest.unique("OUT");
        IndicatorApiTest.subject(dept);
        IndicatorApiTest.indicator(ind, "PROCESS", 20, dept);
        double[] history = {10, 12, 11, 13};
        for (int m = 0; m < history.length; m++) {
            report(dept, ind, "2026-0" + (m + 1), history[m], null).then().statusCode(201)
                    .body("flags.size()", equalTo(0));
        }
        // mean 11.5, σ 1.118: 15 is 3.13σ away, held; 14.8 is 2.95σ away, counted
        int flag = report(dept, ind, "2026-05", 15, null).then().statusCode(201)
                .body("value.status", equalTo("HELD")).body("flags[0].kind", equalTo("OUTLIER"))
                .body("flags[0].detail", containsString("3.13 standard deviations")).extract().path("flags[0].id");
        assertEquals(0, reported(dept, "2026-05"));
        report(dept, ind, "2026-06", 14.8, null).then().statusCode(201).body("value.status", equalTo("COUNTED"));
        given().auth().oauth2(TestTokens.admin()).get("/api/v1/quality/flags?kind=OUTLIER&subject=" + dept).then()
                .statusCode(200).body("totalItems", equalTo(1)).body("items[0].id", equalTo(flag));
        review(TestTokens.admin(), flag, "ACCEPT").then().statusCode(200);
        assertEquals(1, reported(dept, "2026-05"));
    }

    /** A quantitative indicator on the scorecards of the subjects given. */
    static void quantitative(String code, String dimension, double target, String... subjects) {
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("code", code, "nameZh", "指标", "dimension", dimension, "kind", "QUANTITATIVE",
                        "target", target, "weight", 10, "subjects", List.of(subjects)))
                .post("/api/v1/indicators").then().statusCode(201);
    }

    @Test
    void aBulkImportJudgesOutliersAgainstTheEarlierPeriodsOfTheSameKindOnly() {
        String dept = IndicatorApiTest.unique("BO");
        String other = IndicatorApiTest.unique("BX");
        String far = IndicatorApiTest.unique("FAR");
        String near = IndicatorApiTest.unique("NEAR");
        IndicatorApiTest.subject(dept);
        IndicatorApiTest.subject(other);
        double[] history = {10, 12, 11, 13};
        for (String ind : List.of(far, near)) {
            quantitative(ind, "PROCESS", 20, dept, other);
            // none of these is the history of dept's 2026-05: another kind, a later month, another department
            // (stored first, so that none is held as an outlier of the months below)
            report(dept, ind, "2025", 1000, null).then().statusCode(201).body("flags.size()", equalTo(0));
            report(dept, ind, "2026-Q1", 1000, null).then().statusCode(201).body("flags.size()", equalTo(0));
            report(dept, ind, "2026-09", 500, null).then().statusCode(201).body("flags.size()", equalTo(0));
            report(other, ind, "2026-01", 900, null).then().statusCode(201).body("flags.size()", equalTo(0));
            for (int m = 0; m < history.length; m++) {
                report(dept, ind, "2026-0" + (m + 1), history[m], null).then().statusCode(201)
                        .body("flags.size()", equalTo(0));
            }
        }
        // mean 11.5, σ 1.118: 15 is 3.13σ away, held; 14.8 is 2.95σ away, counted
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("values", List.of(ValueImportTest.row(dept, far, "2026-05", 15),
                        ValueImportTest.row(dept, near, "2026-05", 14.8))))
                .post("/api/v1/values/bulk").then().statusCode(200).body("stored", equalTo(2))
                .body("held", equalTo(1));
        given().auth().oauth2(TestTokens.admin()).get("/api/v1/quality/flags?kind=OUTLIER&subject=" + dept).then()
                .statusCode(200).body("totalItems", equalTo(1)).body("items[0].indicator", equalTo(far))
                .body("items[0].detail", containsString("3.13 standard deviations from the mean of 4 earlier"));
        assertEquals(1, reported(dept, "2026-05"), "the near value is counted, the far one held");
    }

    @Test
    void aBulkImportHoldsItsFlaggedRowsAndStoresTheRest() {
        String dept = IndicatorApiTest.unique("BQ");
        String ind = IndicatorApiTest.unique("SAT");
        IndicatorApiTest.subject(dept);
        satisfactionIndicator(ind, dept);
        given().auth().oauth2(TestTokens.department(dept)).contentType(ContentType.JSON)
                .body(Map.of("values", List.of(ValueImportTest.row(dept, ind, "2025", 90),
                        ValueImportTest.row(dept, ind, "2026", 99.9))))
                .post("/api/v1/values/bulk").then().statusCode(200).body("stored", equalTo(2))
                .body("held", equalTo(1));
        assertEquals(1, reported(dept, "2025"));
        assertEquals(0, reported(dept, "2026"));
        assertEquals(1, events(dept, ind));
        int first = given().auth().oauth2(TestTokens.admin()).get("/api/v1/quality/flags?indicator=" + ind).then()
                .body("items[0].kind", equalTo("SUSPICIOUS_HIGH")).body("items[0].period", equalTo("2026"))
                .body("items[0].status", equalTo("OPEN")).extract().path("items[0].id");
        given().auth().oauth2(TestTokens.department(dept)).get("/api/v1/subjects/{c}/values?period=2026&history=true",
                dept).then().body("size()", equalTo(1)).body("[0].status", equalTo("HELD"))
                .body("[0].current", equalTo(false)).body("[0].value", equalTo(99.9f));

        // held again in a second import of 2026 (and 2027): the value held before is withdrawn with its flag;
        // 2025's value, held nowhere, is not touched
        given().auth().oauth2(TestTokens.department(dept)).contentType(ContentType.JSON)
                .body(Map.of("values", List.of(ValueImportTest.row(dept, ind, "2026", 99.5),
                        ValueImportTest.row(dept, ind, "2027", 99.7))))
                .post("/api/v1/values/bulk").then().statusCode(200).body("held", equalTo(2));
        given().auth().oauth2(TestTokens.admin()).get("/api/v1/quality/flags/{id}", first).then()
                .body("status", equalTo("WITHDRAWN"));
        assertEquals(1, rows("select count(*) from indicator_value where indicator_code = ?1 and status = "
                + "'WITHDRAWN'", ind));
        Integer second = given().auth().oauth2(TestTokens.admin())
                .get("/api/v1/quality/flags?status=OPEN&indicator=" + ind).then().body("totalItems", equalTo(2))
                .extract().path("items.find { it.period == '2026' }.id");

        // accepted: the value held by the import counts now and its event is published
        review(TestTokens.admin(), second, "ACCEPT").then().statusCode(200).body("status", equalTo("ACCEPTED"));
        assertEquals(1, reported(dept, "2026"));
        assertEquals(2, events(dept, ind));
        given().auth().oauth2(TestTokens.department(dept)).get("/api/v1/subjects/{c}/values?period=2026", dept).then()
                .body("size()", equalTo(1)).body("[0].value", equalTo(99.5f)).body("[0].status", equalTo("COUNTED"));
    }

    @Test
    void theZombieScanFindsIndicatorsThatNoLongerMoveAndRetiringEndsThem() {
        String a = IndicatorApiTest.unique("ZA");
        String b = IndicatorApiTest.unique("ZB");
        String zombie = IndicatorApiTest.unique("ZOM");
        String alive = IndicatorApiTest.unique("ALV");
        IndicatorApiTest.subject(a);
        IndicatorApiTest.subject(b);
        for (String ind : List.of(zombie, alive)) {
            quantitative(ind, "LEARNING", 100, a, b);
        }
        report(a, zombie, "2040", 80, null);
        report(a, zombie, "2041", 80.5, null);
        report(b, zombie, "2040", 60, null);
        report(b, zombie, "2041", 60.1, null);
        report(a, alive, "2040", 80, null);
        report(a, alive, "2041", 80.4, null);
        report(b, alive, "2040", 60, null);
        report(b, alive, "2041", 66, null);

        given().auth().oauth2(TestTokens.department(a)).contentType(ContentType.JSON).body(Map.of("year", 2041))
                .post("/api/v1/quality/zombie-scans").then().statusCode(403);
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(Map.of("year", 1900))
                .post("/api/v1/quality/zombie-scans").then().statusCode(400);
        Response scan = given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("year", 2041)).post("/api/v1/quality/zombie-scans");
        scan.then().statusCode(200).body("raised.indicator", hasItem(zombie))
                .body("raised.indicator", not(hasItem(alive)));
        int flag = scan.path("raised.find { it.indicator == '" + zombie + "' }.id");
        // once per indicator and year
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(Map.of("year", 2041))
                .post("/api/v1/quality/zombie-scans").then().statusCode(200)
                .body("raised.indicator", not(hasItem(zombie)));

        review(TestTokens.admin(), flag, "REJECT").then().statusCode(422);
        review(TestTokens.admin(), flag, "RETIRE").then().statusCode(200).body("status", equalTo("RETIRED"));
        given().auth().oauth2(TestTokens.admin()).get("/api/v1/indicators/{c}/versions", zombie).then()
                .body("[0].validTo", equalTo("2041"));
        given().auth().oauth2(TestTokens.admin()).get("/api/v1/indicators/{c}?period=2042", zombie).then()
                .statusCode(404);
        report(a, zombie, "2042", 80, null).then().statusCode(422);
        report(a, zombie, "2041-Q1", 80, null).then().statusCode(201);
    }
}
