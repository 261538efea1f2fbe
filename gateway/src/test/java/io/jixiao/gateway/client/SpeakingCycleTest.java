package io.jixiao.gateway.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.Test;

/** Which of a period's cycles the portal shows: the one that speaks for the period. */
class SpeakingCycleTest {

    static final ObjectMapper JSON = new ObjectMapper();

    static ObjectNode cycle(String id, String period, String status, String createdAt, String... subjects) {
        ObjectNode c = JSON.createObjectNode().put("id", id).put("period", period).put("status", status)
                .put("createdAt", createdAt);
        ArrayNode s = c.putArray("subjects");
        List.of(subjects).forEach(s::add);
        return c;
    }

    /** A page of cycles as the service lists them, the newest first. */
    static JsonNode page(ObjectNode... cycles) {
        ObjectNode page = JSON.createObjectNode();
        ArrayNode items = page.putArray("items");
        List.of(cycles).forEach(items::add);
        return page;
    }

    static String chosen(JsonNode page, String period) {
        return SpeakingCycle.ranked(page, period).stream().findFirst().map(c -> c.path("id").asText()).orElse("none");
    }

    /**
     * The README's walk-through: a special evaluation of one department, finalized, beside the city's comprehensive
     * one of ten, still open. The city's speaks for the year; the special one used to, being further on.
     */
    @Test
    void theComprehensiveCycleSpeaksForTheYearOverAFurtherSpecialOne() {
        JsonNode page = page(cycle("special", "2026", "FINALIZED", "2026-11-25T17:21:41Z", "WATER"),
                cycle("city", "2026", "OPEN", "2026-11-25T17:20:02Z", "FIN", "EDU", "WATER", "HOUSING", "HRSS",
                        "HEALTH", "AGRI", "TRANSPORT", "ECO", "CIVIL"));
        assertEquals("city", chosen(page, "2026"));
        // the department's page asks only for the cycles it is in: the special one's department in both sees the
        // city's, a department only in the special one sees that one
        assertEquals("special", chosen(page(cycle("special", "2026", "FINALIZED", "2026-11-25T17:21:41Z", "WATER")),
                "2026"));
    }

    @Test
    void amongEquallyWideCyclesTheFurthestThenTheNewestSpeaks() {
        assertEquals("published", chosen(page(cycle("open", "2026", "OPEN", "2026-03-01T00:00:00Z", "A", "B"),
                cycle("published", "2026", "PUBLISHED", "2026-01-01T00:00:00Z", "A", "B"),
                cycle("closed", "2026", "CLOSED", "2026-02-01T00:00:00Z", "A", "B")), "2026"));
        assertEquals("rerun", chosen(page(cycle("rerun", "2026", "PUBLISHED", "2026-06-01T00:00:00Z", "A", "B"),
                cycle("first", "2026", "PUBLISHED", "2026-01-01T00:00:00Z", "A", "B")), "2026"));
        assertEquals("rerun", chosen(page(cycle("first", "2026", "PUBLISHED", "2026-01-01T00:00:00Z", "A", "B"),
                cycle("rerun", "2026", "PUBLISHED", "2026-06-01T00:00:00Z", "A", "B")), "2026"), "whatever the order");
        // the instants, not their text: 41.51 s is before 41.514423 s, though "41.51Z" sorts after "41.514423Z"
        assertEquals("later", chosen(page(cycle("earlier", "2026", "OPEN", "2026-11-25T17:21:41.51Z", "A"),
                cycle("later", "2026", "OPEN", "2026-11-25T17:21:41.514423Z", "A")), "2026"));
    }

    /** The year's cycles as a portal offers them: the one that speaks first, the others in the same order. */
    @Test
    void thePeriodsCyclesAreRankedTheSpeakingOneFirst() {
        JsonNode page = page(cycle("special", "2026", "PUBLISHED", "2026-11-01T00:00:00Z", "WATER"),
                cycle("draft", "2026", "DRAFT", "2026-10-01T00:00:00Z", "A", "B", "C"),
                cycle("city", "2026", "OPEN", "2026-01-01T00:00:00Z", "A", "B", "WATER"),
                cycle("audit", "2026", "CLOSED", "2026-09-01T00:00:00Z", "A", "B"));
        assertEquals(List.of("city", "audit", "special"),
                SpeakingCycle.ranked(page, "2026").stream().map(c -> c.path("id").asText()).toList());
    }

    @Test
    void aDraftOrAnotherPeriodNeverSpeaks() {
        JsonNode page = page(cycle("draft", "2026", "DRAFT", "2026-06-01T00:00:00Z", "A", "B", "C"),
                cycle("last-year", "2025", "PUBLISHED", "2025-06-01T00:00:00Z", "A", "B", "C"),
                cycle("small", "2026", "OPEN", "2026-01-01T00:00:00Z", "A"));
        assertEquals("small", chosen(page, "2026"));
        assertTrue(SpeakingCycle.ranked(page(cycle("draft", "2026", "DRAFT", "x", "A")), "2026").isEmpty());
    }
}
