package io.jixiao.kit.outbox;

import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.transaction.TransactionSynchronizationRegistry;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.config.ConfigProvider;
import org.hibernate.Session;
import org.jboss.logging.Logger;

import io.jixiao.kit.kafka.ReliableProducer;
import io.jixiao.kit.tx.BatchWorker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Publishes committed outbox rows to Kafka with acks=all and idempotence on, in insertion order, then marks them
 * published. One relay works at a time across replicas (a transaction-scoped advisory lock), so per-subject order
 * holds. A send that fails leaves the rows unpublished for the next round: delivery is at least once, and consumers
 * deduplicate by event id.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final long LOCK_KEY = 0x6A69786961L; // "jixia"

    private final EntityManager em;
    private final TransactionSynchronizationRegistry registry;
    private final Counter published;
    private final Counter failures;
    private Producer<String, String> producer;
    private BatchWorker worker;

    public OutboxRelay(EntityManager em, TransactionSynchronizationRegistry registry, MeterRegistry meters) {
        this.em = em;
        this.registry = registry;
        this.published = meters.counter("jixiao.outbox.published");
        this.failures = meters.counter("jixiao.outbox.failures");
    }

    void onStart(@Observes StartupEvent ev) {
        if (!setting("jixiao.outbox.enabled", Boolean.class, true)) {
            LOG.warn("outbox relay disabled: events stay in the outbox");
            return;
        }
        worker = new BatchWorker("outbox-relay", setting("jixiao.outbox.poll-interval", Duration.class,
                Duration.ofMillis(500)), () -> QuarkusTransaction.requiringNew().call(this::publishBatch) > 0, e -> {
                    failures.increment();
                    resetProducer();
                });
        worker.start();
    }

    void onStop(@Observes ShutdownEvent ev) {
        if (worker != null) {
            worker.stop();
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }

    /** Wakes the relay as soon as the current transaction commits, instead of at the next poll. */
    void nudgeAfterCommit() {
        if (worker != null) {
            worker.wakeAfterCommit(registry);
        }
    }

    /** A committed event waiting to be published: the columns the record needs, read without an entity. */
    record Pending(UUID id, String topic, String type, String key, String source, String payload,
            String correlationId, OffsetDateTime createdAt) {
    }

    /**
     * One batch in one transaction: lock, send, wait for every ack, mark published. Returns how many were sent. Plain
     * JDBC: the relay reads tens of thousands of rows after an import, and entities would be built, registered and
     * dirty-checked for nothing.
     */
    int publishBatch() throws Exception {
        int batchSize = setting("jixiao.outbox.batch-size", Integer.class, 500);
        List<Pending> batch = new ArrayList<>(batchSize);
        Session session = em.unwrap(Session.class);
        boolean locked = session.doReturningWork(c -> {
            try (Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("select pg_try_advisory_xact_lock(" + LOCK_KEY + ")")) {
                if (!rs.next() || !rs.getBoolean(1)) {
                    return false;
                }
            }
            try (PreparedStatement ps = c.prepareStatement("select id, topic, event_type, record_key, source, "
                    + "payload, correlation_id, created_at from outbox_event where published_at is null order by seq "
                    + "limit ? for update skip locked")) {
                ps.setInt(1, batchSize);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        batch.add(new Pending(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                                rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7),
                                rs.getObject(8, OffsetDateTime.class)));
                    }
                }
            }
            return true;
        });
        if (!locked || batch.isEmpty()) {
            return 0;
        }
        Producer<String, String> p = producer();
        List<Future<RecordMetadata>> acks = new ArrayList<>(batch.size());
        for (Pending e : batch) {
            acks.add(p.send(toRecord(e)));
        }
        p.flush();
        for (Future<RecordMetadata> f : acks) {
            f.get(30, TimeUnit.SECONDS);
        }
        UUID[] ids = batch.stream().map(Pending::id).toArray(UUID[]::new);
        session.doWork(c -> {
            try (PreparedStatement ps = c.prepareStatement("update outbox_event set published_at = now(), "
                    + "attempts = attempts + 1 where id = any(?)")) {
                ps.setArray(1, c.createArrayOf("uuid", ids));
                ps.executeUpdate();
            }
        });
        published.increment(batch.size());
        return batch.size();
    }

    static ProducerRecord<String, String> toRecord(Pending e) {
        RecordHeaders h = new RecordHeaders();
        h.add("ce_specversion", bytes("1.0"));
        h.add("ce_id", bytes(e.id().toString()));
        h.add("ce_type", bytes(e.type()));
        h.add("ce_source", bytes(e.source()));
        h.add("ce_subject", bytes(e.key()));
        h.add("ce_time", bytes(
                e.createdAt().withOffsetSameInstant(ZoneOffset.UTC).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)));
        h.add("content-type", bytes("application/json"));
        if (e.correlationId() != null) {
            h.add("ce_correlationid", bytes(e.correlationId()));
        }
        return new ProducerRecord<>(e.topic(), null, e.key(), e.payload(), h);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private synchronized Producer<String, String> producer() {
        if (producer == null) {
            producer = ReliableProducer.create("outbox");
        }
        return producer;
    }

    private synchronized void resetProducer() {
        if (producer != null) {
            try {
                producer.close(Duration.ofSeconds(1));
            } catch (RuntimeException e) {
                // closing a broken producer
            }
            producer = null;
        }
    }

    private static <T> T setting(String name, Class<T> type, T fallback) {
        return ConfigProvider.getConfig().getOptionalValue(name, type).orElse(fallback);
    }
}
