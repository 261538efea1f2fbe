package io.jixiao.gateway.client;

import com.fasterxml.jackson.databind.JsonNode;

import jakarta.ws.rs.WebApplicationException;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One panel of a portal page: what a service answered, or why it did not. A service that is down, slow or failing
 * degrades its panel to {@code UNAVAILABLE}; the page still renders.
 */
public record Panel(Status status,
        @Schema(nullable = true, implementation = Object.class, description = "The service's own answer, as its operation documents it (the "
                + "scorecard, the 360 result, a page of subjects...); null unless the status is OK") JsonNode data,
        @Schema(nullable = true, description = "Why there is no data, when the status is not OK") String detail) {

    @Schema(name = "PanelStatus")
    public enum Status {
        /** The service answered. */
        OK,
        /** There is nothing yet (no scorecard, no cycle, no survey for this period). */
        NOT_FOUND,
        /** The caller may not see this panel. */
        FORBIDDEN,
        /**
         * The caller sees these results once they are published: the cycle is still being rated, or awaits its
         * publication (a department before the office publishes).
         */
        UNPUBLISHED,
        /** The service is down, slow or its breaker is open. */
        UNAVAILABLE
    }

    public static Panel ok(JsonNode data) {
        return new Panel(Status.OK, data, null);
    }

    /**
     * The answer of a call made in an evaluation cycle: a refusal of a cycle not yet published says so, with the
     * cycle's name; anything else as it is.
     */
    static Panel inCycle(Panel answer, JsonNode cycle) {
        if (answer.status == Status.FORBIDDEN && !"PUBLISHED".equals(cycle.path("status").asText())) {
            return new Panel(Status.UNPUBLISHED, null, "the results of " + cycle.path("name").asText()
                    + " are not published yet");
        }
        return answer;
    }

    public static Panel unavailable(String service) {
        return new Panel(Status.UNAVAILABLE, null, service + "-service is unavailable");
    }

    /** A service's 4xx answer as a panel state; anything else is rethrown (and becomes {@code UNAVAILABLE}). */
    static Panel refused(WebApplicationException e) {
        int s = e.getResponse().getStatus();
        if (s == 401 || s == 403) {
            return new Panel(Status.FORBIDDEN, null, "not visible to you");
        }
        if (s == 404 || s == 422 || s == 400) {
            return new Panel(Status.NOT_FOUND, null, "nothing for this period");
        }
        throw e;
    }

    /** A service call as a panel: its answer, or its 4xx as a state; transport failures stay failures. */
    static io.smallrye.mutiny.Uni<Panel> of(io.smallrye.mutiny.Uni<JsonNode> call) {
        return call.map(Panel::ok).onFailure(WebApplicationException.class)
                .recoverWithItem(e -> refused((WebApplicationException) e));
    }

    public boolean isOk() {
        return status == Status.OK;
    }
}
