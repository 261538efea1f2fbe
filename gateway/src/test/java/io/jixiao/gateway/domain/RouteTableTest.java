package io.jixiao.gateway.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Map;

import org.junit.jupiter.api.Test;

class RouteTableTest {

    final RouteTable table = new RouteTable(Map.of("indicator", URI.create("http://i:1"), "evaluation",
            URI.create("http://e:2"), "survey", URI.create("http://s:3"), "budget", URI.create("http://b:4")));

    String service(String path) {
        return table.resolve(path).map(RouteTable.Target::service).orElse("-");
    }

    @Test
    void pathsGoToTheServiceThatOwnsThem() {
        assertEquals("indicator", service("/api/v1/subjects"));
        assertEquals("indicator", service("/api/v1/subjects/FIN/scorecards/2026"));
        assertEquals("survey", service("/api/v1/subjects/FIN/satisfaction"));
        assertEquals("indicator", service("/api/v1/values"));
        assertEquals("indicator", service("/api/v1/periods"));
        assertEquals("evaluation", service("/api/v1/cycles/abc/ratings"));
        assertEquals("survey", service("/api/v1/surveys"));
        assertEquals("survey", service("/api/v1/reviews/metrics"));
        assertEquals("survey", service("/api/v1/rectifications/1/answer"));
        assertEquals("survey", service("/api/v1/calendar/2026"));
        assertEquals("survey", service("/api/v1/satisfaction/export"));
        assertEquals("survey", service("/api/v1/public/surveys/1/responses"));
        assertEquals("budget", service("/api/v1/budget/proposals"));
        for (String s : java.util.List.of("indicator", "evaluation", "survey", "budget")) {
            assertEquals(s, service("/api/v1/ops/" + s + "/dead-letters/0/7/redrive"));
        }
        assertTrue(table.resolve("/api/v1/public/surveys/1").orElseThrow().publicAccess());
    }

    @Test
    void unknownAndTraversingPathsResolveToNothing() {
        assertEquals("-", service("/api/v1/cyclesX"));
        assertEquals("-", service("/api/v1/admin"));
        assertEquals("-", service("/api/v1/ops/gateway/dead-letters"));
        assertEquals("-", service("/api/v1/budget/../cycles"));
        assertEquals("-", service("/api/v1//subjects"));
    }

    @Test
    void rolesAreCheckedPerRouteAndUploadsAreRecognised() {
        RouteTable.Target budget = table.resolve("/api/v1/budget/projects").orElseThrow();
        assertFalse(budget.admits(java.util.Set.of("assessor")));
        assertTrue(budget.admits(java.util.Set.of("assessor", "finance")));
        assertFalse(budget.admits(java.util.Set.of()));
        assertTrue(table.resolve("/api/v1/cycles/1/ratings").orElseThrow().admits(java.util.Set.of("assessor")));
        assertFalse(table.resolve("/api/v1/cycles/1/ratings").orElseThrow().admits(java.util.Set.of("emperor")));
        assertTrue(table.resolve("/api/v1/public/surveys/1").orElseThrow().admits(java.util.Set.of()));
        RouteTable.Target ops = table.resolve("/api/v1/ops/survey/dead-letters").orElseThrow();
        assertTrue(ops.admits(java.util.Set.of("admin")));
        assertFalse(ops.admits(java.util.Set.of("superior", "department", "assessor", "finance", "system")));
        assertTrue(table.resolve("/api/v1/budget/executions/import").orElseThrow().largeUpload());
        assertTrue(table.resolve("/api/v1/cycles/1/ratings/bulk").orElseThrow().largeUpload());
        assertFalse(table.resolve("/api/v1/values").orElseThrow().largeUpload());
    }
}
