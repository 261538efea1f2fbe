package io.jixiao.kit.housekeeping;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * Deletes what a service keeps only for a while, once an hour, in short transactions of at most {@value #CHUNK} rows:
 * <ul>
 * <li>published outbox events, kept for audit and replay ({@code jixiao.outbox.retention}, 7 days by default);</li>
 * <li>the stored answers of requests sent with an {@code Idempotency-Key} ({@code jixiao.idempotency.retention}, 7
 * days): after that the same key counts as a new request;</li>
 * <li>the ids of consumed events ({@code jixiao.inbox.retention}, 30 days). They are what makes a redelivered event
 * change nothing, so none is deleted while a topic the service consumes may still hold its event: the pass reads the
 * topics' {@code retention.ms} from the broker and keeps the ids at least that long. A topic that keeps its records
 * for ever, or a broker that cannot be asked, keeps every id.</li>
 * </ul>
 * Rows still needed are never touched: an unpublished event stays however old it is.
 */
@ApplicationScoped
public class Housekeeping {

    private static final Logger LOG = Logger.getLogger(Housekeeping.class);
    static final int CHUNK = 10_000;

    /** How many rows one pass deleted, per table. */
    public record Purged(int outboxEvents, int idempotencyKeys, int processedEvents) {
    }

    private final EntityManager em;
    private final MeterRegistry meters;
    private final ConsumedTopics consumedTopics;
    private final Duration outboxRetention;
    private final Duration idempotencyRetention;
    private final Duration inboxRetention;

    Housekeeping(EntityManager em, MeterRegistry meters, ConsumedTopics consumedTopics,
            @ConfigProperty(name = "jixiao.outbox.retention", defaultValue = "P7D") Duration outboxRetention,
            @ConfigProperty(name = "jixiao.idempotency.retention", defaultValue = "P7D") Duration idempotencyRetention,
            @ConfigProperty(name = "jixiao.inbox.retention", defaultValue = "P30D") Duration inboxRetention) {
        this.em = em;
        this.meters = meters;
        this.consumedTopics = consumedTopics;
        this.outboxRetention = outboxRetention;
        this.idempotencyRetention = idempotencyRetention;
        this.inboxRetention = inboxRetention;
    }

    @Scheduled(every = "1h", delayed = "5m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void hourly() {
        try {
            purge(OffsetDateTime.now(ZoneOffset.UTC));
        } catch (RuntimeException e) {
            LOG.warnf("housekeeping failed, to be tried again within the hour: %s", e.toString());
        }
    }

    /** Deletes every row older than its retention as of {@code now}. */
    public Purged purge(OffsetDateTime now) {
        Optional<Duration> inbox = consumedTopics.longestRetention().map(t -> t.compareTo(inboxRetention) > 0
                ? t
                : inboxRetention);
        if (inbox.isEmpty()) {
            LOG.debug("consumed event ids are kept: a consumed topic keeps its records for ever, or is not known");
        }
        Purged purged = new Purged(
                delete("outbox_event", "published_at is not null and published_at < ?1", now.minus(outboxRetention)),
                delete("idempotency_key", "created_at < ?1", now.minus(idempotencyRetention)),
                inbox.map(d -> delete("processed_event", "processed_at < ?1", now.minus(d))).orElse(0));
        if (!purged.equals(new Purged(0, 0, 0))) {
            LOG.infof("housekeeping deleted %d published events, %d idempotency keys and %d consumed event ids",
                    purged.outboxEvents(), purged.idempotencyKeys(), purged.processedEvents());
        }
        return purged;
    }

    private int delete(String table, String condition, OffsetDateTime cutoff) {
        String sql = "delete from " + table + " where ctid = any(array(select ctid from " + table + " where "
                + condition + " limit " + CHUNK + "))";
        int total = 0;
        int deleted;
        do {
            deleted = QuarkusTransaction.requiringNew()
                    .call(() -> em.createNativeQuery(sql).setParameter(1, cutoff).executeUpdate());
            total += deleted;
        } while (deleted == CHUNK);
        meters.counter("jixiao.housekeeping.deleted", "table", table).increment(total);
        return total;
    }
}
