package io.jixiao.testsupport;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Gives a Quarkus test run a real PostgreSQL database and a real Kafka broker. Where a Docker daemon answers (and
 * {@code -Djixiao.test.containers=true}), Testcontainers provides them; elsewhere a local PostgreSQL cluster and an
 * in-process KRaft broker, shared by every test of the JVM. Never H2, never the in-memory connector.
 */
public class JixiaoTestResource implements QuarkusTestResourceLifecycleManager {

    private ContainerBackend containers;

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>();
        String database = databaseName();
        if (ContainerBackend.wanted()) {
            containers = new ContainerBackend();
            config.putAll(containers.start(database));
        } else {
            LocalPostgres pg = LocalPostgres.shared();
            config.put("quarkus.datasource.jdbc.url", pg.freshDatabase(database));
            config.put("quarkus.datasource.username", pg.username());
            config.put("quarkus.datasource.password", pg.password());
            config.put("kafka.bootstrap.servers", LocalKafka.shared().bootstrapServers());
        }
        config.put("quarkus.devservices.enabled", "false");
        config.put("mp.jwt.verify.publickey.location", TestKeys.publicKeyPem().toUri().toString());
        config.put("mp.jwt.verify.issuer", TestTokens.ISSUER);
        config.put("mp.jwt.verify.audiences", TestTokens.AUDIENCE);
        return config;
    }

    @Override
    public void stop() {
        if (containers != null) {
            containers.stop();
        }
        // the local servers live for the whole JVM (other test resources may share them) and stop at its exit
    }

    private static String databaseName() {
        return "jx_" + Path.of(System.getProperty("user.dir")).getFileName().toString();
    }
}
