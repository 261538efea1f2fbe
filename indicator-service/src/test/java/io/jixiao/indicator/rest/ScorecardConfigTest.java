package io.jixiao.indicator.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.jixiao.testsupport.JixiaoTestResource;
import io.jixiao.testsupport.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * A subject's scorecard configuration (DESIGN section 3): dimension weights that must sum to 100, per-subject weights,
 * targets and not-applicable marks, per-subject light thresholds, and the revision (ETag / If-Match) that keeps two
 * offices from overwriting each other's change. The subject has two indicators of its own, PUBLIC (target 100, actual
 * 80: 80 points) and LEARNING (target 50, actual 25: 50 points). Other tests' common indicators may add a PROCESS
 * line; PROCESS weighs 0 here, so the totals do not depend on them.
 */
@QuarkusTest
@QuarkusTestResource(JixiaoTestResource.class)
class ScorecardConfigTest {

    static Map<String, Object> weights(int political, int pub, int financial, int process, int learning) {
        Map<String, Object> w = new LinkedHashMap<>();
        w.put("POLITICAL", political);
        w.put("PUBLIC", pub);
        w.put("FINANCIAL", financial);
        w.put("PROCESS", process);
        w.put("LEARNING", learning);
        return w;
    }

    static io.restassured.response.ValidatableResponse put(String token, String dept, String ifMatch,
            Map<String, Object> body) {
        var r = given().auth().oauth2(token).contentType(ContentType.JSON).body(body);
        if (ifMatch != null) {
            r = r.header("If-Match", ifMatch);
        }
        return r.put("/api/v1/subjects/{c}/scorecards/2026", dept).then();
    }

    static String etag(String dept) {
        return given().auth().oauth2(TestTokens.admin()).get("/api/v1/subjects/{c}/scorecards/2026", dept).then()
                .statusCode(200).extract().header("ETag");
    }

    @Test
    void aScorecardIsConfiguredOnceItsWeightsAddUpAndOnlyFromTheRevisionItsEditorSaw() {
        String dept = IndicatorApiTest.unique("S");
        String pub = IndicatorApiTest.unique("P");
        String lrn = IndicatorApiTest.unique("L");
        IndicatorApiTest.subject(dept);
        IndicatorApiTest.indicator(pub, "PUBLIC", 100, dept);
        IndicatorApiTest.indicator(lrn, "LEARNING", 50, dept);
        for (var v : Map.of(pub, 80, lrn, 25).entrySet()) {
            given().auth().oauth2(TestTokens.department(dept)).contentType(ContentType.JSON)
                    .body(Map.of("subject", dept, "indicator", v.getKey(), "period", "2026", "value", v.getValue()))
                    .post("/api/v1/values").then().statusCode(201);
        }
        String defaults = etag(dept);
        assertEquals("\"0\"", defaults, "no configuration yet: revision 0");

        // refused, and nothing changes: the wrong user, weights that do not add up, a line for an indicator the
        // subject does not have, thresholds the wrong way round, an If-Match that is not a version
        Map<String, Object> ok = Map.of("dimensionWeights", weights(0, 60, 0, 0, 40));
        put(TestTokens.department(dept), dept, null, ok).statusCode(403);
        put(TestTokens.admin(), dept, null, Map.of("dimensionWeights", weights(10, 40, 10, 30, 0))).statusCode(422)
                .contentType("application/problem+json").body("violations[0].field", equalTo("dimensionWeights"))
                .body("detail", containsString("sum to 90"));
        put(TestTokens.admin(), dept, null, Map.of("dimensionWeights", weights(0, 60, 0, 0, 40), "lines",
                List.of(Map.of("indicator", "NOT-" + pub, "weight", 5)))).statusCode(422)
                .body("violations[0].field", equalTo("lines"));
        put(TestTokens.admin(), dept, null, Map.of("dimensionWeights", weights(0, 60, 0, 0, 40), "greenThreshold", 50,
                "yellowThreshold", 70)).statusCode(422);
        // two lines for one indicator: a 500 when the lines were stored
        put(TestTokens.admin(), dept, null, Map.of("dimensionWeights", weights(0, 60, 0, 0, 40), "lines",
                List.of(Map.of("indicator", lrn, "weight", 5), Map.of("indicator", lrn, "target", 25))))
                .statusCode(400).body("violations[0].field", equalTo("lines[1].indicator"))
                .body("detail", containsString("given twice"));
        put(TestTokens.admin(), dept, "yesterday's", ok).statusCode(400).body("violations.field", hasItem("If-Match"));
        assertEquals(defaults, etag(dept));

        // PUBLIC 60, LEARNING 40: (60 × 80 + 40 × 50) / 100 = 68
        String first = put(TestTokens.admin(), dept, defaults, ok).statusCode(200).body("total", equalTo(68))
                .body("grade", equalTo("PASS")).extract().header("ETag");
        assertNotEquals(defaults, first);
        assertEquals(first, etag(dept));

        // an office that still holds revision 0 is refused, and its change is not made
        put(TestTokens.admin(), dept, defaults, Map.of("dimensionWeights", weights(0, 100, 0, 0, 0))).statusCode(412)
                .contentType("application/problem+json");
        given().auth().oauth2(TestTokens.admin()).get("/api/v1/subjects/{c}/scorecards/2026", dept).then()
                .body("total", equalTo(68));

        // a change to a configuration in force needs a reason, as a value's correction does; without one nothing
        // changes
        Map<String, Object> ownTarget = new LinkedHashMap<>(Map.of("dimensionWeights", weights(0, 60, 0, 0, 40),
                "greenThreshold", 95, "yellowThreshold", 85, "lines",
                List.of(Map.of("indicator", lrn, "weight", 10, "target", 25))));
        put(TestTokens.admin(), dept, first, ownTarget).statusCode(422).contentType("application/problem+json")
                .body("violations[0].field", equalTo("reason"));
        ownTarget.put("reason", "   ");
        put(TestTokens.admin(), dept, first, ownTarget).statusCode(422).body("violations[0].field", equalTo("reason"));
        assertEquals(first, etag(dept));

        // this subject's own target for LEARNING (25: 100 points) and its own light thresholds; only the lines
        // change, and the revision moves all the same: (60 × 80 + 40 × 100) / 100 = 88
        ownTarget.put("reason", "年度目标调整：学习指标按单位实际核定");
        String second = put(TestTokens.admin(), dept, first, ownTarget).statusCode(200).body("total", equalTo(88))
                .body("grade", equalTo("GOOD")).body("lines.find { it.indicator == '" + pub + "' }.light",
                        equalTo("RED"))
                .extract().header("ETag");
        assertNotEquals(first, second);
        // the value reported before the target was set is rescored under it, with its history kept
        given().auth().oauth2(TestTokens.department(dept)).queryParam("period", "2026").queryParam("history", true)
                .get("/api/v1/subjects/{c}/values", dept).then().statusCode(200)
                .body("findAll { it.indicator == '" + lrn + "' }.score", equalTo(List.of(50f, 100f)))
                .body("findAll { it.indicator == '" + lrn + "' }.current", equalTo(List.of(false, true)))
                .body("find { it.indicator == '" + pub + "' && it.current }.light", equalTo("RED"));
        Map<String, Object> linesOnly = Map.of("dimensionWeights", weights(0, 60, 0, 0, 40), "greenThreshold", 95,
                "yellowThreshold", 85, "lines", List.of(Map.of("indicator", lrn, "weight", 10, "target", 20)),
                "reason", "target lowered");
        String third = put(TestTokens.admin(), dept, second, linesOnly).statusCode(200).extract().header("ETag");
        assertNotEquals(second, third);
        put(TestTokens.admin(), dept, second, ownTarget).statusCode(412);

        // PUBLIC not applicable to this subject: it leaves the total, which is LEARNING's alone
        put(TestTokens.admin(), dept, null, Map.of("dimensionWeights", weights(0, 60, 0, 0, 40), "lines",
                List.of(Map.of("indicator", pub, "notApplicable", true), Map.of("indicator", lrn, "target", 25)),
                "reason", "the service moved to another department"))
                .statusCode(200).body("total", equalTo(100)).body("excludedDimensions", hasItem("PUBLIC"));

        // the history: every configuration as it was set, newest first, with who, why and the totals around it;
        // the refused ones are not in it
        var history = given().auth().oauth2(TestTokens.admin()).get("/api/v1/subjects/{c}/scorecards/2026/revisions",
                dept).then().statusCode(200).body("totalItems", equalTo(4))
                .body("items.revision", equalTo(List.of(4, 3, 2, 1)))
                .body("items.changedBy", equalTo(List.of("admin-1", "admin-1", "admin-1", "admin-1")))
                .body("items.reason",
                        equalTo(java.util.Arrays.asList("the service moved to another department", "target lowered",
                                "年度目标调整：学习指标按单位实际核定", null)))
                .body("items[3].totalAfter", equalTo(68)).body("items[3].shownTotalAfter", equalTo(68.00f))
                .body("items[3].dimensionWeights.PUBLIC", equalTo(60))
                // in the dimensions' order, as the scorecard lists them (jsonb keeps its own)
                .body(containsString("\"dimensionWeights\":{\"POLITICAL\":0,\"PUBLIC\":60,\"FINANCIAL\":0,"
                        + "\"PROCESS\":0,\"LEARNING\":40}"))
                .body("items[3].lines.size()", equalTo(0))
                .body("items[2].totalBefore", equalTo(68)).body("items[2].totalAfter", equalTo(88))
                .body("items[2].greenThreshold", equalTo(95)).body("items[2].lines[0].indicator", equalTo(lrn))
                .body("items[2].lines[0].target", equalTo(25)).body("items[2].lines[0].weight", equalTo(10))
                .body("items[1].lines[0].target", equalTo(20)).body("items[0].totalAfter", equalTo(100))
                .body("items[0].lines.find { it.indicator == '" + pub + "' }.notApplicable", equalTo(true))
                .body("items[1].totalBefore", equalTo(88)).body("items[1].totalAfter", equalTo(88))
                .body("items[0].totalBefore", equalTo(88));
        // each revision's number is the ETag the scorecard had once it was set
        assertEquals("\"" + history.extract().path("items[0].revision") + "\"", etag(dept));
        // the department reads its own scorecard's history, in pages; no other department does
        given().auth().oauth2(TestTokens.department(dept)).queryParam("size", 1).queryParam("page", 1)
                .get("/api/v1/subjects/{c}/scorecards/2026/revisions", dept).then().statusCode(200)
                .body("items.revision", equalTo(List.of(3))).body("totalPages", equalTo(4));
        given().auth().oauth2(TestTokens.department(IndicatorApiTest.unique("O")))
                .get("/api/v1/subjects/{c}/scorecards/2026/revisions", dept).then().statusCode(403)
                .contentType("application/problem+json");
        given().auth().oauth2(TestTokens.admin()).queryParam("size", 101)
                .get("/api/v1/subjects/{c}/scorecards/2026/revisions", dept).then().statusCode(400);
        given().auth().oauth2(TestTokens.admin()).get("/api/v1/subjects/{c}/scorecards/2026/revisions",
                "NO-" + dept).then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(TestTokens.admin()).get("/api/v1/subjects/{c}/scorecards/2027/revisions", dept)
                .then().statusCode(200).body("totalItems", equalTo(0));
    }

}
