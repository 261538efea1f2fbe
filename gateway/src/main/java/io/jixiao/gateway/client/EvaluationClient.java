package io.jixiao.gateway.client;

import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import io.smallrye.faulttolerance.api.AsynchronousNonBlocking;
import io.smallrye.mutiny.Uni;

/**
 * evaluation-service as the portal sees it: the 360 results of the cycle that speaks for a period (the most advanced
 * one: published before finalized before closed before open), each call a panel, degraded rather than failed.
 */
@ApplicationScoped
@AsynchronousNonBlocking
@Timeout(value = 3, unit = ChronoUnit.SECONDS)
@CircuitBreaker(requestVolumeThreshold = 8, failureRatio = 0.5, delay = 10, delayUnit = ChronoUnit.SECONDS)
public class EvaluationClient {

    /** The ranks the portal's league table shows: one page at the largest size the API allows. */
    static final int LEAGUE_SIZE = 100;
    private static final List<String> PRECEDENCE = List.of("PUBLISHED", "FINALIZED", "CLOSED", "OPEN");
    private static final Panel NO_CYCLE = new Panel(Panel.Status.NOT_FOUND, null,
            "no evaluation cycle for this period");

    private final EvaluationRestClient rest;

    public EvaluationClient(@RestClient EvaluationRestClient rest) {
        this.rest = rest;
    }

    /**
     * The head of the period's cycle's league table: {@code {cycle, results, totalResults}}, the first
     * {@value #LEAGUE_SIZE} ranks and how many subjects the table has in all.
     */
    @Fallback(UnavailablePanel.class)
    public Uni<Panel> league(String period, Caller c) {
        return inCycle(period, c, cycle -> rest.results(cycle, LEAGUE_SIZE, c.authorization(), c.requestId())
                .map(page -> {
                    ObjectNode head = JsonNodeFactory.instance.objectNode();
                    head.set("results", page.path("items"));
                    head.put("totalResults", page.path("totalItems").asLong());
                    return head;
                }));
    }

    /** One subject's result with its breakdown in the period's cycle: {@code {cycle, results}}. */
    @Fallback(UnavailablePanel.class)
    public Uni<Panel> result(String period, String subject, Caller c) {
        return inCycle(period, c, cycle -> rest.result(cycle, subject, c.authorization(), c.requestId())
                .map(r -> JsonNodeFactory.instance.objectNode().set("results", r)));
    }

    /** Finds the period's cycle, then asks {@code call} with its id; the answer's fields next to the cycle's summary. */
    private Uni<Panel> inCycle(String period, Caller c, Function<String, Uni<ObjectNode>> call) {
        return Panel.of(rest.cycles(100, c.authorization(), c.requestId()))
                .flatMap(cycles -> !cycles.isOk()
                        ? Uni.createFrom().item(cycles)
                        : cycleFor(cycles.data(), period)
                                .map(cycle -> Panel.of(call.apply(cycle.get("id").asText()).map(r -> wrap(cycle, r))))
                                .orElse(Uni.createFrom().item(NO_CYCLE)));
    }

    private static Optional<JsonNode> cycleFor(JsonNode page, String period) {
        JsonNode best = null;
        for (JsonNode cycle : page.path("items")) {
            int rank = PRECEDENCE.indexOf(cycle.path("status").asText());
            if (!period.equals(cycle.path("period").asText()) || rank < 0) {
                continue;
            }
            if (best == null || rank < PRECEDENCE.indexOf(best.path("status").asText())) {
                best = cycle;
            }
        }
        return Optional.ofNullable(best);
    }

    private static JsonNode wrap(JsonNode cycle, ObjectNode fields) {
        ObjectNode summary = JsonNodeFactory.instance.objectNode();
        for (String f : List.of("id", "name", "period", "status", "weights", "publishedAt")) {
            summary.set(f, cycle.get(f));
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.set("cycle", summary);
        out.setAll(fields);
        return out;
    }
}
