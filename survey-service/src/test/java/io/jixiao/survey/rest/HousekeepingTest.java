package io.jixiao.survey.rest;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.jixiao.kit.housekeeping.ConsumedTopics;
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

    @Inject
    ConsumedTopics topics;

    final String hall = TestTokens.system("service-hall");

    /** A consumed event's id, processed the given interval ago. */
    static final String INBOX = "insert into processed_event (event_id, event_type, processed_at) values (?1,"
            + " 'housekeeping.test', now() - cast(?2 as interval))";

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
        String aged = "update idempotency_key set created_at = now() - cast(?2 as interval) where key = ?1";
        TestDb.update(em, aged, oldKey, "7 days 1 minute");
        TestDb.update(em, aged, newKey, "6 days 23 hours");

        UUID[] events = {UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID()};
        String outbox = "insert into outbox_event (id, topic, event_type, record_key, source, payload, created_at,"
                + " published_at) values (?1, 'jixiao.test.housekeeping', 'housekeeping.test', 'H', 'test',"
                + " cast('{}' as json), now() - cast(?2 as interval), now() - cast(?2 as interval))";
        TestDb.update(em, outbox, events[0], "7 days 1 minute");
        TestDb.update(em, outbox, events[1], "6 days 23 hours");
        TestDb.update(em, INBOX, events[2], "30 days 1 minute");
        TestDb.update(em, INBOX, events[3], "29 days 23 hours");

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

    /**
     * A consumed event's id stays while its topic may still hold the event: with the topic kept for 45 days, an id of
     * 31 days stays and one of 46 days goes; with the topic kept for ever, every id stays.
     */
    @Test
    void consumedEventIdsStayWhileTheirTopicMayStillDeliverTheEvent() throws Exception {
        String topic = "jixiao.indicator.events";
        assertEquals(List.of(topic), topics.names());
        UUID month = UUID.randomUUID();
        UUID longAgo = UUID.randomUUID();
        UUID ancient = UUID.randomUUID();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            try {
                retention(admin, topic, String.valueOf(Duration.ofDays(45).toMillis()));
                TestDb.update(em, INBOX, month, "31 days");
                TestDb.update(em, INBOX, longAgo, "46 days");
                housekeeping.purge(OffsetDateTime.now(ZoneOffset.UTC));
                assertEquals(1, count("select count(*) from processed_event where event_id = ?1", month));
                assertEquals(0, count("select count(*) from processed_event where event_id = ?1", longAgo));

                retention(admin, topic, "-1");
                TestDb.update(em, INBOX, ancient, "400 days");
                assertEquals(0, housekeeping.purge(OffsetDateTime.now(ZoneOffset.UTC)).processedEvents());
                assertEquals(1, count("select count(*) from processed_event where event_id = ?1", ancient));
            } finally {
                retention(admin, topic, null);
            }
        }
        // the broker's default (7 days) again: the 30 days of jixiao.inbox.retention apply
        housekeeping.purge(OffsetDateTime.now(ZoneOffset.UTC));
        assertEquals(0, count("select count(*) from processed_event where event_id in (?1, ?2)", month, ancient));
    }

    /**
     * Sets the topic's {@code retention.ms}, or with null goes back to the broker's default, and waits until the
     * broker describes the topic so: the change is committed before the broker applies it, and a housekeeping run in
     * between would read the old retention (a CI run once did).
     */
    static void retention(Admin admin, String topic, String ms) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        admin.incrementalAlterConfigs(Map.of(resource, List.of(new AlterConfigOp(new ConfigEntry("retention.ms", ms),
                ms == null ? AlterConfigOp.OpType.DELETE : AlterConfigOp.OpType.SET)))).all().get(30, TimeUnit.SECONDS);
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (true) {
            ConfigEntry e = admin.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource)
                    .get("retention.ms");
            if (ms == null ? e.source() != ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG : ms.equals(e.value())) {
                return;
            }
            assertTrue(System.nanoTime() < deadline, "retention.ms of " + topic + " still described as " + e);
            Thread.sleep(50);
        }
    }
}
