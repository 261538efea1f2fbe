package io.jixiao.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * A real Apache Kafka broker in KRaft mode (one combined broker+controller node) inside the test JVM, started once per
 * JVM. The internal topics' replication factors are 1, or a consumer would never join its group.
 */
public final class LocalKafka {

    /** The topics of DESIGN.md section 7 and their dead-letter topics. */
    public static final List<String> TOPICS = List.of("jixiao.indicator.events", "jixiao.evaluation.events",
            "jixiao.survey.events", "jixiao.budget.events", "jixiao.indicator.dlq", "jixiao.evaluation.dlq",
            "jixiao.survey.dlq", "jixiao.budget.dlq");

    private static LocalKafka instance;

    private final KafkaClusterTestKit cluster;

    private LocalKafka(KafkaClusterTestKit cluster) {
        this.cluster = cluster;
    }

    public static synchronized LocalKafka shared() {
        if (instance == null) {
            instance = start();
            Runtime.getRuntime().addShutdownHook(new Thread(instance::stop, "local-kafka-stop"));
        }
        return instance;
    }

    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    private static LocalKafka start() {
        try {
            Path base = Files.createTempDirectory("jixiao-kafka-");
            TestKitNodes nodes = new TestKitNodes.Builder().setCombined(true).setNumBrokerNodes(1)
                    .setNumControllerNodes(1).setBaseDirectory(base).build();
            KafkaClusterTestKit kit = new KafkaClusterTestKit.Builder(nodes)
                    .setConfigProp("offsets.topic.replication.factor", "1")
                    .setConfigProp("offsets.topic.num.partitions", "3")
                    .setConfigProp("transaction.state.log.replication.factor", "1")
                    .setConfigProp("transaction.state.log.min.isr", "1")
                    .setConfigProp("share.coordinator.state.topic.replication.factor", "1")
                    .setConfigProp("share.coordinator.state.topic.min.isr", "1")
                    .setConfigProp("group.initial.rebalance.delay.ms", "0")
                    .setConfigProp("num.partitions", "3")
                    .setConfigProp("auto.create.topics.enable", "true")
                    .setDeleteOnClose(true)
                    .build();
            kit.format();
            kit.startup();
            kit.waitForReadyBrokers();
            LocalKafka kafka = new LocalKafka(kit);
            kafka.createTopics(TOPICS);
            return kafka;
        } catch (Exception e) {
            throw new IllegalStateException("could not start the in-process Kafka broker", e);
        }
    }

    public void createTopics(List<String> topics) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        try (Admin admin = Admin.create(props)) {
            for (String t : topics) {
                try {
                    admin.createTopics(
                            List.of(new NewTopic(t, 3, (short) 1).configs(Map.of("min.insync.replicas", "1"))))
                            .all().get(30, TimeUnit.SECONDS);
                } catch (Exception e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("could not create topic " + t, e);
                    }
                }
            }
        }
    }

    /**
     * Stops the broker (the controller keeps running), as an outage would: clients keep their bootstrap address and
     * reconnect once {@link #startBroker()} brings it back on the same port with the same log.
     */
    public synchronized void stopBroker() {
        cluster.brokers().values().forEach(b -> b.shutdown());
    }

    /** Starts the broker stopped by {@link #stopBroker()} again and waits until it serves. */
    public synchronized void startBroker() {
        try {
            cluster.brokers().values().forEach(b -> b.startup());
            cluster.waitForReadyBrokers();
        } catch (Exception e) {
            throw new IllegalStateException("the in-process Kafka broker did not come back", e);
        }
    }

    public synchronized void stop() {
        try {
            cluster.close();
        } catch (Exception e) {
            // best effort at JVM exit
        }
    }
}
