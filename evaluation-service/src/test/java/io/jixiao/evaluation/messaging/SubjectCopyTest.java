package io.jixiao.evaluation.messaging;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
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

/**
 * A subject revised in indicator-service (renamed, moved under another parent, closed) is revised in this service's
 * copy, and a cycle is checked against the copy's active period.
 */
@QuarkusTest
@QuarkusTestResource(JixiaoTestResource.class)
class SubjectCopyTest {

    static final String TOPIC = "jixiao.indicator.events";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    EntityManager em;

    @Test
    void aChangedSubjectReplacesTheCopysNameAndParent() {
        String code = "COPY" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        sendAndAwait(ConsumedEvents.SUBJECT_REGISTERED, code, "旧名", "OLD", null);
        sendAndAwait(ConsumedEvents.SUBJECT_CHANGED, code, "新名", "NEW", null);
    }

    /**
     * A department closed on 30 June (its change event) is evaluated for its first half-year and its year, and a cycle
     * of its second half-year is refused with the subject named, creating nothing.
     */
    @Test
    void aClosedSubjectIsNotEvaluatedForAPeriodAfterItsEnd() {
        String code = "CLOS" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        sendAndAwait(ConsumedEvents.SUBJECT_REGISTERED, code, "将撤并的局", "CITY", null);
        sendAndAwait(ConsumedEvents.SUBJECT_CHANGED, code, "将撤并的局", "CITY", "2026-06-30");
        long cycles = TestDb.count(em, "select count(*) from cycle");

        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("name", "下半年考核", "period", "2026-H2", "subjects", List.of(code)))
                .post("/api/v1/cycles").then().statusCode(422).contentType("application/problem+json")
                .body("violations[0].field", equalTo("subjects"))
                .body("detail", containsString(code + " is active from 2025-01-01 until 2026-06-30"));
        assertEquals(cycles, TestDb.count(em, "select count(*) from cycle"));
        for (String period : List.of("2026-H1", "2026")) {
            given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                    .body(Map.of("name", "考核", "period", period, "subjects", List.of(code)))
                    .post("/api/v1/cycles").then().statusCode(201);
        }
    }

    /**
     * Sends a subject event, its type's sample (active from 2025-01-01) with the code, names and end replaced, and
     * waits for the copy to say what it says.
     */
    void sendAndAwait(String type, String code, String name, String parent, String activeTo) {
        EventSamples.send(bootstrap, TOPIC, type, code, EventSamples.with(type, "code",
                code, "nameZh", name, "parentCode", parent, "activeTo", activeTo), UUID.randomUUID());
        Eventually.until(type, Duration.ofSeconds(30), () -> TestDb.count(em,
                "select count(*) from known_subject where code = ?1 and name_zh = ?2 and parent_code = ?3"
                        + " and active_from = date '2025-01-01' and active_to is not distinct from cast(?4 as date)",
                code, name, parent, activeTo) == 1);
    }
}
