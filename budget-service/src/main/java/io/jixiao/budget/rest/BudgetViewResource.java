package io.jixiao.budget.rest;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.jixiao.budget.domain.monitoring.Light;
import io.jixiao.budget.rest.DisposalResource.DisposalResponse;
import io.jixiao.budget.rest.MonitoringResource.ProjectMonitoring;
import io.jixiao.budget.rest.ProposalResource.ProposalResponse;
import io.jixiao.budget.service.BudgetViews;
import io.jixiao.kit.security.CurrentUser;
import io.jixiao.kit.web.PageRequest;
import io.jixiao.kit.web.Paged;

@Path("/api/v1/budget/views")
@Tag(name = "Budget views", description = "Read models for portals: matrix, warnings, a department's year")
public class BudgetViewResource {

    public record MatrixResponse(int year, LocalDate asOf, Map<BudgetViews.Quadrant, Long> counts,
            @Schema(description = "The same page of each quadrant's projects, by subject and project name; its"
                    + " totalItems is the quadrant's count") Map<BudgetViews.Quadrant, Paged<ProjectMonitoring>> quadrants) {
    }

    public record WarningsResponse(
            @Schema(description = "A page of the year's RED projects, by subject and project name") Paged<ProjectMonitoring> red,
            @Schema(description = "The same page of the open disposal tasks of the year's projects, the oldest first") Paged<DisposalResponse> openTasks) {
    }

    public record DepartmentYearResponse(String subject, int year, BigDecimal approved, BigDecimal spent,
            BigDecimal proposedNextYear, Map<Light, Long> lights, List<ProjectMonitoring> projects,
            List<ProposalResponse> nextYear,
            List<DisposalResponse> openTasks) {
    }

    private final BudgetViews views;
    private final CurrentUser caller;

    public BudgetViewResource(BudgetViews views, CurrentUser caller) {
        this.views = views;
        this.caller = caller;
    }

    @GET
    @Path("/matrix")
    @RolesAllowed({CurrentUser.FINANCE, CurrentUser.ADMIN, CurrentUser.SUPERIOR, CurrentUser.DEPARTMENT})
    @Operation(summary = "A fiscal year's projects by execution pace and goal score as of a date (default today,"
            + " China time): every quadrant's count, and the same page of each quadrant's projects; a department"
            + " sees its own")
    public MatrixResponse matrix(@QueryParam("year") @NotNull @Min(2000) @Max(2100) Integer year,
            @QueryParam("asOf") LocalDate asOf, @QueryParam("page") Integer page, @QueryParam("size") Integer size) {
        BudgetViews.Matrix m = views.matrix(year, day(asOf), PageRequest.of(page, size), caller);
        Map<BudgetViews.Quadrant, Long> counts = new EnumMap<>(BudgetViews.Quadrant.class);
        Map<BudgetViews.Quadrant, Paged<ProjectMonitoring>> q = new EnumMap<>(BudgetViews.Quadrant.class);
        m.quadrants().forEach((k, v) -> {
            counts.put(k, v.totalItems());
            q.put(k, v.map(ProjectMonitoring::from));
        });
        return new MatrixResponse(m.year(), m.asOf(), counts, q);
    }

    @GET
    @Path("/warnings")
    @RolesAllowed({CurrentUser.FINANCE, CurrentUser.ADMIN, CurrentUser.SUPERIOR, CurrentUser.DEPARTMENT})
    @Operation(summary = "A fiscal year's RED projects as of a date and the open disposal tasks, a page of each; a"
            + " department sees its own")
    public WarningsResponse warnings(@QueryParam("year") @NotNull @Min(2000) @Max(2100) Integer year,
            @QueryParam("asOf") LocalDate asOf, @QueryParam("page") Integer page, @QueryParam("size") Integer size) {
        BudgetViews.Warnings w = views.warnings(year, day(asOf), PageRequest.of(page, size), caller);
        return new WarningsResponse(w.red().map(ProjectMonitoring::from), w.openTasks().map(DisposalResponse::from));
    }

    @GET
    @Path("/departments/{code}")
    @RolesAllowed({CurrentUser.FINANCE, CurrentUser.ADMIN, CurrentUser.SUPERIOR, CurrentUser.DEPARTMENT})
    public DepartmentYearResponse department(@PathParam("code") String code,
            @QueryParam("year") @NotNull @Min(2000) @Max(2100) Integer year, @QueryParam("asOf") LocalDate asOf) {
        BudgetViews.DepartmentYear d = views.department(code, year, day(asOf), caller);
        return new DepartmentYearResponse(d.subject(), d.year(), d.approved(), d.spent(), d.proposedNextYear(),
                d.lights(),
                d.projects().stream().map(ProjectMonitoring::from).toList(),
                d.nextYear().stream().map(ProposalResponse::from).toList(),
                d.openTasks().stream().map(DisposalResponse::from).toList());
    }

    private static LocalDate day(LocalDate asOf) {
        return asOf == null ? LocalDate.now(ZoneId.of("Asia/Shanghai")) : asOf;
    }
}
