package io.jixiao.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Properties;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The shared sample payloads of {@code docs/events/}, and a producer of CloudEvents records for consumer tests. */
public final class EventSamples {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private EventSamples() {
    }

    public static Path dir() {
        Path p = Path.of(System.getProperty("user.dir"));
        while (p != null && !Files.isDirectory(p.resolve("docs/events"))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException("docs/events not found above " + System.getProperty("user.dir"));
        }
        return p.resolve("docs/events");
    }

    public static String sample(String type) {
        try {
            return Files.readString(dir().resolve(type + ".json"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The differences in shape (field names, recursively; object vs array vs scalar) between a published payload and
     * the sample of its type. Empty when they agree; values may differ, and a null matches anything.
     */
    public static List<String> shapeDifferences(String type, String actualJson) {
        try {
            List<String> out = new ArrayList<>();
            compare("$", MAPPER.readTree(sample(type)), MAPPER.readTree(actualJson), out);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void compare(String path, JsonNode expected, JsonNode actual, List<String> out) {
        if (expected == null || expected.isNull() || actual == null || actual.isNull()) {
            return;
        }
        if (expected.isObject()) {
            if (!actual.isObject()) {
                out.add(path + ": expected an object");
                return;
            }
            TreeSet<String> e = new TreeSet<>();
            expected.fieldNames().forEachRemaining(e::add);
            TreeSet<String> a = new TreeSet<>();
            actual.fieldNames().forEachRemaining(a::add);
            if (!e.equals(a)) {
                out.add(path + ": fields " + a + " but the sample has " + e);
            }
            for (Iterator<String> it = expected.fieldNames(); it.hasNext();) {
                String f = it.next();
                compare(path + "." + f, expected.get(f), actual.get(f), out);
            }
        } else if (expected.isArray()) {
            if (!actual.isArray()) {
                out.add(path + ": expected an array");
            } else if (expected.size() > 0 && actual.size() > 0) {
                compare(path + "[0]", expected.get(0), actual.get(0), out);
            }
        } else if (expected.isNumber() != actual.isNumber() || expected.isTextual() != actual.isTextual()
                || expected.isBoolean() != actual.isBoolean()) {
            out.add(path + ": expected " + expected.getNodeType() + " but was " + actual.getNodeType());
        }
    }

    /** Sends a record as a producing service would (CloudEvents binary headers, key = subject); returns its id. */
    public static UUID send(String bootstrap, String topic, String type, String subject, String json, UUID id) {
        ProducerRecord<String, String> r = new ProducerRecord<>(topic, subject, json);
        if (type != null) {
            cloudEvent(r, type, subject, id);
        }
        write(bootstrap, r);
        return id;
    }

    /**
     * Writes a record on a service's dead-letter topic as the kit writes one it parks (the event's CloudEvents headers
     * and the {@code dead-letter-*} ones naming where it came from): what an earlier version of a consumer, since
     * fixed, would have left there. Returns the event's id.
     */
    public static UUID park(String bootstrap, String deadLetterTopic, String originalTopic, String type,
            String subject, String json, UUID id) {
        ProducerRecord<String, String> r = new ProducerRecord<>(deadLetterTopic, subject, json);
        cloudEvent(r, type, subject, id).headers()
                .add("dead-letter-reason", b("refused by an earlier version of the consumer"))
                .add("dead-letter-cause", b("io.jixiao.kit.inbox.PoisonEventException"))
                .add("dead-letter-topic", b(originalTopic)).add("dead-letter-partition", b("0"))
                .add("dead-letter-offset", b("0"));
        write(bootstrap, r);
        return id;
    }

    private static ProducerRecord<String, String> cloudEvent(ProducerRecord<String, String> r, String type,
            String subject, UUID id) {
        r.headers().add("ce_specversion", b("1.0")).add("ce_id", b(id.toString())).add("ce_type", b(type))
                .add("ce_source", b("test")).add("ce_subject", b(subject))
                .add("ce_time", b(OffsetDateTime.now(ZoneOffset.UTC).toString()))
                .add("content-type", b("application/json"));
        return r;
    }

    private static void write(String bootstrap, ProducerRecord<String, String> r) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            producer.send(r).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not write test record to " + r.topic(), e);
        }
    }

    /** The sample of a type with some fields replaced, e.g. {@code with(type, "subject", "D1", "period", "2026")}. */
    public static String with(String type, Object... keyValues) {
        try {
            var node = (com.fasterxml.jackson.databind.node.ObjectNode) MAPPER.readTree(sample(type));
            for (int i = 0; i < keyValues.length; i += 2) {
                node.set((String) keyValues[i], MAPPER.valueToTree(keyValues[i + 1]));
            }
            return MAPPER.writeValueAsString(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
