package io.jixiao.indicator.rest;

import java.util.ArrayList;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.jixiao.indicator.domain.scoring.Dimension;
import io.jixiao.indicator.service.HealthReportService;
import io.jixiao.kit.period.Period;
import io.jixiao.kit.problem.ProblemException.InvalidInputException;
import io.jixiao.kit.security.CurrentUser;
import io.jixiao.kit.sheets.Sheets;

@Path("/api/v1/subjects/{code}/health/{period}")
@Tag(name = "Health reports", description = "A subject's health report and a period's league table")
public class HealthReportResource {

    private final HealthReportService service;
    private final CurrentUser caller;

    public HealthReportResource(HealthReportService service, CurrentUser caller) {
        this.service = service;
        this.caller = caller;
    }

    @GET
    @RolesAllowed(CurrentUser.ANY_ROLE)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Five dimension scores (for a radar), the change against the same period a year before, the "
            + "weakest indicators and the lights")
    public HealthReportService.Report report(@PathParam("code") String code,
            @PathParam("period") @Pattern(regexp = Period.PATTERN, message = Period.MESSAGE) String period) {
        caller.requireOwnIfDepartment(code, "health report");
        return service.report(code, period);
    }
}
