package io.jixiao.survey.rest;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.jixiao.kit.housekeeping.Housekeeping;
import io.jixiao.testsupport.JixiaoTestResource;
import io.jixiao.testsupport.TestDb;
import io.jixiao.testsupport.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * The kit's housekeeping, in the tables of a real service: what is past its retention goes, what is not stays, and an
 * idempotency key that was deleted counts as new.
 */
@QuarkusTest
@QuarkusTestResource(JixiaoTestResource.class)
class HousekeepingTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    EntityManager em;

    @Inject
    Housekeeping housekeeping;

    final String hall = TestTokens.system("service-hall");

    void sql(String sql, Object... params) {
        TestDb.update(em, sql, params);
    }

    long count(String sql, Object... params) {
        return TestDb.count(em, sql, params);
    }

    @Test
    void rowsPastTheirRetentionAreDeletedAndTheRestKept() {
        String s = TestDb.registeredSubject(em, bootstrap, "H");
        String oldKey = UUID.randomUUID().toString();
        String newKey = UUID.randomUUID().toString();
        String ratedAt = OffsetDateTime.now(ZoneOffset.UTC).minusHours(1).toString();
        var oldReview = ReviewFlowTest.review("H-" + oldKey, s, "SATISFIED", ratedAt);
        var newReview = ReviewFlowTest.review("H-" + newKey, s, "SATISFIED", ratedAt);
        given().auth().oauth2(hall).header("Idempotency-Key", oldKey).contentType(ContentType.JSON).body(oldReview)
                .post("/api/v1/reviews").then().statusCode(201);
        given().auth().oauth2(hall).header("Idempotency-Key", newKey).contentType(ContentType.JSON).body(newReview)
                .post("/api/v1/reviews").then().statusCode(201);
        sql("update idempotency_key set created_at = now() - interval '7 days 1 minute' where key = ?1", oldKey);
        sql("update idempotency_key set created_at = now() - interval '6 days 23 hours' where key = ?1", newKey);

        UUID[] events = {UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID()};
        String outbox = "insert into outbox_event (id, topic, event_type, record_key, source, payload, created_at,"
                + " published_at) values (?1, 'jixiao.test.housekeeping', 'housekeeping.test', 'H', 'test',"
                + " cast('{}' as json), now() - cast(?2 as interval), now() - cast(?2 as interval))";
        sql(outbox, events[0], "7 days 1 minute");
        sql(outbox, events[1], "6 days 23 hours");
        String inbox = "insert into processed_event (event_id, event_type, processed_at) values (?1,"
                + " 'housekeeping.test', now() - cast(?2 as interval))";
        sql(inbox, events[2], "30 days 1 minute");
        sql(inbox, events[3], "29 days 23 hours");

        var purged = housekeeping.purge(OffsetDateTime.now(ZoneOffset.UTC));

        assertTrue(purged.outboxEvents() >= 1 && purged.idempotencyKeys() >= 1 && purged.processedEvents() >= 1,
                purged::toString);
        assertEquals(0, count("select count(*) from idempotency_key where key = ?1", oldKey));
        assertEquals(1, count("select count(*) from idempotency_key where key = ?1", newKey));
        assertEquals(0, count("select count(*) from outbox_event where id = ?1", events[0]));
        assertEquals(1, count("select count(*) from outbox_event where id = ?1", events[1]));
        assertEquals(0, count("select count(*) from processed_event where event_id = ?1", events[2]));
        assertEquals(1, count("select count(*) from processed_event where event_id = ?1", events[3]));

        // the forgotten key is a new request: the same review again is a duplicate case number, not a replay
        given().auth().oauth2(hall).header("Idempotency-Key", oldKey).contentType(ContentType.JSON).body(oldReview)
                .post("/api/v1/reviews").then().statusCode(409);
        given().auth().oauth2(hall).header("Idempotency-Key", newKey).contentType(ContentType.JSON).body(newReview)
                .post("/api/v1/reviews").then().statusCode(201).header("Idempotent-Replayed", "true");
    }
}
