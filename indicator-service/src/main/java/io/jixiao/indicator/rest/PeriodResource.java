package io.jixiao.indicator.rest;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.jixiao.indicator.domain.ScoredPeriod;
import io.jixiao.indicator.service.HealthReportService;
import io.jixiao.kit.security.CurrentUser;

/**
 * The periods that have scores, for a front end to open on the latest one rather than on the calendar's year (in
 * January the office is still evaluating the year before).
 */
@Path("/api/v1/periods")
@Tag(name = "Health reports", description = "A subject's health report and a period's league table")
public class PeriodResource {

    private final HealthReportService service;
    private final CurrentUser caller;

    public PeriodResource(HealthReportService service, CurrentUser caller) {
        this.service = service;
        this.caller = caller;
    }

    @GET
    @RolesAllowed(CurrentUser.ANY_ROLE)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The periods with stored scorecards and how many each has, the latest year first (in a year,"
            + " its quarters, halves and months before the year itself); a department sees only its own scorecards'")
    public List<ScoredPeriod> list() {
        String own = caller.hasRole(CurrentUser.DEPARTMENT) ? caller.dept().orElse("") : null;
        return service.periods(own);
    }
}
