package io.jixiao.budget.rest;

import java.math.BigDecimal;
import java.net.URI;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.jixiao.budget.domain.Execution;
import io.jixiao.budget.service.ExecutionService;
import io.jixiao.kit.idempotency.Idempotent;
import io.jixiao.kit.idempotency.IdempotentInterceptor;
import io.jixiao.kit.security.CurrentUser;
import io.jixiao.kit.web.PlausibleDate;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

@Path("/api/v1/budget/projects/{id}/executions")
@Tag(name = "Budget execution", description = "Spending records of a project")
public class ExecutionResource {

    public record RecordExecutionRequest(
            @NotNull @DecimalMin(value = "0.01") @DecimalMax(ExecutionService.MAX_TEXT) @Digits(integer = 16, fraction = 2) BigDecimal amount,
            @NotNull @PlausibleDate LocalDate spentOn,
            @Size(max = 500) String note,
            boolean overspend) {
    }

    public record ExecutionResponse(UUID id, UUID project, BigDecimal amount, LocalDate spentOn,
            @Schema(nullable = true) String note,
            boolean overspend, String recordedBy, OffsetDateTime recordedAt) {
        static ExecutionResponse from(Execution e) {
            return new ExecutionResponse(e.id, e.projectId, e.amount, e.spentOn, e.note, e.overspend, e.recordedBy,
                    e.recordedAt);
        }
    }

    private final ExecutionService service;
    private final CurrentUser caller;

    public ExecutionResource(ExecutionService service, CurrentUser caller) {
        this.service = service;
        this.caller = caller;
    }

    @Idempotent
    @Parameter(name = IdempotentInterceptor.HEADER, in = ParameterIn.HEADER, description = IdempotentInterceptor.DESCRIPTION, schema = @Schema(type = SchemaType.STRING, pattern = IdempotentInterceptor.PATTERN))
    @POST
    @RolesAllowed({CurrentUser.FINANCE, CurrentUser.ADMIN, CurrentUser.SYSTEM, CurrentUser.DEPARTMENT})
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "payment", summary = "A payment on the project", value = ApiExamples.EXECUTION)))
    @APIResponse(responseCode = "201", description = "The execution, recorded", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ExecutionResponse.class)))
    public Response record(@PathParam("id") UUID id, @Valid @NotNull RecordExecutionRequest r) {
        Execution e = service.record(id, new ExecutionService.NewExecution(r.amount(), r.spentOn(), r.note(),
                r.overspend()), caller);
        return Response.created(URI.create("/api/v1/budget/projects/" + id + "/executions/" + e.id))
                .entity(ExecutionResponse.from(e)).build();
    }

    @GET
    @RolesAllowed({CurrentUser.FINANCE, CurrentUser.ADMIN, CurrentUser.SYSTEM, CurrentUser.DEPARTMENT,
            CurrentUser.SUPERIOR})
    public List<ExecutionResponse> list(@PathParam("id") UUID id) {
        return service.list(id, caller).stream().map(ExecutionResponse::from).toList();
    }
}
