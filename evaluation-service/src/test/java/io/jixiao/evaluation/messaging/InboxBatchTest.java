package io.jixiao.evaluation.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.jixiao.evaluation.messaging.ConsumedEvents.ScorecardComputed;
import io.jixiao.evaluation.service.InputService;
import io.jixiao.kit.inbox.EventRoutes;
import io.jixiao.kit.inbox.IdempotentConsumer;
import io.jixiao.testsupport.EventSamples;
import io.jixiao.testsupport.JixiaoTestResource;
import io.jixiao.testsupport.TestDb;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A poll taken as one batch: the event ids are claimed in one statement, each new event is applied once and in order
 * (a later event sees what an earlier one of the same poll wrote), a duplicate inside the poll or from an earlier poll
 * changes nothing, and an event type nobody consumes leaves no trace.
 */
@QuarkusTest
@QuarkusTestResource(JixiaoTestResource.class)
class InboxBatchTest {

    static final String TYPE = ConsumedEvents.SCORECARD_COMPUTED;

    @Inject
    IdempotentConsumer consumer;

    @Inject
    InputService inputs;

    @Inject
    EntityManager em;

    static ConsumerRecord<String, String> record(UUID id, String type, String json, long offset) {
        ConsumerRecord<String, String> r = new ConsumerRecord<>("jixiao.indicator.events", 0, offset, "k", json);
        r.headers().add("ce_id", id.toString().getBytes(StandardCharsets.UTF_8));
        r.headers().add("ce_type", type.getBytes(StandardCharsets.UTF_8));
        return r;
    }

    static String scorecard(String subject, int total, String at) {
        return EventSamples.with(TYPE, "subject", subject, "period", "2026", "total", total, "computedAt", at);
    }

    long count(String sql, Object... params) {
        return TestDb.count(em, sql, params);
    }

    @Test
    void aPollIsAppliedOnceInOrderAndItsDuplicatesChangeNothing() {
        String s = "IB" + System.nanoTime() % 100000;
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        UUID ignored = UUID.randomUUID();
        EventRoutes routes = new EventRoutes().on(TYPE, ScorecardComputed.class, inputs::scorecard);
        List<ConsumerRecord<String, String>> poll = List.of(
                record(first, TYPE, scorecard(s, 50, "2026-03-01T00:00:00Z"), 1),
                record(second, TYPE, scorecard(s, 70, "2026-03-02T00:00:00Z"), 2),
                // the first event delivered again in the same poll, with another total: skipped
                record(first, TYPE, scorecard(s, 10, "2026-03-03T00:00:00Z"), 3),
                record(ignored, "jixiao.indicator.something.else.v1", "{}", 4));

        consumer.handleBatch("indicator-events", poll, routes);

        assertEquals(1, count("select count(*) from scorecard_input where subject_code = ?1", s));
        assertEquals(70, count("select cast(total as bigint) from scorecard_input where subject_code = ?1", s));
        assertEquals(second.toString(), QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "select cast(event_id as varchar) from scorecard_input where subject_code = ?1").setParameter(1, s)
                .getSingleResult()));
        assertEquals(2, count("select count(*) from processed_event where event_id in (cast(?1 as uuid),"
                + " cast(?2 as uuid), cast(?3 as uuid))", first.toString(), second.toString(), ignored.toString()));

        // the whole poll redelivered (a restart before the offsets were committed): nothing changes
        consumer.handleBatch("indicator-events", poll, routes);
        assertEquals(70, count("select cast(total as bigint) from scorecard_input where subject_code = ?1", s));
        assertEquals(2, count("select count(*) from processed_event where event_id in (cast(?1 as uuid),"
                + " cast(?2 as uuid))", first.toString(), second.toString()));
    }
}
