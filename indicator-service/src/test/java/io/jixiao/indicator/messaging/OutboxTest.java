package io.jixiao.indicator.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.jixiao.kit.outbox.Outbox;
import io.jixiao.testsupport.JixiaoTestResource;
import io.jixiao.testsupport.TopicProbe;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The outbox guarantee: an event leaves only when the transaction that wrote it commits, and then it does leave. */
@QuarkusTest
@QuarkusTestResource(JixiaoTestResource.class)
class OutboxTest {

    static final String TOPIC = "jixiao.indicator.events";

    @Inject
    Outbox outbox;

    @Inject
    EntityManager em;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void aRolledBackTransactionPublishesNothingAndACommittedOneDoes() {
        String rolledBack = "RB" + UUID.randomUUID().toString().substring(0, 6);
        String committed = "OK" + UUID.randomUUID().toString().substring(0, 6);
        assertThrows(IllegalStateException.class, () -> QuarkusTransaction.requiringNew().run(() -> {
            outbox.publish(TOPIC, "jixiao.test.probe.v1", rolledBack, Map.of("n", 1));
            throw new IllegalStateException("the state change fails after the event was written");
        }));
        QuarkusTransaction.requiringNew().run(() -> outbox.publish(TOPIC, "jixiao.test.probe.v1", committed,
                Map.of("n", 2)));

        var published = TopicProbe.await(bootstrap, TOPIC, r -> committed.equals(r.key()), 1, Duration.ofSeconds(20));
        assertEquals(1, published.size());
        assertEquals("jixiao.test.probe.v1", TopicProbe.header(published.get(0), "ce_type"));
        // the committed event is on the topic; by then the rolled-back one would be too, had it been written
        List<?> ghost = TopicProbe.drain(bootstrap, TOPIC, r -> rolledBack.equals(r.key()), Duration.ofSeconds(2));
        assertEquals(0, ghost.size());
        long rows = QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select count(*) from outbox_event where record_key = ?1").setParameter(1, rolledBack)
                .getSingleResult()).longValue());
        assertEquals(0, rows);
        long marked = QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select count(*) from outbox_event where record_key = ?1 and published_at is not null")
                .setParameter(1, committed).getSingleResult()).longValue());
        assertEquals(1, marked);
    }
}
