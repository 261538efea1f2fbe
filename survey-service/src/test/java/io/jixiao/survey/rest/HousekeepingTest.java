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

    /**
     * A consumed event's id stays while its topic may still hold the event: with the topic kept for 45 days, an id of
     * 31 days stays and one of 46 days goes; with the topic kept for ever, every id stays.
     */
    @Test
    void consumedEventIdsStayWhileTheirTopicMayStillDeliverTheEvent() throws Exception {
        String topic = "jixiao.indicator.events";
        assertEquals(List.of(topic), topics.names());
        String inbox = "insert into processed_event (event_id, event_type, processed_at) values (?1,"
                + " 'housekeeping.test', now() - cast(?2 as interval))";
        UUID month = UUID.randomUUID();
        UUID longAgo = UUID.randomUUID();
        UUID ancient = UUID.randomUUID();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            try {
                retention(admin, topic, String.valueOf(Duration.ofDays(45).toMillis()));
                sql(inbox, month, "31 days");
                sql(inbox, longAgo, "46 days");
                housekeeping.purge(OffsetDateTime.now(ZoneOffset.UTC));
                assertEquals(1, count("select count(*) from processed_event where event_id = ?1", month));
                assertEquals(0, count("select count(*) from processed_event where event_id = ?1", longAgo));

                retention(admin, topic, "-1");
                sql(inbox, ancient, "400 days");
                assertEquals(0, housekeeping.purge(OffsetDateTime.now(ZoneOffset.UTC)).processedEvents());
                assertEquals(1, count("select count(*) from processed_event where event_id = ?1", ancient));
            } finally {
                admin.incrementalAlterConfigs(Map.of(new ConfigResource(ConfigResource.Type.TOPIC, topic),
                        List.of(new AlterConfigOp(new ConfigEntry("retention.ms", null), AlterConfigOp.OpType.DELETE))))
                        .all().get(30, TimeUnit.SECONDS);
            }
        }
        // the broker's default (7 days) again: the 30 days of jixiao.inbox.retention apply
        housekeeping.purge(OffsetDateTime.now(ZoneOffset.UTC));
        assertEquals(0, count("select count(*) from processed_event where event_id in (?1, ?2)", month, ancient));
    }

    static void retention(Admin admin, String topic, String ms) throws Exception {
        admin.incrementalAlterConfigs(Map.of(new ConfigResource(ConfigResource.Type.TOPIC, topic),
                List.of(new AlterConfigOp(new ConfigEntry("retention.ms", ms), AlterConfigOp.OpType.SET)))).all()
                .get(30, TimeUnit.SECONDS);
    }
}
