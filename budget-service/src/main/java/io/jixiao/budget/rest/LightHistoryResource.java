package io.jixiao.budget.rest;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.jixiao.budget.domain.LightChange;
import io.jixiao.budget.domain.monitoring.Light;
import io.jixiao.budget.service.MonitoringService;
import io.jixiao.kit.security.CurrentUser;

@Path("/api/v1/budget/projects/{id}/lights")
@Tag(name = "Dual monitoring")
public class LightHistoryResource {

    public record LightChangeResponse(@Schema(nullable = true) Light from, Light to, List<String> reasons,
            LocalDate assessedOn,
            OffsetDateTime changedAt) {
        static LightChangeResponse from(LightChange c) {
            return new LightChangeResponse(c.from, c.to, c.reasons, c.assessedOn, c.changedAt);
        }
    }

    private final MonitoringService service;
    private final CurrentUser caller;

    public LightHistoryResource(MonitoringService service, CurrentUser caller) {
        this.service = service;
        this.caller = caller;
    }

    /** Every change of the project's light recorded by the monitoring runs, oldest first. */
    @GET
    @RolesAllowed({CurrentUser.FINANCE, CurrentUser.ADMIN, CurrentUser.DEPARTMENT, CurrentUser.SUPERIOR})
    public List<LightChangeResponse> history(@PathParam("id") UUID id) {
        return service.history(id, caller).stream().map(LightChangeResponse::from).toList();
    }
}
