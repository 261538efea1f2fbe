package io.jixiao.budget.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.OffsetDateTime;
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
import io.jixiao.testsupport.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
@QuarkusTestResource(JixiaoTestResource.class)
class BudgetLinkageTest {

    static final String RESULT = "jixiao.evaluation.result.finalized.v1";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    EntityManager em;

    long count(String sql, Object... params) {
        return TestDb.count(em, sql, params);
    }

    String subject() {
        return TestDb.registeredSubject(em, bootstrap, "B");
    }

    String project(String subject, String category, String amount) {
        return given().auth().oauth2(TestTokens.finance()).contentType(ContentType.JSON)
                .body("{\"subject\":\"" + subject + "\",\"fiscalYear\":2026,\"category\":\"" + category
                        + "\",\"name\":\"项目" + category + "\",\"approvedAmount\":" + amount + "}")
                .post("/api/v1/budget/projects").then().statusCode(201).extract().path("id");
    }

    void political(String subject, double score) {
        EventSamples.send(bootstrap, "jixiao.indicator.events", "jixiao.indicator.scorecard.computed.v1", subject,
                EventSamples.with("jixiao.indicator.scorecard.computed.v1", "subject", subject, "period", "2026",
                        "dimensions", Map.of("POLITICAL", score), "computedAt", OffsetDateTime.now().toString()),
                UUID.randomUUID());
        Eventually.until("political score known", Duration.ofSeconds(30),
                () -> count("select count(*) from political_input where subject_code = ?1", subject) == 1);
    }

    void result(String subject, String period, String grade, double composite) {
        EventSamples.send(bootstrap, "jixiao.evaluation.events", RESULT, subject, EventSamples.with(RESULT, "subject",
                subject, "period", period, "grade", grade, "composite", composite), UUID.randomUUID());
    }

    @Test
    void aFailWithAPoliticalPenaltyCutsFortyPercentButALivelihoodProjectOnlyTen() throws Exception {
        String s = subject();
        String general = project(s, "GENERAL", "1000000.00");
        String livelihood = project(s, "LIVELIHOOD", "2500000.50");
        political(s, 55);
        result(s, "2026", "FAIL", 52.3);
        Eventually.until("two proposals", Duration.ofSeconds(30),
                () -> count("select count(*) from proposal where subject_code = ?1", s) == 2);
        given().auth().oauth2(TestTokens.finance()).queryParam("year", 2027).queryParam("subject", s)
                .get("/api/v1/budget/proposals").then().statusCode(200).body("totalItems", equalTo(2))
                .body("items.find { it.project == '" + general + "' }.proposed", equalTo(600000.00f))
                .body("items.find { it.project == '" + general + "' }.adjustmentPercent", equalTo(-40))
                .body("items.find { it.project == '" + general + "' }.rule", equalTo("GRADE_FAIL+POLITICAL_PENALTY"))
                .body("items.find { it.project == '" + livelihood + "' }.proposed", equalTo(2250000.45f))
                .body("items.find { it.project == '" + livelihood + "' }.rule",
                        equalTo("GRADE_FAIL+POLITICAL_PENALTY+LIVELIHOOD_CAP"))
                .body("items.find { it.project == '" + general + "' }.explanation",
                        hasItem("1,000,000.00 × (1 − 0.4) = 600,000.00"));
        var events = TopicProbe.await(bootstrap, "jixiao.budget.events", r -> s.equals(r.key()), 2,
                Duration.ofSeconds(20));
        assertEquals(2, events.size());
        assertEquals(List.of(), EventSamples.shapeDifferences("jixiao.budget.adjustment.proposed.v1",
                events.get(0).value()));
        // a department sees its own proposals only, also when it names another subject; the year reads in pages
        given().auth().oauth2(TestTokens.department("OTHER")).queryParam("year", 2027).get("/api/v1/budget/proposals")
                .then().statusCode(200).body("items", empty()).body("totalItems", equalTo(0));
        given().auth().oauth2(TestTokens.department("OTHER")).queryParam("year", 2027).queryParam("subject", s)
                .get("/api/v1/budget/proposals").then().statusCode(200).body("totalItems", equalTo(0));
        given().auth().oauth2(TestTokens.department(s)).queryParam("year", 2027).get("/api/v1/budget/proposals")
                .then().statusCode(200).body("items.subject", equalTo(List.of(s, s))).body("totalItems", equalTo(2));
        given().auth().oauth2(TestTokens.department(s)).queryParam("year", 2027).queryParam("size", 1)
                .queryParam("page", 1).get("/api/v1/budget/proposals").then().statusCode(200)
                .body("items.size()", equalTo(1)).body("totalPages", equalTo(2));
        given().auth().oauth2(TestTokens.finance()).queryParam("year", 2027).queryParam("size", 101)
                .get("/api/v1/budget/proposals").then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void twoFailingYearsCancelAGeneralProject() {
        String s = subject();
        String general = project(s, "GENERAL", "800000");
        result(s, "2025", "FAIL", 40);
        Eventually.until("2025 result known", Duration.ofSeconds(30),
                () -> count("select count(*) from result_input where subject_code = ?1", s) == 1);
        result(s, "2026", "FAIL", 45);
        Eventually.until("proposal", Duration.ofSeconds(30),
                () -> count("select count(*) from proposal where subject_code = ?1", s) == 1);
        given().auth().oauth2(TestTokens.admin()).queryParam("year", 2027).queryParam("subject", s)
                .get("/api/v1/budget/proposals").then().statusCode(200)
                .body("items.find { it.project == '" + general + "' }.action", equalTo("CANCEL"))
                .body("items.find { it.project == '" + general + "' }.proposed", equalTo(0.0f));
    }

    /**
     * A department closed on 30 June 2026 still has its 2026 project and result, but no 2027 to propose an amount for:
     * neither the result's own proposals nor the year's recompute make one, while an open department's project gets
     * its proposal each time.
     */
    @Test
    void aSubjectClosedBeforeNextYearGetsNoProposalForIt() {
        String closing = TestDb.registeredSubject(em, bootstrap, "BC", "activeTo", "2026-06-30");
        String open = subject();
        project(closing, "GENERAL", "500000");
        String kept = project(open, "GENERAL", "500000");
        result(closing, "2026", "GOOD", 82);
        result(open, "2026", "GOOD", 82);
        Eventually.until("both results known", Duration.ofSeconds(30), () -> count("select count(*) from result_input"
                + " where subject_code in (?1, ?2)", closing, open) == 2);
        Eventually.until("the open department's proposal", Duration.ofSeconds(30),
                () -> count("select count(*) from proposal where subject_code = ?1", open) == 1);
        assertEquals(0, count("select count(*) from proposal where subject_code = ?1", closing));
        given().auth().oauth2(TestTokens.finance()).queryParam("basedOnYear", 2026)
                .post("/api/v1/budget/proposals/recompute")
                .then().statusCode(200);
        assertEquals(0, count("select count(*) from proposal where subject_code = ?1", closing),
                "the recompute proposes nothing for the closed department either");
        given().auth().oauth2(TestTokens.finance()).queryParam("year", 2027).queryParam("subject", open)
                .get("/api/v1/budget/proposals").then().statusCode(200).body("items.project", equalTo(List.of(kept)));
    }

    @Test
    void badProjectsAreRefused() {
        String s = subject();
        String base = "{\"subject\":\"" + s
                + "\",\"fiscalYear\":2026,\"category\":\"GENERAL\",\"name\":\"x\",\"approvedAmount\":";
        given().auth().oauth2(TestTokens.finance()).contentType(ContentType.JSON).body(base + "-1}")
                .post("/api/v1/budget/projects").then().statusCode(400)
                .body("violations.field", hasItem("approvedAmount"));
        given().auth().oauth2(TestTokens.finance()).contentType(ContentType.JSON).body(base + "1.005}")
                .post("/api/v1/budget/projects").then().statusCode(400);
        given().auth().oauth2(TestTokens.finance()).contentType(ContentType.JSON).body(base + "\"lots\"}")
                .post("/api/v1/budget/projects").then().statusCode(400)
                .body("violations.field", hasItem("approvedAmount"));
        given().auth().oauth2(TestTokens.finance()).contentType(ContentType.JSON)
                .body(base.replace(s, "NOBODY") + "10}").post("/api/v1/budget/projects").then().statusCode(422);
        // the subject's copy is active from 2025-01-01 (its registration event), so it has no budget for 2024
        given().auth().oauth2(TestTokens.finance()).contentType(ContentType.JSON)
                .body(base.replace("2026", "2024") + "10}").post("/api/v1/budget/projects").then().statusCode(422)
                .body("violations[0].field", equalTo("fiscalYear"))
                .body("detail", containsString("active from 2025-01-01 and so has no budget for 2024"));
        given().auth().oauth2(TestTokens.department(s)).contentType(ContentType.JSON).body(base + "10}")
                .post("/api/v1/budget/projects").then().statusCode(403);
        // the goal score is the mean over the linked indicators: one linked twice would count twice
        given().auth().oauth2(TestTokens.finance()).contentType(ContentType.JSON)
                .body(base + "10,\"linkedIndicators\":[\"PRO-A\",\"PRO-B\",\"PRO-A\"]}")
                .post("/api/v1/budget/projects").then().statusCode(400)
                .body("violations[0].field", equalTo("linkedIndicators[2]"));
        assertEquals(0, count("select count(*) from budget_project where subject_code = ?1", s));
    }
}
