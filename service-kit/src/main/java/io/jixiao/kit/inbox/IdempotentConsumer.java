package io.jixiao.kit.inbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.jixiao.kit.web.Correlation;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * The idempotent consumer: in one transaction, record the event id in {@code processed_event} (insert-if-absent) and,
 * only if it was new, apply the effect. A redelivered event changes nothing. Failures are retried a few times (a
 * database hiccup); a poison record is not retried and goes to the channel's dead-letter topic.
 */
@ApplicationScoped
public class IdempotentConsumer {

    private static final Logger LOG = Logger.getLogger(IdempotentConsumer.class);

    private static final int ATTEMPTS = 4;
    private static final long BACKOFF_MS = 200;

    private final EntityManager em;
    private final ObjectMapper mapper;
    private final MeterRegistry meters;
    private final DeadLetters deadLetters;

    public IdempotentConsumer(EntityManager em, ObjectMapper mapper, MeterRegistry meters, DeadLetters deadLetters) {
        this.em = em;
        this.mapper = mapper;
        this.meters = meters;
        this.deadLetters = deadLetters;
    }

    /**
     * A poll's records at once (a channel with {@code batch=true}): one transaction records every event id and
     * applies each new event, so a burst costs one commit instead of one per record. If that transaction fails, the
     * records are applied one by one, each in its own transaction and retried up to four times; a poison record is
     * then sent to the channel's dead-letter topic on its own and the rest of the poll still counts. A record that
     * keeps failing for another reason fails the poll (the channel's failure strategy decides).
     */
    public void handleBatch(String channel, Iterable<ConsumerRecord<String, String>> records, EventRoutes routes) {
        java.util.List<ConsumerRecord<String, String>> all = new java.util.ArrayList<>();
        records.forEach(all::add);
        if (all.isEmpty()) {
            return;
        }
        try {
            java.util.List<EventEnvelope> envs = all.stream().map(EventEnvelope::from).toList();
            QuarkusTransaction.requiringNew().run(() -> envs.forEach(env -> apply(env, routes)));
            meters.counter("jixiao.inbox.batches").increment();
            return;
        } catch (RuntimeException e) {
            LOG.debugf("a batch of %d records failed as a whole (%s): applying them one by one", all.size(),
                    e.toString());
        }
        for (ConsumerRecord<String, String> r : all) {
            try {
                handleWithRetries(r, routes);
            } catch (PoisonEventException e) {
                meters.counter("jixiao.inbox.dead_lettered").increment();
                deadLetters.send(channel, r, e);
            }
        }
    }

    private void handleWithRetries(ConsumerRecord<String, String> r, EventRoutes routes) {
        EventEnvelope env = EventEnvelope.from(r);
        for (int attempt = 1;; attempt++) {
            try {
                QuarkusTransaction.requiringNew().run(() -> apply(env, routes));
                return;
            } catch (PoisonEventException e) {
                throw e;
            } catch (RuntimeException e) {
                if (e.getCause() instanceof PoisonEventException p) {
                    throw p;
                }
                if (attempt >= ATTEMPTS) {
                    throw e;
                }
                try {
                    Thread.sleep(BACKOFF_MS);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private void apply(EventEnvelope env, EventRoutes routes) {
        if (env.correlationId() != null) {
            MDC.put(Correlation.MDC_KEY, env.correlationId());
        }
        try {
            if (!routes.handles(env.type())) {
                return;
            }
            int inserted = em.createNativeQuery("insert into processed_event (event_id, event_type, processed_at)"
                    + " values (:id, :type, now()) on conflict (event_id) do nothing")
                    .setParameter("id", env.id()).setParameter("type", env.type()).executeUpdate();
            if (inserted == 0) {
                meters.counter("jixiao.inbox.duplicates", "type", env.type()).increment();
                LOG.debugf("event %s (%s) already processed: skipped", env.id(), env.type());
                return;
            }
            routes.dispatch(env, mapper);
            meters.counter("jixiao.inbox.processed", "type", env.type()).increment();
        } finally {
            MDC.remove(Correlation.MDC_KEY);
        }
    }
}
