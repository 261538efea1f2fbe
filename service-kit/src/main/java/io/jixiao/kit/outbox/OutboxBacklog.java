package io.jixiao.kit.outbox;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.hibernate.Session;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.health.api.Wellness;

/**
 * How far this service's outbox is behind, for the people who run it: how many committed events are not on the broker
 * yet, and how long the oldest has waited. Events wait there while the broker cannot be reached, and nothing is lost
 * (the relay sends them when it is back), so a backlog that grows is the thing to watch, long before any consumer
 * misses an update. Sampled every 15 s ({@code jixiao.outbox.backlog-sample}) through the pending index, on the
 * scheduler's thread and never on a scrape's. Exposed as the Prometheus gauges {@code jixiao_outbox_pending} and
 * {@code jixiao_outbox_oldest_pending_seconds}, and as the wellness check {@code outbox} ({@code GET /q/health/well}),
 * DOWN once the oldest event has waited longer than {@code jixiao.outbox.stuck-after} (2 minutes). Kubernetes' probes
 * do not read it: a service whose broker is away still takes writes, which is what the outbox is for.
 */
@ApplicationScoped
@Wellness
public class OutboxBacklog implements HealthCheck {

    private static final Logger LOG = Logger.getLogger(OutboxBacklog.class);

    /** What one sample read: the pending count and the oldest pending event's commit time (null when none waits). */
    record Sample(long pending, OffsetDateTime oldest, OffsetDateTime at) {
    }

    private final EntityManager em;
    private final Duration stuckAfter;
    private volatile Sample last;

    public OutboxBacklog(EntityManager em, MeterRegistry meters,
            @ConfigProperty(name = "jixiao.outbox.stuck-after", defaultValue = "PT2M") Duration stuckAfter) {
        this.em = em;
        this.stuckAfter = stuckAfter;
        Gauge.builder("jixiao.outbox.pending", this, b -> b.last == null ? Double.NaN : b.last.pending())
                .description("events committed and not yet published to the broker").register(meters);
        Gauge.builder("jixiao.outbox.oldest.pending", this, b -> b.oldestWait().toMillis() / 1000.0)
                .baseUnit("seconds").description("how long the oldest unpublished event has waited (0: none waits)")
                .register(meters);
    }

    @Scheduled(every = "${jixiao.outbox.backlog-sample:15s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void sample() {
        try {
            last = QuarkusTransaction.requiringNew().call(this::read);
        } catch (RuntimeException e) {
            // the database is away: the last sample stands, and says when it was taken
            LOG.debugf("outbox backlog not sampled: %s", e.toString());
        }
    }

    private Sample read() {
        return em.unwrap(Session.class).doReturningWork(c -> {
            try (PreparedStatement ps = c.prepareStatement("select (select count(*) from outbox_event where "
                    + "published_at is null), (select created_at from outbox_event where published_at is null "
                    + "order by seq limit 1)");
                    ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Sample(rs.getLong(1), rs.getObject(2, OffsetDateTime.class),
                        OffsetDateTime.now(ZoneOffset.UTC));
            }
        });
    }

    /** How long the oldest pending event of the last sample has waited until now. */
    Duration oldestWait() {
        Sample s = last;
        return s == null || s.oldest() == null
                ? Duration.ZERO
                : Duration.between(s.oldest(), OffsetDateTime.now(ZoneOffset.UTC));
    }

    @Override
    public HealthCheckResponse call() {
        Sample s = last;
        if (s == null) {
            return HealthCheckResponse.named("outbox").up().withData("sampled", false).build();
        }
        Duration wait = oldestWait();
        return HealthCheckResponse.named("outbox").status(wait.compareTo(stuckAfter) <= 0)
                .withData("pending", s.pending()).withData("oldestPendingSeconds", wait.toSeconds())
                .withData("stuckAfterSeconds", stuckAfter.toSeconds()).withData("sampledAt", s.at().toString())
                .build();
    }
}
