package io.jixiao.gateway.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.jixiao.gateway.client.Panel;

/** Which years a portal lists and which it opens on, from the periods with scorecards and with cycles. */
class YearsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static Map<String, Panel> panels(Panel scorecards, Panel evaluation) {
        Map<String, Panel> m = new LinkedHashMap<>();
        m.put("scorecards", scorecards);
        m.put("evaluation", evaluation);
        return m;
    }

    /** The periods with scorecards, as indicator-service lists them. */
    private static Panel periods(String... periods) {
        return listed("scorecards", periods);
    }

    /** The periods with evaluation cycles, as evaluation-service lists them. */
    private static Panel cycles(String... periods) {
        return listed("cycles", periods);
    }

    private static Panel listed(String count, String... periods) {
        StringBuilder s = new StringBuilder("[");
        for (String p : periods) {
            s.append(s.length() > 1 ? "," : "").append("{\"period\":\"").append(p).append("\",\"").append(count)
                    .append("\":1}");
        }
        return Panel.ok(json(s.append(']').toString()));
    }

    @Test
    void inJanuaryThePortalOpensOnTheYearBeingEvaluated() {
        // 2027 has only a month's scorecards so far: the portal shows years, so it opens on 2026
        Years y = Years.of(panels(periods("2027-01", "2026", "2026-Q4", "2025"), cycles("2026")), 2027);
        assertEquals(List.of(2026, 2025), y.years());
        assertEquals(2026, y.latest());
    }

    @Test
    void theYearsOfBothSourcesAreMergedTheLatestFirstAndAFutureYearIsListedButNotOpenedOn() {
        Years y = Years.of(panels(periods("2026", "2024"), cycles("2027", "2025", "2026", "2025-H1")), 2026);
        assertEquals(List.of(2027, 2026, 2025, 2024), y.years());
        assertEquals(2026, y.latest());
        // a cycle alone makes a year (the office evaluates before every department reported)
        assertEquals(2023, Years.of(panels(periods(), cycles("2023")), 2026).latest());
    }

    @Test
    void withNothingOrOnlyFutureYearsThePortalOpensOnTheCurrentYear() {
        assertEquals(2026, Years.of(panels(periods(), cycles()), 2026).latest());
        Years future = Years.of(panels(periods("2030"), cycles()), 2026);
        assertEquals(List.of(2030), future.years());
        assertEquals(2026, future.latest());
    }

    @Test
    void aServiceThatDidNotAnswerLeavesItsYearsOutAndTheOtherStillCounts() {
        Years y = Years.of(panels(Panel.unavailable("indicator"), cycles("2025")), 2026);
        assertEquals(List.of(2025), y.years());
        assertEquals(2025, y.latest());
        Years none = Years.of(panels(Panel.unavailable("indicator"), Panel.unavailable("evaluation")), 2026);
        assertEquals(List.of(), none.years());
        assertEquals(2026, none.latest());
        // a period that is not a year's (or not a period at all) names no year, nor does a year the portal's read
        // models refuse (they take 2000–2099)
        assertEquals(List.of(2025), Years.of(panels(periods("2025", "20x6", "12345", "1999"), Panel.unavailable("e")),
                2026).years());
    }
}
