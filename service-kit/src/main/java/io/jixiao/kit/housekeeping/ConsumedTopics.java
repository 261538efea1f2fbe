package io.jixiao.kit.housekeeping;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.common.config.ConfigResource;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

/**
 * The topics the service consumes ({@code mp.messaging.incoming.*.topic}), and how long the broker keeps their records:
 * an event older than that cannot be delivered again, so its id is no longer needed to recognise it.
 */
@ApplicationScoped
public class ConsumedTopics {

    private static final Logger LOG = Logger.getLogger(ConsumedTopics.class);

    private Admin admin;

    /** The names in the service's configuration. */
    public List<String> names() {
        var config = ConfigProvider.getConfig();
        TreeSet<String> topics = new TreeSet<>();
        StreamSupport.stream(config.getPropertyNames().spliterator(), false)
                .filter(n -> n.startsWith("mp.messaging.incoming.") && n.endsWith(".topic")
                        && !n.contains(".dead-letter-queue."))
                .forEach(n -> config.getOptionalValue(n, String.class).ifPresent(topics::add));
        return List.copyOf(topics);
    }

    /**
     * The longest {@code retention.ms} among the consumed topics; zero when the service consumes none. Empty when a
     * topic keeps its records for ever ({@code -1}) or the broker could not be asked within 10 s.
     */
    public Optional<Duration> longestRetention() {
        List<String> topics = names();
        if (topics.isEmpty()) {
            return Optional.of(Duration.ZERO);
        }
        try {
            Map<ConfigResource, Config> configs = admin().describeConfigs(topics.stream()
                    .map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t)).toList()).all()
                    .get(10, TimeUnit.SECONDS);
            long longest = 0;
            for (Config c : configs.values()) {
                long ms = Long.parseLong(c.get("retention.ms").value());
                if (ms < 0) {
                    return Optional.empty();
                }
                longest = Math.max(longest, ms);
            }
            return Optional.of(Duration.ofMillis(longest));
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            LOG.warnf("the retention of the consumed topics %s could not be read: %s", topics, e.toString());
            close(); // a new client next time
            return Optional.empty();
        }
    }

    /** One client for the service's life: a new one would log its whole configuration every hour. */
    private synchronized Admin admin() {
        if (admin == null) {
            String bootstrap = ConfigProvider.getConfig().getOptionalValue("kafka.bootstrap.servers", String.class)
                    .orElse("localhost:9092");
            admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
                    AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000));
        }
        return admin;
    }

    @PreDestroy
    synchronized void close() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(1));
            admin = null;
        }
    }
}
