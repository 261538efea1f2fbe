package io.jixiao.evaluation.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.jixiao.evaluation.service.CycleService;
import io.jixiao.testsupport.Eventually;
import io.jixiao.testsupport.JixiaoTestResource;
import io.jixiao.testsupport.TestDb;
import io.jixiao.testsupport.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
@QuarkusTestResource(JixiaoTestResource.class)
class BulkRatingTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    EntityManager em;

    @Inject
    CycleService cycles;

    long count(String sql, Object... params) {
        return TestDb.count(em, sql, params);
    }

    String subject() {
        return TestDb.registeredSubject(em, bootstrap, "K");
    }

    static Map<String, Object> rating(String subject, String criterion, int score) {
        return Map.of("subject", subject, "party", "THIRD_PARTY", "criteria",
                List.of(Map.of("code", criterion, "score", score)));
    }

    @Test
    void theCycleARatingIsCheckedAgainstIsReadOnlyAndStaysUnchanged() {
        String a = subject();
        String cycle = given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("name", "只读", "period", "2026", "subjects", List.of(a))).post("/api/v1/cycles").then()
                .statusCode(201).extract().path("id");
        QuarkusTransaction.requiringNew().run(() -> {
            var c = cycles.read(UUID.fromString(cycle));
            assertEquals(true, em.unwrap(org.hibernate.Session.class).isReadOnly(c));
            c.name = "改过的名称";
        });
        given().auth().oauth2(TestTokens.admin()).get("/api/v1/cycles/{id}", cycle).then().statusCode(200)
                .body("name", equalTo("只读"));
    }

    @Test
    void assessorsSubmitInBulkEachEntryJudgedAloneAndAReplayIsIdempotent() {
        String a = subject();
        String b = subject();
        String cycle = given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("name", "第三方评估", "period", "2026", "subjects", List.of(a, b)))
                .post("/api/v1/cycles").then().statusCode(201).extract().path("id");
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("assignments",
                        List.of(Map.of("party", "THIRD_PARTY", "evaluator", "ORG-X", "subject", a))))
                .post("/api/v1/cycles/{id}/assignments", cycle).then().statusCode(200);
        given().auth().oauth2(TestTokens.admin()).post("/api/v1/cycles/{id}/open", cycle).then().statusCode(200);

        String assessor = TestTokens.assessor("system-of-org-x", "ORG-X");
        var body = Map.of("ratings", List.of(rating(a, "PROFESSIONAL_COMPLIANCE", 85),
                rating(b, "PROFESSIONAL_COMPLIANCE", 60), rating(a, "GOAL_ACHIEVEMENT", 70)));
        String first = given().auth().oauth2(assessor).header("Idempotency-Key", "batch-2026-001")
                .contentType(ContentType.JSON).body(body).post("/api/v1/cycles/{id}/ratings/bulk", cycle).then()
                .statusCode(200).body("submitted", equalTo(3)).body("accepted.index", equalTo(List.of(0)))
                .body("rejected.index", equalTo(List.of(1, 2))).body("rejected.status", equalTo(List.of(403, 422)))
                .extract().path("accepted[0].rating");

        // the same key and body: the first answer again, nothing written twice
        given().auth().oauth2(assessor).header("Idempotency-Key", "batch-2026-001").contentType(ContentType.JSON)
                .body(body).post("/api/v1/cycles/{id}/ratings/bulk", cycle).then().statusCode(200)
                .body("accepted[0].rating", equalTo(first));
        assertEquals(1, count("select count(*) from rating where cycle_id = cast(?1 as uuid)", cycle));
        // the same key with another body is refused
        given().auth().oauth2(assessor).header("Idempotency-Key", "batch-2026-001").contentType(ContentType.JSON)
                .body(Map.of("ratings", List.of(rating(a, "PROFESSIONAL_COMPLIANCE", 99))))
                .post("/api/v1/cycles/{id}/ratings/bulk", cycle).then().statusCode(422);
        // the key is required, and a refusal names the header as the caller wrote it (it said "key", the parameter)
        given().auth().oauth2(assessor).contentType(ContentType.JSON).body(body)
                .post("/api/v1/cycles/{id}/ratings/bulk", cycle).then().statusCode(400)
                .body("violations[0].field", equalTo("Idempotency-Key"))
                .body("violations[0].message", startsWith("required"));
        given().auth().oauth2(assessor).header("Idempotency-Key", "batch 2026/001").contentType(ContentType.JSON)
                .body(body).post("/api/v1/cycles/{id}/ratings/bulk", cycle).then().statusCode(400)
                .body("violations[0].field", equalTo("Idempotency-Key"));
        given().auth().oauth2(TestTokens.finance()).header("Idempotency-Key", "k").contentType(ContentType.JSON)
                .body(body).post("/api/v1/cycles/{id}/ratings/bulk", cycle).then().statusCode(403);
        assertEquals(1, count("select count(*) from rating where cycle_id = cast(?1 as uuid)", cycle));
        // linked into the chain after the commit by the background appender, without any read draining the queue
        Eventually.until("the accepted rating is linked", java.time.Duration.ofSeconds(10),
                () -> count("select count(*) from ledger_entry where cycle_id = cast(?1 as uuid)", cycle) == 1
                        && count("select count(*) from ledger_pending where cycle_id = cast(?1 as uuid)", cycle) == 0);
    }
}
