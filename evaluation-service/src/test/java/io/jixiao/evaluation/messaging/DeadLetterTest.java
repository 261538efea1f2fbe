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

/**
 * An operator reads what this service parked on its dead-letter topic and applies a record again once the cause of
 * its refusal is gone: exactly once in effect, and a record still refused changes nothing. Admins only.
 */
@QuarkusTest
@QuarkusTestResource(JixiaoTestResource.class)
class DeadLetterTest {

    static final String PATH = "/api/v1/ops/evaluation/dead-letters";
    static final String DLQ = "jixiao.evaluation.dlq";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    EntityManager em;

    /** The parked record of an event, as the list shows it (waits until it is there). */
    Map<String, Object> parked(UUID eventId) {
        Map<String, Object>[] found = new Map[1];
        Eventually.until("event " + eventId + " parked", Duration.ofSeconds(30), () -> {
            List<Map<String, Object>> items = given().auth().oauth2(TestTokens.admin()).queryParam("size", 100)
                    .get(PATH).then().statusCode(200).extract().path("items");
            found[0] = items.stream().filter(i -> eventId.toString().equals(i.get("eventId"))).findFirst()
                    .orElse(null);
            return found[0] != null;
        });
        return found[0];
    }

    static io.restassured.response.ValidatableResponse redrive(Map<String, Object> parked) {
        return given().auth().oauth2(TestTokens.admin())
                .post(PATH + "/{p}/{o}/redrive", parked.get("partition"), ((Number) parked.get("offset")).longValue())
                .then();
    }

    long copies(String code) {
        return TestDb.count(em, "select count(*) from known_subject where code = ?1", code);
    }

    @Test
    void aRecordStillRefusedIsListedWithItsReasonAndRedrivingItChangesNothing() {
        String type = ConsumedEvents.SUBJECT_REGISTERED;
        String code = "DLQ" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        // no name: this service refuses it, now and after any redrive
        UUID id = EventSamples.send(bootstrap, "jixiao.indicator.events", type, code,
                EventSamples.with(type, "code", code, "nameZh", null), UUID.randomUUID());
        Map<String, Object> p = parked(id);
        assertEquals(DLQ, p.get("topic"));
        assertEquals("jixiao.indicator.events", p.get("originalTopic"));
        assertEquals(type, p.get("type"));
        assertEquals(code, p.get("subject"));
        assertEquals(false, p.get("processed"));
        assertEquals(true, ((String) p.get("reason")).contains("without code or name"), p.toString());

        redrive(p).statusCode(422).contentType("application/problem+json")
                .body("detail", containsString("still refused"));
        assertEquals(0, copies(code));
        assertEquals(false, parked(id).get("processed"));
    }

    /**
     * A registration an earlier version of this service parked (as if its consumer had a fault since fixed): redriven,
     * it is applied once; redriven again, nothing changes; the list then shows it processed.
     */
    @Test
    void aParkedRecordWhoseCauseIsGoneIsAppliedOnceWhenRedriven() {
        String type = ConsumedEvents.SUBJECT_REGISTERED;
        String code = "DLR" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        UUID id = EventSamples.park(bootstrap, DLQ, "jixiao.indicator.events", type, code,
                EventSamples.with(type, "code", code), UUID.randomUUID());
        Map<String, Object> p = parked(id);
        assertEquals(0, copies(code));

        redrive(p).statusCode(200).body("outcome", equalTo("APPLIED")).body("eventId", equalTo(id.toString()))
                .body("type", equalTo(type));
        assertEquals(1, copies(code));
        assertEquals(true, parked(id).get("processed"));
        redrive(p).statusCode(200).body("outcome", equalTo("ALREADY_PROCESSED"));
        assertEquals(1, TestDb.count(em, "select count(*) from processed_event where event_id = ?1", id));

        for (String token : List.of(TestTokens.department(code), TestTokens.superior("boss"),
                TestTokens.assessor("a1", "ASSESS-CO"), TestTokens.system("hall-system"))) {
            given().auth().oauth2(token).get(PATH).then().statusCode(403);
            given().auth().oauth2(token).post(PATH + "/{p}/{o}/redrive", p.get("partition"), p.get("offset")).then()
                    .statusCode(403);
        }
        given().get(PATH).then().statusCode(401);
        given().auth().oauth2(TestTokens.admin()).post(PATH + "/0/999999/redrive").then().statusCode(404)
                .contentType("application/problem+json");
        given().auth().oauth2(TestTokens.admin()).post(PATH + "/7/0/redrive").then().statusCode(404);
    }
}
