package io.jixiao.testsupport;

import java.util.Map;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/** The Testcontainers path, for hosts where a Docker daemon answers and it is asked for. */
final class ContainerBackend {

    private PostgreSQLContainer postgres;
    private KafkaContainer kafka;

    static boolean wanted() {
        if (!Boolean.getBoolean("jixiao.test.containers")) {
            return false;
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            return false;
        }
    }

    Map<String, String> start(String database) {
        postgres = new PostgreSQLContainer("postgres:15-alpine").withDatabaseName(database);
        kafka = new KafkaContainer("apache/kafka:4.1.1");
        postgres.start();
        kafka.start();
        return Map.of("quarkus.datasource.jdbc.url", postgres.getJdbcUrl(), "quarkus.datasource.username",
                postgres.getUsername(), "quarkus.datasource.password", postgres.getPassword(),
                "kafka.bootstrap.servers", kafka.getBootstrapServers());
    }

    void stop() {
        if (kafka != null) {
            kafka.stop();
        }
        if (postgres != null) {
            postgres.stop();
        }
    }
}
