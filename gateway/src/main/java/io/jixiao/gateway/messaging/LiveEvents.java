package io.jixiao.gateway.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
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
    /** Completes when the gateway is told to stop. */
    private final CompletableFuture<LiveEvent> closing = new CompletableFuture<>();
    private static final LiveEvent END = new LiveEvent("end", null, null, null, null);
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

    /**
     * A portal's stream: every update from now on about {@code subject} (all subjects when null), a heartbeat every
     * {@code heartbeat}, and its end when this gateway is told to stop. A slow reader loses old updates rather than
     * holding up the others.
     */
    public Multi<LiveEvent> stream(String subject, Duration heartbeat) {
        Multi<LiveEvent> events = hub.onOverflow().drop().filter(e -> subject == null || subject.equals(e.subject()));
        Multi<LiveEvent> beats = Multi.createFrom().ticks().every(heartbeat)
                .map(t -> new LiveEvent("heartbeat", null, null, null, null));
        // a future of its own per stream: a stream that ends (the portal closed) cancels only its own
        Multi<LiveEvent> end = Uni.createFrom().completionStage(() -> closing.thenApply(e -> e)).toMulti();
        return Multi.createBy().merging().streams(end, events, beats).select().first(e -> e != END);
    }

    /**
     * Told to stop (SIGTERM, with the shutdown delay of web-kit's settings): the open streams end at once, and one
     * opened meanwhile ends as it starts. A portal stays connected for hours, so the graceful shutdown would otherwise
     * wait its whole timeout for them; the portal connects again a few seconds later, to a gateway that runs on.
     */
    void closing(@Observes ShutdownDelayInitiatedEvent event) {
        closing.complete(END);
    }

    private static String header(Header h) {
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
