package io.jixiao.gateway.rest;

import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestStreamElementType;

import io.jixiao.gateway.client.Caller;
import io.jixiao.gateway.messaging.LiveEvents;
import io.jixiao.gateway.messaging.LiveEvents.LiveEvent;
import io.jixiao.gateway.service.PortalService;
import io.jixiao.gateway.service.Years;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

@Path("/api/v1/portal")
@Tag(name = "Portal", description = "Read models for portals, composed from the services; a failing service degrades "
        + "its panel, not the page")
@RolesAllowed({"admin", "superior", "department", "finance"})
@Produces(MediaType.APPLICATION_JSON)
public class PortalResource {

    private static final Pattern UUID_TEXT = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final PortalService portal;
    private final LiveEvents live;
    private final JsonWebToken jwt;

    public PortalResource(PortalService portal, LiveEvents live, JsonWebToken jwt) {
        this.portal = portal;
        this.live = live;
        this.jwt = jwt;
    }

    @GET
    @Path("/departments/{code}")
    @Operation(summary = "A department's page: scorecard with its radar, last year's for the trend, the latest changes"
            + " of the scorecard's configuration, 360 result and breakdown, satisfaction by respondent group, the year's"
            + " surveys, budget lights, rectification cases")
    public Uni<PortalService.Dashboard> department(@PathParam("code") String code, @QueryParam("period") String period,
            @HeaderParam("Authorization") String auth, @HeaderParam("X-Request-Id") String rid) {
        if (code == null || !code.matches("[A-Z][A-Z0-9_-]{0,31}")) {
            throw new GatewayProblems.InvalidInput("code", "must be an upper-case code such as FIN");
        }
        if (departmentOnly() && !code.equals(String.valueOf(jwt.<Object>getClaim("dept")))) {
            throw new ForbiddenException("a department sees only its own page");
        }
        return portal.dashboard(code, year(period), new Caller(auth, rid));
    }

    @GET
    @Path("/league")
    @Operation(summary = "The league tables of a period: 360 results with grades and ranks (of the cycle asked for,"
            + " else of the period's widest, then furthest on, then newest cycle; the period's cycles with results are"
            + " listed beside them), the head of the scorecard ranking (its first 20 rows and how many it has), and the"
            + " names of the subjects the results name")
    public Uni<PortalService.League> league(@QueryParam("period") String period,
            @Parameter(description = "An evaluation cycle of the period, by id (optional)") @QueryParam("cycle") String cycle,
            @HeaderParam("Authorization") String auth, @HeaderParam("X-Request-Id") String rid) {
        if (cycle != null && !UUID_TEXT.matcher(cycle).matches()) {
            throw new GatewayProblems.InvalidInput("cycle", "must be a cycle's id (a UUID)");
        }
        return portal.league(year(period), cycle == null ? null : cycle.toLowerCase(Locale.ROOT),
                new Caller(auth, rid));
    }

    @GET
    @Path("/warnings")
    @Operation(summary = "What needs attention in a year: the first 50 red budget projects and open disposal tasks,"
            + " each with how many there are, overdue rectification cases (a department sees its own), and the names"
            + " of the subjects they concern")
    public Uni<PortalService.Warnings> warnings(@QueryParam("period") String period,
            @HeaderParam("Authorization") String auth, @HeaderParam("X-Request-Id") String rid) {
        return portal.warnings(year(period), new Caller(auth, rid));
    }

    @GET
    @Path("/years")
    @Operation(summary = "The years with data the caller may see (a year's scorecards or an evaluation cycle of the"
            + " year; a department's own), the latest first, and the year a portal opens on: the latest that is not"
            + " after the current one (in January the office is still evaluating the year before)")
    public Uni<Years> years(@HeaderParam("Authorization") String auth, @HeaderParam("X-Request-Id") String rid) {
        return portal.years(departmentOnly() ? String.valueOf(jwt.<Object>getClaim("dept")) : null,
                new Caller(auth, rid));
    }

    @GET
    @Path("/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Operation(summary = "Live updates as Server-Sent Events: new scorecards, 360 results, satisfaction indices and "
            + "budget warnings (a department receives its own); a heartbeat every 15 s. The stream ends when this gateway "
            + "instance stops: connect again")
    public Multi<LiveEvent> stream() {
        return live.stream(departmentOnly() ? String.valueOf(jwt.<Object>getClaim("dept")) : null,
                Duration.ofSeconds(15));
    }

    private boolean departmentOnly() {
        Set<String> g = jwt.getGroups();
        return g.contains("department") && !g.contains("admin") && !g.contains("superior") && !g.contains("finance");
    }

    private static int year(String period) {
        if (period == null || !period.matches("20\\d\\d")) {
            throw new GatewayProblems.InvalidInput("period", "must be a year such as 2026");
        }
        return Integer.parseInt(period);
    }
}
