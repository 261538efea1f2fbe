package io.jixiao.gateway.messaging;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletionStage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;

/**
 * The suite's events that a portal shows live (scorecards, 360 results, satisfaction, budget warnings), read from
 * every service's topic by each gateway instance (its own consumer group, newest first: a live feed, not a ledger)
 * and broadcast to the open portal streams. Other event types are ignored.
 */
@ApplicationScoped
public class LiveEvents {

    /** One update for the portal: what kind, about whom, and the event's payload. */
    public record LiveEvent(String kind, String type, @Schema(nullable = true) String subject,
            @Schema(nullable = true) String id,
            @Schema(implementation = Object.class, description = "The event's payload, as docs/events shows it") JsonNode data) {
    }

    static final Map<String, String> KINDS = Map.of("jixiao.indicator.scorecard.computed.v1", "scorecard",
            "jixiao.evaluation.result.finalized.v1", "result", "jixiao.evaluation.result.amended.v1", "result",
            "jixiao.survey.satisfaction.computed.v1", "satisfaction", "jixiao.budget.warning.raised.v1", "warning");

    private static final Logger LOG = Logger.getLogger(LiveEvents.class);

    private final BroadcastProcessor<LiveEvent> hub = BroadcastProcessor.create();
    private final ObjectMapper json;

    public LiveEvents(ObjectMapper json) {
        this.json = json;
    }

    @Incoming("indicator-events")
    @Incoming("evaluation-events")
    @Incoming("survey-events")
    @Incoming("budget-events")
    public CompletionStage<Void> on(KafkaRecordBatch<String, String> batch) {
        // a poll's records at once: most are events a portal does not show (a rating, a value), and each dropped
        // record used to cost a message of its own, its cloud-event headers parsed and a hop to the event loop
        for (KafkaRecord<String, String> record : batch) {
            show(record.getHeaders(), record.getPayload());
        }
        return batch.ack();
    }

    private void show(Headers headers, String payload) {
        String type = header(headers.lastHeader("ce_type"));
        String kind = type == null ? null : KINDS.get(type);
        if (kind == null) {
            return;
        }
        try {
            JsonNode data = json.readTree(payload);
            String subject = header(headers.lastHeader("ce_subject"));
            hub.onNext(new LiveEvent(kind, type, subject != null ? subject : data.path("subject").asText(null),
                    header(headers.lastHeader("ce_id")), data));
        } catch (Exception e) {
            LOG.debugf("not shown live: %s (%s)", type, e.getMessage());
        }
    }

    /** Everything from now on; a slow reader loses old updates rather than holding up the others. */
    public Multi<LiveEvent> stream() {
        return hub.onOverflow().drop();
    }

    private static String header(Header h) {
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
