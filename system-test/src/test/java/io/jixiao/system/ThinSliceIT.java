package io.jixiao.system;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.jixiao.testsupport.TestTokens;
import io.restassured.RestAssured;
import io.restassured.config.JsonConfig;
import io.restassured.path.json.config.JsonPathConfig;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * The thin slice of issue 2, end to end through the gateway with signed tokens of the right roles: a subject and its
 * indicators, values reported by the department, the scorecard event, a superior's rating, citizens' survey answers
 * and the satisfaction event, the 360 composite finalized, and budget-service's proposal for next year. Every number
 * is checked against the formulas of DESIGN.md.
 */
class ThinSliceIT {

    static final String DEPT = "FIN";

    @BeforeAll
    static void suite() {
        Suite.atGateway();
        // numbers as exact decimals, so that the last decimal is checked, not a float's approximation
        RestAssured.config = RestAssured.config().jsonConfig(JsonConfig.jsonConfig()
                .numberReturnType(JsonPathConfig.NumberReturnType.BIG_DECIMAL));
    }

    /** The test classes after this one in the same JVM read numbers as RestAssured does by default. */
    @AfterAll
    static void defaultNumbers() {
        RestAssured.config = RestAssured.config().jsonConfig(JsonConfig.jsonConfig());
    }

    /** The JSON number equals this decimal exactly (an integral number arrives as Integer, others as BigDecimal). */
    static org.hamcrest.Matcher<Object> dec(String value) {
        BigDecimal expected = new BigDecimal(value);
        return new org.hamcrest.TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(Object actual) {
                return actual instanceof Number && new BigDecimal(actual.toString()).compareTo(expected) == 0;
            }

            @Override
            public void describeTo(org.hamcrest.Description d) {
                d.appendText("the number " + value);
            }
        };
    }

    static String admin() {
        return TestTokens.admin();
    }

    /** Repeats a call until it answers the expected status (another service's copy may lag behind by an event). */
    static Response until(int status, Duration timeout, Supplier<Response> call) {
        return until(timeout, call, r -> r.statusCode() == status);
    }

    static Response until(Duration timeout, Supplier<Response> call, Predicate<Response> done) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Response r = call.get();
        while (!done.test(r) && System.nanoTime() < deadline) {
            Suite.sleep(200);
            r = call.get();
        }
        if (!done.test(r)) {
            throw new AssertionError("not reached within " + timeout + "; last answer " + r.statusCode() + ": "
                    + r.asString());
        }
        return r;
    }

    @Test
    void theSliceFlowsThroughAllFiveServicesAndTheNumbersAreTheFormulas() {
        // 1. the performance office registers the department and two indicators
        given().auth().oauth2(admin()).contentType(ContentType.JSON)
                .body(Map.of("code", DEPT, "nameZh", "市财政局", "nameEn", "Finance Bureau", "level", "DEPARTMENT"))
                .post("/api/v1/subjects").then().statusCode(201);
        given().auth().oauth2(admin()).contentType(ContentType.JSON)
                .body(Map.of("code", "EDU", "nameZh", "市教育局", "nameEn", "Education Bureau", "level", "DEPARTMENT"))
                .post("/api/v1/subjects").then().statusCode(201);
        given().auth().oauth2(admin()).contentType(ContentType.JSON)
                .body(Map.of("code", "FIN-EXEC", "nameZh", "预算执行率", "dimension", "FINANCIAL", "kind", "QUANTITATIVE",
                        "polarity", "HIGHER_BETTER", "unit", "%", "target", 80, "weight", 10))
                .post("/api/v1/indicators").then().statusCode(201);
        given().auth().oauth2(admin()).contentType(ContentType.JSON)
                .body(Map.of("code", "POL-STUDY", "nameZh", "理论学习完成率", "dimension", "POLITICAL", "kind",
                        "QUANTITATIVE", "polarity", "HIGHER_BETTER", "unit", "%", "target", 100, "weight", 10))
                .post("/api/v1/indicators").then().statusCode(201);

        // 2. the department reports its values: 72 / 80 → 90; 50 / 100 → 50; total (20·90 + 20·50) / 40 = 70
        String dept = TestTokens.department(DEPT);
        given().auth().oauth2(dept).contentType(ContentType.JSON)
                .body(Map.of("subject", DEPT, "indicator", "FIN-EXEC", "period", "2026", "value", 72))
                .post("/api/v1/values").then().statusCode(201).body("value.score", dec("90"));
        given().auth().oauth2(dept).contentType(ContentType.JSON)
                .body(Map.of("subject", DEPT, "indicator", "POL-STUDY", "period", "2026", "value", 50))
                .post("/api/v1/values").then().statusCode(201).body("scorecardTotal", dec("70"))
                .body("scorecardGrade", equalTo("PASS"));
        // another department may not report for it
        given().auth().oauth2(TestTokens.department("EDU")).contentType(ContentType.JSON)
                .body(Map.of("subject", DEPT, "indicator", "FIN-EXEC", "period", "2026", "value", 99))
                .post("/api/v1/values").then().statusCode(403);

        // 3. finance registers next year's budget base: a general project of 1,000,000.00 yuan
        String project = until(201, Duration.ofSeconds(30), () -> given().auth().oauth2(TestTokens.finance())
                .contentType(ContentType.JSON)
                .body("{\"subject\":\"FIN\",\"fiscalYear\":2026,\"category\":\"GENERAL\",\"name\":\"财政信息化\","
                        + "\"approvedAmount\":1000000.00,\"linkedIndicators\":[\"FIN-EXEC\"]}")
                .post("/api/v1/budget/projects")).path("id");

        String eduProject = until(201, Duration.ofSeconds(30), () -> given().auth().oauth2(TestTokens.finance())
                .contentType(ContentType.JSON)
                .body("{\"subject\":\"EDU\",\"fiscalYear\":2026,\"category\":\"GENERAL\",\"name\":\"教育装备\","
                        + "\"approvedAmount\":500000.00}")
                .post("/api/v1/budget/projects")).path("id");

        // 4. the office opens a cycle (once evaluation-service knows the subject) and assigns a superior
        String cycle = until(201, Duration.ofSeconds(30), () -> given().auth().oauth2(admin())
                .contentType(ContentType.JSON)
                .body(Map.of("name", "2026年度综合绩效考评", "period", "2026", "subjects", List.of(DEPT, "EDU"),
                        "minPublicSample", 3))
                .post("/api/v1/cycles")).path("id");
        given().auth().oauth2(admin()).contentType(ContentType.JSON)
                .body(Map.of("assignments",
                        List.of(Map.of("party", "SUPERIOR", "evaluator", "vice-mayor", "subject", DEPT),
                                Map.of("party", "SUPERIOR", "evaluator", "vice-mayor", "subject", "EDU"))))
                .post("/api/v1/cycles/{id}/assignments", cycle).then().statusCode(200);
        given().auth().oauth2(admin()).post("/api/v1/cycles/{id}/open", cycle).then().statusCode(200);

        // 5. the superior rates 80
        given().auth().oauth2(TestTokens.superior("vice-mayor")).contentType(ContentType.JSON)
                .body(Map.of("subject", DEPT, "party", "SUPERIOR", "criteria",
                        List.of(Map.of("code", "GOAL_ACHIEVEMENT", "score", 80))))
                .post("/api/v1/cycles/{id}/ratings", cycle).then().statusCode(201);

        // EDU reports nothing and its superior rates 40: SUPERIOR = 40 (no scorecard event), FAIL
        given().auth().oauth2(TestTokens.superior("vice-mayor")).contentType(ContentType.JSON)
                .body(Map.of("subject", "EDU", "party", "SUPERIOR", "criteria",
                        List.of(Map.of("code", "GOAL_ACHIEVEMENT", "score", 40))))
                .post("/api/v1/cycles/{id}/ratings", cycle).then().statusCode(201);

        // 6. citizens answer the survey anonymously: 5, 5, 4 → 100, 100, 75 → index 275/3
        String survey = until(201, Duration.ofSeconds(30), () -> given().auth().oauth2(admin())
                .contentType(ContentType.JSON)
                .body(Map.of("subject", DEPT, "period", "2026", "titleZh", "财政业务办理满意度", "groupWeights",
                        Map.of("CITIZEN", 100), "questions", List.of(Map.of("code", "q1", "group", "CITIZEN", "type",
                                "LIKERT5", "textZh", "您对办理过程满意吗？", "required", true))))
                .post("/api/v1/surveys")).path("id");
        given().auth().oauth2(admin()).post("/api/v1/surveys/{id}/open", survey).then().statusCode(200);
        for (int v : new int[]{5, 5, 4}) {
            given().contentType(ContentType.JSON)
                    .body(Map.of("group", "CITIZEN", "answers", List.of(Map.of("question", "q1", "value", v)),
                            "durationMs", 30000))
                    .post("/api/v1/public/surveys/{id}/responses", survey).then().statusCode(201);
        }
        BigDecimal publicIndex = new BigDecimal(275).divide(new BigDecimal(3), MathContext.DECIMAL128);

        // 7. evaluation combines: SUPERIOR = 0.5·70 + 0.5·80 = 75; PUBLIC = 275/3; composite = (40·75 + 30·275/3) / 70
        BigDecimal composite = new BigDecimal(40 * 75).add(new BigDecimal(30).multiply(publicIndex))
                .divide(new BigDecimal(70), MathContext.DECIMAL128);
        BigDecimal expected = composite.setScale(10, RoundingMode.HALF_UP);
        until(Duration.ofSeconds(30),
                () -> given().auth().oauth2(admin()).get("/api/v1/cycles/{id}/results/{s}", cycle, DEPT),
                r -> r.statusCode() == 200
                        && Boolean.TRUE.equals(r.path("parties.find { it.party == 'PUBLIC' }.present"))
                        && Boolean.TRUE.equals(r.path("parties.find { it.party == 'SUPERIOR' }.present"))
                        && new BigDecimal(r.path("parties.find { it.party == 'SUPERIOR' }.score").toString())
                                .compareTo(new BigDecimal(75)) == 0);
        given().auth().oauth2(admin()).post("/api/v1/cycles/{id}/close", cycle).then().statusCode(200);
        given().auth().oauth2(admin()).post("/api/v1/cycles/{id}/finalize", cycle).then().statusCode(200);
        Response result = given().auth().oauth2(admin()).get("/api/v1/cycles/{id}/results/{s}", cycle, DEPT);
        result.then().statusCode(200).body("grade", equalTo("GOOD")).body("rank", equalTo(1))
                .body("coverage", dec("70")).body("flags", hasItem("INCOMPLETE"))
                .body("parties.find { it.party == 'SUPERIOR' }.score", dec("75"));
        assertEquals(0, new BigDecimal(result.path("composite").toString()).compareTo(expected),
                "composite " + result.path("composite") + " vs " + expected);
        assertEquals(0, new BigDecimal(result.path("parties.find { it.party == 'PUBLIC' }.score").toString())
                .compareTo(publicIndex.setScale(10, RoundingMode.HALF_UP)));

        // 8. budget follows: GOOD (±0%) with POLITICAL 50 < 60 (−10%) → 900,000.00, explained
        Response proposals = until(Duration.ofSeconds(30), () -> given().auth().oauth2(TestTokens.finance())
                .queryParam("year", 2027).queryParam("subject", DEPT).get("/api/v1/budget/proposals"),
                r -> r.statusCode() == 200 && r.jsonPath().getList("items").size() == 1);
        proposals.then().body("items[0].project", equalTo(project)).body("items[0].proposed", dec("900000.00"))
                .body("items[0].rule", equalTo("GRADE_GOOD+POLITICAL_PENALTY"))
                .body("items[0].explanation", hasItem("1,000,000.00 × (1 − 0.1) = 900,000.00"));

        // 9. and a failing result turns into a reduced proposal: EDU FAIL (composite 40) −30% → 350,000.00
        Response failing = until(Duration.ofSeconds(30), () -> given().auth().oauth2(TestTokens.finance())
                .queryParam("year", 2027).queryParam("subject", "EDU").get("/api/v1/budget/proposals"),
                r -> r.statusCode() == 200 && r.jsonPath().getList("items").size() == 1);
        failing.then().body("items[0].project", equalTo(eduProject)).body("items[0].proposed", dec("350000.00"))
                .body("items[0].action", equalTo("REDUCE")).body("items[0].rule", equalTo("GRADE_FAIL"))
                .body("items[0].explanation", hasItem("grade FAIL in 2026 (composite 40.00): −30%"))
                .body("items[0].explanation", hasItem("500,000.00 × (1 − 0.3) = 350,000.00"));
    }
}
