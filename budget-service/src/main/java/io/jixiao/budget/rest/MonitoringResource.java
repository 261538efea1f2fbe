package io.jixiao.budget.rest;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.jixiao.budget.domain.DisposalTask;
import io.jixiao.budget.domain.monitoring.Light;
import io.jixiao.budget.service.MonitoringService;
import io.jixiao.kit.security.CurrentUser;
import io.jixiao.kit.web.Decimals;
import io.jixiao.kit.web.PageRequest;
import io.jixiao.kit.web.Paged;

@Path("/api/v1/budget/monitoring")
@Tag(name = "Dual monitoring", description = "Execution pace and goal score of every project: lights and warnings")
public class MonitoringResource {

    public record ProjectMonitoring(UUID project, String subject, String name, BigDecimal approved, BigDecimal spent,
            BigDecimal executionRate, BigDecimal timeProgress, @Schema(nullable = true) BigDecimal pace,
            boolean paceJudged,
            @Schema(nullable = true) BigDecimal goalScore, Light light, List<String> reasons,
            @Schema(nullable = true, description = "The project's open disposal task, awaiting finance's decision"
                    + " (the oldest, if it turned RED again before the first was closed); null when it has none") OpenTask openTask) {
        public static ProjectMonitoring from(MonitoringService.Assessed a) {
            var s = a.assessment();
            DisposalTask t = a.openTask();
            return new ProjectMonitoring(a.project().id, a.project().subjectCode, a.project().name,
                    a.project().approvedAmount, a.spent(), Decimals.stored(s.executionRate()),
                    Decimals.stored(s.timeProgress()), Decimals.stored(s.pace()), s.paceJudged(),
                    Decimals.stored(s.goalScore()), s.light(), s.reasons(),
                    t == null ? null : new OpenTask(t.id, t.openedAt));
        }
    }

    /** A disposal task still open, as {@code GET /api/v1/budget/disposals} lists it; finance closes it with its id. */
    @Schema(name = "OpenDisposalTask")
    public record OpenTask(UUID id, OffsetDateTime openedAt) {
    }

    private final MonitoringService service;
    private final CurrentUser caller;

    public MonitoringResource(MonitoringService service, CurrentUser caller) {
        this.service = service;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({CurrentUser.FINANCE, CurrentUser.ADMIN, CurrentUser.DEPARTMENT, CurrentUser.SUPERIOR,
            CurrentUser.SYSTEM})
    @Operation(summary = "The lights of a fiscal year's projects as of a date (default today, China time), computed"
            + " now, by subject and project name, in pages; optionally one subject's or one light's; a department"
            + " sees its own projects")
    public Paged<ProjectMonitoring> lights(@QueryParam("year") @NotNull @Min(2000) @Max(2100) Integer year,
            @QueryParam("asOf") LocalDate asOf, @QueryParam("subject") @Size(max = 32) String subject,
            @QueryParam("light") Light light, @QueryParam("page") Integer page, @QueryParam("size") Integer size) {
        return service.page(year, asOf == null ? today() : asOf, subject, light, PageRequest.of(page, size), caller)
                .map(ProjectMonitoring::from);
    }

    @POST
    @Path("/run")
    @RolesAllowed({CurrentUser.FINANCE, CurrentUser.ADMIN, CurrentUser.SYSTEM})
    @Operation(summary = "Records the lights as of a date (default today): a changed light goes into the project's"
            + " history, a project turning RED raises a warning and opens a disposal task; the daily run does the same"
            + " for the current year. Answers what the run did; the lights are read with GET")
    public MonitoringService.MonitoringRun run(@QueryParam("year") @NotNull @Min(2000) @Max(2100) Integer year,
            @QueryParam("asOf") LocalDate asOf) {
        return service.run(year, asOf == null ? today() : asOf);
    }

    private static LocalDate today() {
        return LocalDate.now(ZoneId.of("Asia/Shanghai"));
    }
}
