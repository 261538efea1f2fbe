package io.jixiao.gateway.client;

import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.BiFunction;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
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
 * evaluation-service as the portal sees it: the 360 results of the cycle that speaks for a period ({@link SpeakingCycle};
 * for a department's page, of the cycles it is evaluated in), each call a panel, degraded rather than failed.
 */
@ApplicationScoped
@AsynchronousNonBlocking
@Timeout(value = 3, unit = ChronoUnit.SECONDS)
@CircuitBreaker(requestVolumeThreshold = 8, failureRatio = 0.5, delay = 10, delayUnit = ChronoUnit.SECONDS)
public class EvaluationClient {

    /** The ranks the portal's league table shows: one page at the largest size the API allows. */
    static final int LEAGUE_SIZE = 100;
    /** A period's cycles, asked for in one page: a year has a comprehensive evaluation and a few special ones. */
    static final int CYCLES_SIZE = 100;
    private static final Panel NO_CYCLE = new Panel(Panel.Status.NOT_FOUND, null,
            "no evaluation cycle for this period");

    private final EvaluationRestClient rest;

    public EvaluationClient(@RestClient EvaluationRestClient rest) {
        this.rest = rest;
    }

    /**
     * The head of a league table of the period: {@code {cycle, results, totalResults, cycles}}, the first
     * {@value #LEAGUE_SIZE} ranks and how many subjects the table has in all, of the cycle asked for ({@code cycleId})
     * or else of the one that speaks for the period; {@code cycles} lists every cycle of the period with results, the
     * one that speaks first, for a portal to offer the others.
     */
    @Fallback(UnavailablePanel.class)
    public Uni<Panel> league(String period, String cycleId, Caller c) {
        return inCycle(period, null, cycleId, c, (cycle, ranked) -> rest.results(cycle, LEAGUE_SIZE,
                c.authorization(), c.requestId()).map(page -> {
                    ObjectNode head = JsonNodeFactory.instance.objectNode();
                    head.set("results", page.path("items"));
                    head.put("totalResults", page.path("totalItems").asLong());
                    ArrayNode all = head.putArray("cycles");
                    ranked.forEach(x -> all.addObject().put("id", x.path("id").asText())
                            .put("name", x.path("name").asText()).put("status", x.path("status").asText())
                            .put("subjects", x.path("subjects").size()));
                    return head;
                }));
    }

    /**
     * The periods with evaluation cycles (of those {@code subject} is evaluated in, unless null), with how many each has,
     * the latest year first: {@code [{period, cycles}]}.
     */
    @Fallback(UnavailablePanel.class)
    public Uni<Panel> periods(String subject, Caller c) {
        return Panel.of(rest.periods(subject, c.authorization(), c.requestId()));
    }

    /** One subject's result with its breakdown in the period's cycle it is evaluated in: {@code {cycle, results}}. */
    @Fallback(UnavailablePanel.class)
    public Uni<Panel> result(String period, String subject, Caller c) {
        return inCycle(period, subject, null, c, (cycle, ranked) -> rest.result(cycle, subject, c.authorization(),
                c.requestId()).map(r -> JsonNodeFactory.instance.objectNode().set("results", r)));
    }

    /**
     * Finds the period's cycle (of those {@code subject} is evaluated in, unless null): the one asked for by id, else
     * the one that speaks for the period. Then asks {@code call} with its id and the period's ranked cycles; the
     * answer's fields next to the cycle's summary, or {@code UNPUBLISHED} when the caller may see them only once the
     * cycle is published.
     */
    private Uni<Panel> inCycle(String period, String subject, String cycleId, Caller c,
            BiFunction<String, List<JsonNode>, Uni<ObjectNode>> call) {
        return Panel.of(rest.cycles(period, subject, CYCLES_SIZE, c.authorization(), c.requestId())).flatMap(cycles -> {
            if (!cycles.isOk()) {
                return Uni.createFrom().item(cycles);
            }
            List<JsonNode> ranked = SpeakingCycle.ranked(cycles.data(), period);
            return ranked.stream().filter(x -> cycleId == null || cycleId.equals(x.path("id").asText())).findFirst()
                    .map(cycle -> Panel.of(call.apply(cycle.get("id").asText(), ranked).map(r -> wrap(cycle, r)))
                            .map(answer -> Panel.inCycle(answer, cycle)))
                    .orElseGet(() -> Uni.createFrom().item(cycleId == null
                            ? NO_CYCLE
                            : new Panel(Panel.Status.NOT_FOUND, null,
                                    "cycle " + cycleId + " is not an evaluation cycle of " + period
                                            + " with results")));
        });
    }

    /** The answer's fields next to the cycle's summary. */
    private static JsonNode wrap(JsonNode cycle, ObjectNode fields) {
        ObjectNode summary = JsonNodeFactory.instance.objectNode();
        for (String f : List.of("id", "name", "period", "status", "weights", "publishedAt", "appealWindowDays")) {
            summary.set(f, cycle.get(f));
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.set("cycle", summary);
        out.setAll(fields);
        return out;
    }
}
