package io.jixiao.kit.outbox;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.MDC;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.jixiao.kit.web.Correlation;

/**
 * Records an event in the caller's transaction. There is no other way for a service to publish: if the transaction
 * rolls back, the event never existed; if it commits, the relay will publish it (at least once).
 */
@ApplicationScoped
public class Outbox {

    private final EntityManager em;
    private final ObjectMapper mapper;
    private final String source;
    private final OutboxRelay relay;

    public Outbox(EntityManager em, ObjectMapper mapper, OutboxRelay relay,
            @ConfigProperty(name = "quarkus.application.name") String source) {
        this.em = em;
        this.mapper = mapper;
        this.relay = relay;
        this.source = source;
    }

    /**
     * @param topic the producing service's topic
     * @param type the CloudEvents type, e.g. {@code jixiao.evaluation.result.finalized.v1}
     * @param subjectCode the record key and {@code ce_subject}: the subject (department) code
     * @param payload a small record, serialized as JSON
     * @return the event id
     */
    @Transactional(TxType.MANDATORY)
    public UUID publish(String topic, String type, String subjectCode, Object payload) {
        OutboxEvent e = new OutboxEvent();
        e.id = EventIds.next();
        e.topic = topic;
        e.type = type;
        e.key = subjectCode;
        e.source = source;
        try {
            e.payload = mapper.writeValueAsString(payload);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("event payload not serializable: " + type, ex);
        }
        Object cid = MDC.get(Correlation.MDC_KEY);
        e.correlationId = cid == null ? null : cid.toString();
        e.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
        em.persist(e);
        relay.nudgeAfterCommit();
        return e.id;
    }

    /** One event of a batch: its subject (record key) and payload. */
    public record Keyed(String subjectCode, Object payload) {
    }

    /**
     * Many events of one type in the caller's transaction, written with one batched statement (imports of tens of
     * thousands of rows): the same rows {@link #publish} writes, without an entity per event.
     */
    @Transactional(TxType.MANDATORY)
    public int publishAll(String topic, String type, List<Keyed> events) {
        if (events.isEmpty()) {
            return 0;
        }
        em.flush();
        Object cid = MDC.get(Correlation.MDC_KEY);
        String correlation = cid == null ? null : cid.toString();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        List<Object[]> rows = new java.util.ArrayList<>(events.size());
        for (Keyed k : events) {
            try {
                rows.add(new Object[]{EventIds.next(), topic, type, k.subjectCode(), source,
                        mapper.writeValueAsString(k.payload()), correlation, now});
            } catch (JsonProcessingException ex) {
                throw new IllegalStateException("event payload not serializable: " + type, ex);
            }
        }
        em.unwrap(org.hibernate.Session.class).doWork(connection -> io.jixiao.kit.sql.Copy.into(connection,
                "outbox_event",
                List.of("id", "topic", "event_type", "record_key", "source", "payload", "correlation_id",
                        "created_at"),
                rows));
        relay.nudgeAfterCommit();
        return events.size();
    }
}
