package io.jixiao.kit.inbox;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.hibernate.Session;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.jixiao.kit.sql.DatabaseOutage;
import io.jixiao.kit.web.Correlation;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * The idempotent consumer: in one transaction, record the event id in {@code processed_event} (insert-if-absent) and,
 * only if it was new, apply the effect. A redelivered event changes nothing. Failures are retried a few times (a
 * database hiccup), and for as long as the database cannot be reached at all (an outage); a poison record is not
 * retried and goes to the channel's dead-letter topic.
 */
@ApplicationScoped
public class IdempotentConsumer {

    private static final Logger LOG = Logger.getLogger(IdempotentConsumer.class);

    private static final int ATTEMPTS = 4;
    private static final long BACKOFF_MS = 200;
    private static final long OUTAGE_PAUSE_MS = 2_000;
    private static final long OUTAGE_WARN_EVERY_NS = 30_000_000_000L;

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

    /** What {@link #reapply} did with a record. */
    public enum Reapplied {
        /** The event was new here, and its effect is now applied. */
        APPLIED,
        /** The event's id had been processed already (the record was applied before): nothing changed. */
        ALREADY_PROCESSED,
        /** The channel does not handle the event's type: acknowledged and ignored, as on the topic. */
        NOT_HANDLED
    }

    private final java.util.Map<String, EventRoutes> channels = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * Names the routes a channel's records take, for {@link #routesOf}. The consumer of a channel declares its routes
     * once, when it is built (at startup: a {@code @Startup} bean), and passes the same routes to {@link #handleBatch}.
     */
    public EventRoutes register(String channel, EventRoutes routes) {
        channels.put(channel, routes);
        return routes;
    }

    /** The routes registered for a channel, if any. */
    public java.util.Optional<EventRoutes> routesOf(String channel) {
        return java.util.Optional.ofNullable(channels.get(channel));
    }

    /**
     * Applies one record again, outside its channel's poll, in a transaction of its own and with the same exactly-once
     * rule: a record parked on the dead-letter topic, once the cause of its refusal is gone. A record that is still
     * refused throws the {@link PoisonEventException}, and nothing changes.
     */
    public Reapplied reapply(ConsumerRecord<String, String> record, EventRoutes routes) {
        EventEnvelope env = EventEnvelope.from(record);
        if (!routes.handles(env.type())) {
            return Reapplied.NOT_HANDLED;
        }
        try {
            int applied = QuarkusTransaction.requiringNew().call(() -> apply(List.of(env), routes));
            return applied == 1 ? Reapplied.APPLIED : Reapplied.ALREADY_PROCESSED;
        } catch (RuntimeException e) {
            if (e.getCause() instanceof PoisonEventException p) {
                throw p;
            }
            throw e;
        }
    }

    /**
     * A poll's records at once (a channel with {@code batch=true}): one transaction records every event id and
     * applies each new event, so a burst costs one commit instead of one per record. If that transaction fails, the
     * records are applied one by one, each in its own transaction and retried up to four times; a poison record is
     * then sent to the channel's dead-letter topic on its own and the rest of the poll still counts. A record that
     * keeps failing for another reason fails the poll (the channel's failure strategy decides).
     */
    public void handleBatch(String channel, Iterable<ConsumerRecord<String, String>> records, EventRoutes routes) {
        List<ConsumerRecord<String, String>> all = new ArrayList<>();
        records.forEach(all::add);
        if (all.isEmpty()) {
            return;
        }
        try {
            List<EventEnvelope> envs = all.stream().map(EventEnvelope::from).toList();
            QuarkusTransaction.requiringNew().run(() -> apply(envs, routes));
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

    /**
     * Applies one record in a transaction of its own, retried up to four times. While the database cannot be reached
     * at all, the record is not counted as failing: it waits for the database (backing off to {@link #OUTAGE_PAUSE_MS}
     * between tries, with a warning now and then) and is applied when it is back. Parking it would lose it in effect:
     * every record that arrives during a database restart would end on the dead-letter topic.
     */
    private void handleWithRetries(ConsumerRecord<String, String> r, EventRoutes routes) {
        EventEnvelope env = EventEnvelope.from(r);
        long outageSince = 0;
        long warned = 0;
        long pause = BACKOFF_MS;
        for (int attempt = 1;; attempt++) {
            try {
                QuarkusTransaction.requiringNew().run(() -> apply(List.of(env), routes));
                if (outageSince != 0) {
                    LOG.infof("the database answers again: event %s (%s) applied after waiting %d s", env.id(),
                            env.type(), (System.nanoTime() - outageSince) / 1_000_000_000L);
                }
                return;
            } catch (PoisonEventException e) {
                throw e;
            } catch (RuntimeException e) {
                if (e.getCause() instanceof PoisonEventException p) {
                    throw p;
                }
                if (DatabaseOutage.causes(e)) {
                    long now = System.nanoTime();
                    if (outageSince == 0) {
                        outageSince = now;
                    }
                    if (now - warned >= OUTAGE_WARN_EVERY_NS) {
                        warned = now;
                        LOG.warnf("the database cannot be reached: event %s (%s) waits for it (%d s so far): %s",
                                env.id(), env.type(), (now - outageSince) / 1_000_000_000L, e.getMessage());
                    }
                    meters.counter("jixiao.inbox.database_waits").increment();
                    attempt = 0; // an outage is not the record's fault: its own tries start again afterwards
                    pause = Math.min(pause * 2, OUTAGE_PAUSE_MS);
                } else if (attempt >= ATTEMPTS) {
                    throw e;
                } else {
                    pause = BACKOFF_MS;
                }
                try {
                    Thread.sleep(pause);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt(); // shutting down: the channel's failure strategy decides
                    throw e;
                }
            }
        }
    }

    /**
     * Claims the events' ids in one statement, then applies each newly claimed event once, in order. Between two
     * events the session is flushed and cleared, so that an event's effects never make the next one's queries
     * dirty-check everything a large poll has loaded so far. How many were applied.
     */
    private int apply(List<EventEnvelope> envs, EventRoutes routes) {
        List<EventEnvelope> routed = envs.stream().filter(env -> routes.handles(env.type())).toList();
        Set<UUID> claimed = claim(routed);
        int applied = 0;
        for (EventEnvelope env : routed) {
            if (!claimed.remove(env.id())) {
                meters.counter("jixiao.inbox.duplicates", "type", env.type()).increment();
                LOG.debugf("event %s (%s) already processed: skipped", env.id(), env.type());
                continue;
            }
            Object outer = MDC.get(Correlation.MDC_KEY); // a redrive's request has its own
            if (env.correlationId() != null) {
                MDC.put(Correlation.MDC_KEY, env.correlationId());
            }
            try {
                routes.dispatch(env, mapper);
                em.flush();
                em.clear();
            } finally {
                if (outer == null) {
                    MDC.remove(Correlation.MDC_KEY);
                } else {
                    MDC.put(Correlation.MDC_KEY, outer);
                }
            }
            meters.counter("jixiao.inbox.processed", "type", env.type()).increment();
            applied++;
        }
        return applied;
    }

    /**
     * Records the event ids in {@code processed_event} (insert-if-absent, one statement, straight on the transaction's
     * connection: a native query through the session would flush it first) and returns those that were new.
     */
    private Set<UUID> claim(List<EventEnvelope> envs) {
        if (envs.isEmpty()) {
            return new HashSet<>();
        }
        return em.unwrap(Session.class).doReturningWork(c -> {
            try (PreparedStatement ps = c.prepareStatement("insert into processed_event (event_id, event_type,"
                    + " processed_at) select id, type, now() from unnest(?, ?) as t(id, type)"
                    + " on conflict (event_id) do nothing returning event_id")) {
                ps.setArray(1, c.createArrayOf("uuid", envs.stream().map(EventEnvelope::id).toArray()));
                ps.setArray(2, c.createArrayOf("varchar", envs.stream().map(EventEnvelope::type).toArray()));
                Set<UUID> fresh = new HashSet<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        fresh.add(rs.getObject(1, UUID.class));
                    }
                }
                return fresh;
            }
        });
    }
}
