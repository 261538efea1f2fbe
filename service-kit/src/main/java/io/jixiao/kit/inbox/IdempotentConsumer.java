package io.jixiao.kit.inbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.jixiao.kit.web.Correlation;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * The idempotent consumer: in one transaction, record the event id in {@code processed_event} (insert-if-absent) and,
 * only if it was new, apply the effect. A redelivered event changes nothing. Failures are retried a few times (a
 * database hiccup); a poison record is not retried and the channel's failure strategy sends it to the dead-letter topic.
 */
@ApplicationScoped
public class IdempotentConsumer {

    private static final Logger LOG = Logger.getLogger(IdempotentConsumer.class);

    private final EntityManager em;
    private final ObjectMapper mapper;
    private final MeterRegistry meters;

    public IdempotentConsumer(EntityManager em, ObjectMapper mapper, MeterRegistry meters) {
        this.em = em;
        this.mapper = mapper;
        this.meters = meters;
    }

    /** Each attempt runs in a transaction of its own (the retry is outside it). */
    @Retry(maxRetries = 3, delay = 200, abortOn = PoisonEventException.class)
    public void handle(ConsumerRecord<String, String> record, EventRoutes routes) {
        EventEnvelope env = EventEnvelope.from(record);
        QuarkusTransaction.requiringNew().run(() -> apply(env, routes));
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
