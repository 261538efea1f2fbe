package io.jixiao.kit.outbox;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.scheduler.Scheduled;

/** Keeps published outbox rows for a while (for audit and replay), then deletes them. */
@ApplicationScoped
class OutboxHousekeeping {

    private final OutboxRelay relay;
    private final Duration retention;

    OutboxHousekeeping(OutboxRelay relay,
            @ConfigProperty(name = "jixiao.outbox.retention", defaultValue = "P7D") Duration retention) {
        this.relay = relay;
        this.retention = retention;
    }

    @Scheduled(every = "1h", delayed = "5m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purge() {
        relay.purgePublishedBefore(OffsetDateTime.now(ZoneOffset.UTC).minus(retention));
    }
}
