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

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.jixiao.budget.domain.monitoring.Light;
import io.jixiao.budget.rest.DisposalResource.DisposalResponse;
import io.jixiao.budget.rest.MonitoringResource.ProjectMonitoring;
import io.jixiao.budget.rest.ProposalResource.ProposalResponse;
import io.jixiao.budget.service.BudgetViews;
import io.jixiao.kit.security.CurrentUser;

@Path("/api/v1/budget/views")
@Tag(name = "Budget views", description = "Read models for portals: matrix, warnings, a department's year")
public class BudgetViewResource {

    public record MatrixResponse(int year, LocalDate asOf, Map<BudgetViews.Quadrant, Long> counts,
            Map<BudgetViews.Quadrant, List<ProjectMonitoring>> quadrants) {
    }

    public record WarningsResponse(List<ProjectMonitoring> red, List<DisposalResponse> openTasks) {
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
    public MatrixResponse matrix(@QueryParam("year") @NotNull @Min(2000) @Max(2100) Integer year,
            @QueryParam("asOf") LocalDate asOf) {
        BudgetViews.Matrix m = views.matrix(year, day(asOf), caller);
        Map<BudgetViews.Quadrant, Long> counts = new EnumMap<>(BudgetViews.Quadrant.class);
        Map<BudgetViews.Quadrant, List<ProjectMonitoring>> q = new EnumMap<>(BudgetViews.Quadrant.class);
        m.quadrants().forEach((k, v) -> {
            counts.put(k, (long) v.size());
            q.put(k, v.stream().map(ProjectMonitoring::from).toList());
        });
        return new MatrixResponse(m.year(), m.asOf(), counts, q);
    }

    @GET
    @Path("/warnings")
    @RolesAllowed({CurrentUser.FINANCE, CurrentUser.ADMIN, CurrentUser.SUPERIOR, CurrentUser.DEPARTMENT})
    public WarningsResponse warnings(@QueryParam("year") @NotNull @Min(2000) @Max(2100) Integer year,
            @QueryParam("asOf") LocalDate asOf) {
        BudgetViews.Warnings w = views.warnings(year, day(asOf), caller);
        return new WarningsResponse(w.red().stream().map(ProjectMonitoring::from).toList(),
                w.openTasks().stream().map(DisposalResponse::from).toList());
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
