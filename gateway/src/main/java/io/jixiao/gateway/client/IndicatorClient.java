package io.jixiao.gateway.client;

import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.faulttolerance.api.AsynchronousNonBlocking;
import io.smallrye.mutiny.Uni;

/** indicator-service as the portal sees it: each call a panel, degraded rather than failed. */
@ApplicationScoped
@AsynchronousNonBlocking
@Timeout(value = 3, unit = ChronoUnit.SECONDS)
@CircuitBreaker(requestVolumeThreshold = 8, failureRatio = 0.5, delay = 10, delayUnit = ChronoUnit.SECONDS)
public class IndicatorClient {

    /** The rows of the scorecard league the portal shows. */
    static final int LEAGUE_HEAD = 20;

    /**
     * The codes one call asks the names of (the size of a page). 100 codes of at most 32 characters make a request
     * line of at most 3.9 KB, under the 4 KB a service takes.
     */
    static final int NAMES_PER_CALL = 100;

    /** The configuration changes of a scorecard the portal shows, the newest first. */
    static final int HISTORY_HEAD = 5;

    private final IndicatorRestClient rest;

    public IndicatorClient(@RestClient IndicatorRestClient rest) {
        this.rest = rest;
    }

    /**
     * The subjects the other panels of a page name, for their names: {@code {items}}, by code, asked
     * {@value #NAMES_PER_CALL} codes to a call. A page that names none makes no call.
     */
    @Fallback(UnavailablePanel.class)
    public Uni<Panel> subjectsNamed(Collection<String> codes, Caller c) {
        List<String> all = List.copyOf(new TreeSet<>(codes));
        List<Uni<JsonNode>> calls = new ArrayList<>();
        for (int i = 0; i < all.size(); i += NAMES_PER_CALL) {
            calls.add(rest.subjectsNamed(all.subList(i, Math.min(all.size(), i + NAMES_PER_CALL)), NAMES_PER_CALL,
                    c.authorization(), c.requestId()));
        }
        if (calls.isEmpty()) {
            return Uni.createFrom().item(Panel.ok(named(List.of())));
        }
        return Panel.of(Uni.combine().all().unis(calls).with(JsonNode.class, IndicatorClient::named));
    }

    private static JsonNode named(List<JsonNode> pages) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        ArrayNode items = out.putArray("items");
        pages.forEach(p -> p.path("items").forEach(items::add));
        return out;
    }

    @Fallback(UnavailablePanel.class)
    public Uni<Panel> subject(String code, Caller c) {
        return Panel.of(rest.subject(code, c.authorization(), c.requestId()));
    }

    /**
     * The head of the period's scorecard league table, as the portal shows it: {@code {rows, totalRows}}, the first
     * page of {@value #LEAGUE_HEAD} rows (best first, ranks decided on the whole table's totals as shown) and how many
     * subjects the table has.
     */
    @Fallback(UnavailablePanel.class)
    public Uni<Panel> league(String period, Caller c) {
        return Panel.of(rest.league(period, LEAGUE_HEAD, c.authorization(), c.requestId()).map(page -> {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            out.set("rows", page.path("items"));
            out.set("totalRows", page.path("totalItems"));
            return out;
        }));
    }

    /**
     * The periods with stored scorecards the caller may see (a department its own), with how many each has, the latest
     * year first: {@code [{period, scorecards}]}.
     */
    @Fallback(UnavailablePanel.class)
    public Uni<Panel> periods(Caller c) {
        return Panel.of(rest.periods(c.authorization(), c.requestId()));
    }

    @Fallback(UnavailablePanel.class)
    public Uni<Panel> scorecard(String code, String period, Caller c) {
        return Panel.of(rest.scorecard(code, period, c.authorization(), c.requestId()));
    }

    /**
     * The latest {@value #HISTORY_HEAD} configurations of a subject's scorecard (who changed the weights, targets or
     * thresholds, when, why, and the total before and after), as a page with how many there are in all.
     */
    @Fallback(UnavailablePanel.class)
    public Uni<Panel> scorecardHistory(String code, String period, Caller c) {
        return Panel.of(rest.revisions(code, period, HISTORY_HEAD, c.authorization(), c.requestId()));
    }
}
