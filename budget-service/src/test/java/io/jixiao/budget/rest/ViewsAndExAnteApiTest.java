package io.jixiao.budget.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

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
class ViewsAndExAnteApiTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    EntityManager em;

    long count(String sql, Object... params) {
        return TestDb.count(em, sql, params);
    }

    @Test
    void theMatrixPutsEachProjectInItsQuadrantAndADepartmentSeesOnlyItsYear() {
        String s = "V" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        EventSamples.send(bootstrap, "jixiao.indicator.events", "jixiao.indicator.subject.registered.v1", s,
                EventSamples.with("jixiao.indicator.subject.registered.v1", "code", s, "activeFrom", "2020-01-01"),
                UUID.randomUUID()); // active in 2024, the year of its projects
        String type = "jixiao.indicator.value.recorded.v1";
        EventSamples.send(bootstrap, "jixiao.indicator.events", type, s, EventSamples.with(type, "subject", s,
                "indicator", "GOOD", "period", "2024", "score", 95), UUID.randomUUID());
        EventSamples.send(bootstrap, "jixiao.indicator.events", type, s, EventSamples.with(type, "subject", s,
                "indicator", "POOR", "period", "2024", "score", 50), UUID.randomUUID());
        Eventually.until("inputs", Duration.ofSeconds(30),
                () -> count("select count(*) from indicator_score where subject_code = ?1", s) == 2
                        && count("select count(*) from known_subject where code = ?1", s) == 1);
        String onTrack = project(s, "GOOD", "1000");
        String wasteful = project(s, "POOR", "1000");
        String idle = project(s, "GOOD", "100");
        for (String p : List.of(onTrack, wasteful)) {
            given().auth().oauth2(TestTokens.finance()).contentType(ContentType.JSON)
                    .body(Map.of("amount", 950, "spentOn", "2024-05-01"))
                    .post("/api/v1/budget/projects/{id}/executions", p)
                    .then().statusCode(201);
        }
        // the department's own matrix: its three projects, one in each of three quadrants
        given().auth().oauth2(TestTokens.department(s)).queryParam("year", 2024).queryParam("asOf", "2024-12-31")
                .get("/api/v1/budget/views/matrix").then().statusCode(200)
                .body("quadrants.ON_TRACK.items.project", equalTo(List.of(onTrack)))
                .body("quadrants.SPENDING_WITHOUT_RESULTS.items.project", equalTo(List.of(wasteful)))
                .body("quadrants.RESULTS_WITHOUT_SPENDING.items.project", equalTo(List.of(idle)))
                .body("counts.LAGGING", equalTo(0)).body("quadrants.LAGGING.totalItems", equalTo(0));
        // the office's holds every department's projects: each quadrant a page, its total the quadrant's count
        var all = given().auth().oauth2(TestTokens.finance()).queryParam("year", 2024).queryParam("asOf", "2024-12-31")
                .queryParam("size", 100).get("/api/v1/budget/views/matrix").then().statusCode(200)
                .body("quadrants.ON_TRACK.items.project", hasItem(onTrack))
                .body("quadrants.SPENDING_WITHOUT_RESULTS.items.project", hasItem(wasteful))
                .body("quadrants.RESULTS_WITHOUT_SPENDING.items.project", hasItem(idle)).extract().jsonPath();
        for (String q : List.of("ON_TRACK", "SPENDING_WITHOUT_RESULTS", "RESULTS_WITHOUT_SPENDING", "LAGGING",
                "NOT_JUDGED")) {
            assertEquals(all.getLong("counts." + q), all.getLong("quadrants." + q + ".totalItems"), q);
        }
        long onTrackCount = all.getLong("counts.ON_TRACK");
        given().auth().oauth2(TestTokens.finance()).queryParam("year", 2024).queryParam("asOf", "2024-12-31")
                .queryParam("size", 1).queryParam("page", onTrackCount - 1).get("/api/v1/budget/views/matrix").then()
                .statusCode(200).body("quadrants.ON_TRACK.items.size()", equalTo(1))
                .body("quadrants.ON_TRACK.items[0].project",
                        equalTo(all.getString("quadrants.ON_TRACK.items[" + (onTrackCount - 1) + "].project")))
                .body("quadrants.ON_TRACK.totalPages", equalTo((int) onTrackCount))
                .body("counts.ON_TRACK", equalTo((int) onTrackCount));
        for (String view : List.of("matrix", "warnings")) {
            given().auth().oauth2(TestTokens.finance()).queryParam("year", 2024).queryParam("size", 101)
                    .get("/api/v1/budget/views/" + view).then().statusCode(400)
                    .contentType("application/problem+json");
        }
        given().auth().oauth2(TestTokens.department(s)).queryParam("year", 2024).queryParam("asOf", "2024-12-31")
                .get("/api/v1/budget/views/departments/{c}", s).then().statusCode(200)
                .body("approved", equalTo(2100.00f)).body("proposedNextYear", equalTo(0))
                .body("spent", equalTo(1900.00f)).body("lights.RED", equalTo(2));
        given().auth().oauth2(TestTokens.department("OTHER")).queryParam("year", 2024)
                .get("/api/v1/budget/views/departments/{c}", s).then().statusCode(403);
        given().auth().oauth2(TestTokens.finance()).queryParam("year", 2024).queryParam("asOf", "2024-12-31")
                .get("/api/v1/budget/views/warnings").then().statusCode(200)
                .body("red.items.project", hasItem(wasteful));
        // the department's own warnings, one to a page: its two red projects, and once the year's monitoring has
        // run, the disposal task each of them opened
        given().auth().oauth2(TestTokens.finance()).queryParam("year", 2024).queryParam("asOf", "2024-12-31")
                .post("/api/v1/budget/monitoring/run").then().statusCode(200);
        given().auth().oauth2(TestTokens.department(s)).queryParam("year", 2024).queryParam("asOf", "2024-12-31")
                .queryParam("size", 1).queryParam("page", 1).get("/api/v1/budget/views/warnings").then()
                .statusCode(200).body("red.items.size()", equalTo(1)).body("red.totalItems", equalTo(2))
                .body("red.items[0].subject", equalTo(s)).body("openTasks.items.size()", equalTo(1))
                .body("openTasks.totalItems", equalTo(2)).body("openTasks.items[0].subject", equalTo(s));
    }

    String project(String s, String indicator, String amount) {
        return given().auth().oauth2(TestTokens.finance()).contentType(ContentType.JSON)
                .body("{\"subject\":\"" + s + "\",\"fiscalYear\":2024,\"category\":\"GENERAL\",\"name\":\"p\","
                        + "\"approvedAmount\":" + amount + ",\"linkedIndicators\":[\"" + indicator + "\"]}")
                .post("/api/v1/budget/projects").then().statusCode(201).extract().path("id");
    }

    @Test
    void exAnteAssessmentAnswersWithItsReasonsAndRefusesBadInput() {
        given().auth().oauth2(TestTokens.finance()).contentType(ContentType.JSON)
                .body(Map.of("name", "智慧停车", "initialCost", 1000, "discountRate", 0, "requestedAmount", 1000000,
                        "years", List.of(Map.of("year", 1, "cost", 0, "benefit", 1100))))
                .post("/api/v1/budget/ex-ante").then().statusCode(200).body("recommendation", equalTo("REDUCE"))
                .body("reducePercent", equalTo(8.34f)).body("reasons.size()", equalTo(3));
        given().auth().oauth2(TestTokens.finance()).contentType(ContentType.JSON)
                .body(Map.of("name", "x", "initialCost", 1, "discountRate", 0.05, "years", List.of(
                        Map.of("year", 1, "cost", 0, "benefit", 1), Map.of("year", 1, "cost", 0, "benefit", 1))))
                .post("/api/v1/budget/ex-ante").then().statusCode(400)
                .body("violations.field", hasItem("years[1].year"));
        // a rate written with a hundred thousand decimals came back in the reason, digit by digit
        for (String rate : List.of("0.0500001", "5E-100000", "5E-999999999")) {
            given().auth().oauth2(TestTokens.finance()).contentType(ContentType.JSON)
                    .body("{\"name\":\"x\",\"initialCost\":100,\"discountRate\":" + rate
                            + ",\"years\":[{\"year\":1,\"cost\":1,\"benefit\":2}]}")
                    .post("/api/v1/budget/ex-ante").then().statusCode(400)
                    .body("violations[0].field", equalTo("discountRate"));
        }
        given().auth().oauth2(TestTokens.department("X")).contentType(ContentType.JSON).body(Map.of())
                .post("/api/v1/budget/ex-ante").then().statusCode(403);
    }
}
