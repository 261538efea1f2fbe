package io.jixiao.kit.inbox;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.jboss.logging.Logger;

import io.jixiao.kit.problem.ProblemException.ConflictException;
import io.jixiao.kit.problem.ProblemException.ResourceNotFoundException;
import io.jixiao.kit.problem.ProblemException.RuleViolationException;
import io.jixiao.kit.problem.ProblemException.UnavailableException;
import io.jixiao.kit.web.PageRequest;
import io.jixiao.kit.web.Paged;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * What an operator does with this service's dead-letter topic: read what is parked there and why, and apply a record
 * again once the cause of its refusal is gone (a consumer fixed and deployed, a copy that caught up). A record is
 * applied by this service only, through its own inbox, so it changes nothing for the topic's other consumers, and
 * applying it twice changes nothing the second time.
 */
@ApplicationScoped
public class DeadLetterOps {

    private static final Logger LOG = Logger.getLogger(DeadLetterOps.class);
    private static final Pattern DLQ_PROPERTY = Pattern
            .compile("mp\\.messaging\\.incoming\\.(.+)\\.dead-letter-queue\\.topic");
    /** A dead-letter topic holds few records; more than this is a fault to fix, not a list to page through. */
    static final int MAX_READ = 10_000;
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(10);

    /**
     * A record parked on the dead-letter topic, with what the kit wrote in its headers when it parked it: why, and where
     * it came from.
     */
    public record DeadLetter(String topic, int partition, long offset, OffsetDateTime deadAt,
            @Schema(nullable = true) String reason,
            @Schema(nullable = true) String originalTopic, @Schema(nullable = true) Integer originalPartition,
            @Schema(nullable = true) Long originalOffset, @Schema(nullable = true) UUID eventId,
            @Schema(nullable = true) String type, @Schema(nullable = true) String subject,
            @Schema(nullable = true) String payload,
            @Schema(description = "the event's id is in this service's inbox: it was applied (after a redrive, or by"
                    + " another delivery)") boolean processed) {
    }

    /** What a redrive did. */
    public record Redriven(String topic, int partition, long offset, UUID eventId, String type,
            IdempotentConsumer.Reapplied outcome) {
    }

    private final IdempotentConsumer consumer;
    private final EntityManager em;

    public DeadLetterOps(IdempotentConsumer consumer, EntityManager em) {
        this.consumer = consumer;
        this.em = em;
    }

    /** This service's dead-letter topics and, for each incoming channel, the topic it reads. */
    private record Topics(Set<String> deadLetters, Map<String, String> channelOfTopic) {
    }

    private static Topics topics() {
        Config config = ConfigProvider.getConfig();
        Set<String> dlq = new TreeSet<>();
        Map<String, String> channelOfTopic = new TreeMap<>();
        for (String name : config.getPropertyNames()) {
            Matcher m = DLQ_PROPERTY.matcher(name);
            if (m.matches()) {
                dlq.add(config.getValue(name, String.class));
                config.getOptionalValue("mp.messaging.incoming." + m.group(1) + ".topic", String.class)
                        .ifPresent(t -> channelOfTopic.put(t, m.group(1)));
            }
        }
        return new Topics(dlq, channelOfTopic);
    }

    /** The parked records, newest first. */
    public Paged<DeadLetter> list(PageRequest page) {
        List<ConsumerRecord<String, String>> all = new ArrayList<>();
        try (KafkaConsumer<String, String> kafka = reader()) {
            for (String topic : topics().deadLetters()) {
                all.addAll(readAll(kafka, topic));
            }
        } catch (KafkaException e) {
            throw brokerAway(e);
        }
        all.sort(Comparator.comparingLong((ConsumerRecord<String, String> r) -> r.timestamp()).reversed()
                .thenComparing(ConsumerRecord::offset, Comparator.reverseOrder()));
        Paged<ConsumerRecord<String, String>> shown = Paged.slice(all, page);
        Set<UUID> processed = processed(shown.items().stream().map(r -> uuid(header(r, "ce_id")))
                .filter(x -> x != null).toList());
        return shown.map(r -> view(r, processed));
    }

    /**
     * Applies the record at {@code partition} and {@code offset} of the dead-letter topic again, through the inbox of
     * the channel that parked it. 404 when there is no such record; 422 when this service still refuses it (nothing
     * changed); 409 when no channel of this service reads its topic; 503 when the broker does not answer in time.
     */
    public Redriven redrive(int partition, long offset) {
        Topics topics = topics();
        ConsumerRecord<String, String> parked = null;
        try (KafkaConsumer<String, String> kafka = reader()) {
            for (String topic : topics.deadLetters()) {
                parked = readOne(kafka, topic, partition, offset).orElse(null);
                if (parked != null) {
                    break;
                }
            }
        } catch (KafkaException e) {
            throw brokerAway(e);
        }
        if (parked == null) {
            throw new ResourceNotFoundException("dead letter", partition + "@" + offset);
        }
        String original = header(parked, "dead-letter-topic");
        String channel = original == null ? null : topics.channelOfTopic().get(original);
        EventRoutes routes = channel == null ? null : consumer.routesOf(channel).orElse(null);
        if (routes == null) {
            throw new ConflictException("no channel of this service reads " + original + ", the topic the record came"
                    + " from");
        }
        Long fromPartition = number(parked, "dead-letter-partition");
        Long fromOffset = number(parked, "dead-letter-offset");
        ConsumerRecord<String, String> record = new ConsumerRecord<>(original,
                fromPartition == null ? -1 : fromPartition.intValue(), fromOffset == null ? -1L : fromOffset,
                parked.key(), parked.value());
        for (Header h : parked.headers()) {
            if (!h.key().startsWith("dead-letter-")) {
                record.headers().add(h);
            }
        }
        IdempotentConsumer.Reapplied outcome;
        try {
            outcome = consumer.reapply(record, routes);
        } catch (PoisonEventException e) {
            throw new RuleViolationException("the record is still refused: " + plain(e.getMessage()));
        }
        EventEnvelope env = EventEnvelope.from(record);
        LOG.infof("dead letter %s/%d@%d (%s %s) applied again: %s", parked.topic(), partition, offset, env.type(),
                env.id(), outcome);
        return new Redriven(parked.topic(), partition, offset, env.id(), env.type(), outcome);
    }

    /** The broker did not answer in time: a 503 to try again, not a server error. */
    private static UnavailableException brokerAway(KafkaException e) {
        LOG.warnf("dead-letter topic not readable: %s", e.getMessage());
        return new UnavailableException("the event broker did not answer in time; nothing changed, try again", 10);
    }

    private DeadLetter view(ConsumerRecord<String, String> r, Set<UUID> processed) {
        UUID id = uuid(header(r, "ce_id"));
        Long partition = number(r, "dead-letter-partition");
        return new DeadLetter(r.topic(), r.partition(), r.offset(),
                OffsetDateTime.ofInstant(Instant.ofEpochMilli(r.timestamp()), ZoneOffset.UTC),
                plain(header(r, "dead-letter-reason")), header(r, "dead-letter-topic"),
                partition == null ? null : partition.intValue(), number(r, "dead-letter-offset"), id,
                header(r, "ce_type"),
                header(r, "ce_subject"), r.value(), id != null && processed.contains(id));
    }

    private Set<UUID> processed(List<UUID> ids) {
        if (ids.isEmpty()) {
            return Set.of();
        }
        return QuarkusTransaction.requiringNew().call(() -> {
            Set<UUID> found = new java.util.HashSet<>();
            for (Object id : em.createNativeQuery("select event_id from processed_event where event_id in (:ids)")
                    .setParameter("ids", ids).getResultList()) {
                found.add((UUID) id);
            }
            return found;
        });
    }

    private static KafkaConsumer<String, String> reader() {
        Config config = ConfigProvider.getConfig();
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.getValue("kafka.bootstrap.servers", String.class));
        props.put(ConsumerConfig.CLIENT_ID_CONFIG,
                config.getValue("quarkus.application.name", String.class) + "-dead-letter-reader");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "10000");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        return new KafkaConsumer<>(props);
    }

    /** Every record of the topic from its beginning to its end now (none when the topic does not exist yet). */
    private static List<ConsumerRecord<String, String>> readAll(KafkaConsumer<String, String> kafka, String topic) {
        List<TopicPartition> partitions = partitions(kafka, topic);
        List<ConsumerRecord<String, String>> out = new ArrayList<>();
        if (partitions.isEmpty()) {
            return out;
        }
        kafka.assign(partitions);
        kafka.seekToBeginning(partitions);
        Map<TopicPartition, Long> end = kafka.endOffsets(partitions);
        long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
        while (partitions.stream().anyMatch(p -> kafka.position(p) < end.get(p)) && out.size() < MAX_READ) {
            if (System.nanoTime() > deadline) {
                throw brokerAway(new KafkaException("could not read " + topic + " within " + READ_TIMEOUT));
            }
            kafka.poll(Duration.ofMillis(200)).forEach(r -> {
                if (r.offset() < end.get(new TopicPartition(r.topic(), r.partition()))) {
                    out.add(r);
                }
            });
        }
        return out;
    }

    private static Optional<ConsumerRecord<String, String>> readOne(KafkaConsumer<String, String> kafka, String topic,
            int partition, long offset) {
        TopicPartition tp = new TopicPartition(topic, partition);
        if (offset < 0 || !partitions(kafka, topic).contains(tp)) {
            return Optional.empty();
        }
        kafka.assign(List.of(tp));
        long begin = kafka.beginningOffsets(List.of(tp)).get(tp);
        long end = kafka.endOffsets(List.of(tp)).get(tp);
        if (offset < begin || offset >= end) {
            return Optional.empty();
        }
        kafka.seek(tp, offset);
        long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<String, String> r : kafka.poll(Duration.ofMillis(200))) {
                if (r.offset() == offset) {
                    return Optional.of(r);
                }
                if (r.offset() > offset) {
                    return Optional.empty(); // compacted away, or a transaction marker's place
                }
            }
        }
        throw brokerAway(new KafkaException("could not read " + tp + "@" + offset + " within " + READ_TIMEOUT));
    }

    private static List<TopicPartition> partitions(KafkaConsumer<String, String> kafka, String topic) {
        List<PartitionInfo> infos = kafka.listTopics(READ_TIMEOUT).get(topic);
        return infos == null
                ? List.of()
                : infos.stream().map(i -> new TopicPartition(topic, i.partition())).sorted(
                        Comparator.comparingInt(TopicPartition::partition)).toList();
    }

    private static String header(ConsumerRecord<String, String> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    /** A whole-number header, or null when it is missing or not a number. */
    private static Long number(ConsumerRecord<String, String> r, String name) {
        try {
            String v = header(r, name);
            return v == null ? null : Long.valueOf(v);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * A reason as an operator reads it: a Java type named in it (a payload record, a JSON library's target type) by its
     * simple name, so that an answer names no code.
     */
    static String plain(String reason) {
        return reason == null ? null : QUALIFIED.matcher(reason).replaceAll("$1");
    }

    private static final Pattern QUALIFIED = Pattern.compile("\\b(?:[a-z][a-z0-9_]*\\.)+([A-Z][\\w$]*)");

    private static UUID uuid(String s) {
        try {
            return s == null ? null : UUID.fromString(s);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
