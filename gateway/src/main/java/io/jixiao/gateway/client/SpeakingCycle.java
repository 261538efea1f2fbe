package io.jixiao.gateway.client;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Which of a period's evaluation cycles speaks for it on the portal: the widest (the comprehensive evaluation, not a
 * special one of a few departments), then the most advanced (published before finalized before closed before open),
 * then the newest. A draft has no results and never speaks.
 */
final class SpeakingCycle {

    private static final List<String> PRECEDENCE = List.of("PUBLISHED", "FINALIZED", "CLOSED", "OPEN");
    private static final Comparator<JsonNode> FIRST = Comparator
            .comparingInt((JsonNode cycle) -> -cycle.path("subjects").size())
            .thenComparingInt(cycle -> PRECEDENCE.indexOf(cycle.path("status").asText()))
            .thenComparing(SpeakingCycle::createdAt, Comparator.reverseOrder());

    private SpeakingCycle() {
    }

    /**
     * The period's cycles that have results, of a page of cycles ({@code {items: [...]}}, as the service lists them):
     * the one that speaks for the period first, the others in the same order.
     */
    static List<JsonNode> ranked(JsonNode page, String period) {
        List<JsonNode> candidates = new ArrayList<>();
        for (JsonNode cycle : page.path("items")) {
            if (period.equals(cycle.path("period").asText())
                    && PRECEDENCE.contains(cycle.path("status").asText())) {
                candidates.add(cycle);
            }
        }
        candidates.sort(FIRST);
        return candidates;
    }

    /** When the cycle was created, compared as an instant (the text's fraction of a second varies in length). */
    private static OffsetDateTime createdAt(JsonNode cycle) {
        try {
            return OffsetDateTime.parse(cycle.path("createdAt").asText());
        } catch (DateTimeParseException e) {
            return OffsetDateTime.MIN;
        }
    }
}
