package io.jixiao.kit.inbox;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/** The CloudEvents 1.0 binary-mode attributes of a consumed record, and its JSON payload. */
public record EventEnvelope(UUID id, String type, String source, String subject, OffsetDateTime time,
        String correlationId, String payload) {

    public static EventEnvelope from(ConsumerRecord<String, String> record) {
        String id = header(record, "ce_id");
        String type = header(record, "ce_type");
        if (id == null || type == null || record.value() == null) {
            throw new PoisonEventException("record without ce_id, ce_type or payload at " + record.topic() + "/"
                    + record.partition() + "@" + record.offset());
        }
        try {
            String time = header(record, "ce_time");
            return new EventEnvelope(UUID.fromString(id), type, header(record, "ce_source"),
                    header(record, "ce_subject"), time == null ? null : OffsetDateTime.parse(time),
                    header(record, "ce_correlationid"), record.value());
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new PoisonEventException("malformed CloudEvents header: " + e.getMessage());
        }
    }

    private static String header(ConsumerRecord<String, String> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
