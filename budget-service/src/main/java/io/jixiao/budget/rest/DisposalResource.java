package io.jixiao.budget.rest;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.jixiao.budget.domain.DisposalTask;
import io.jixiao.budget.service.DisposalService;
import io.jixiao.kit.security.CurrentUser;
import io.jixiao.kit.web.PageRequest;
import io.jixiao.kit.web.Paged;

@Path("/api/v1/budget/disposals")
@Tag(name = "Disposal tasks", description = "Opened by RED lights; closed by finance with rectify, suspend or withdraw")
public class DisposalResource {

    public record CloseRequest(@NotNull DisposalTask.Action action, @NotBlank @Size(max = 1000) String note) {
    }

    public record DisposalResponse(UUID id, UUID project, String subject, DisposalTask.Status status,
            List<String> reasons, @Schema(nullable = true) DisposalTask.Action action,
            @Schema(nullable = true) String note, OffsetDateTime openedAt,
            @Schema(nullable = true) OffsetDateTime closedAt, @Schema(nullable = true) String closedBy) {
        public static DisposalResponse from(DisposalTask t) {
            return new DisposalResponse(t.id, t.projectId, t.subjectCode, t.status, t.reasons, t.action, t.note,
                    t.openedAt, t.closedAt, t.closedBy);
        }
    }

    private final DisposalService service;
    private final CurrentUser caller;

    public DisposalResource(DisposalService service, CurrentUser caller) {
        this.service = service;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({CurrentUser.FINANCE, CurrentUser.ADMIN, CurrentUser.DEPARTMENT})
    @Operation(summary = "Disposal tasks in a status (OPEN unless asked), the oldest first, in pages; of every "
            + "fiscal year unless one is asked; a department sees its own")
    public Paged<DisposalResponse> list(@QueryParam("status") DisposalTask.Status status,
            @QueryParam("subject") @Size(max = 32) String subject,
            @Parameter(description = "Only the tasks of this fiscal year's projects") @QueryParam("year") @Min(2000) @Max(2100) Integer year,
            @QueryParam("page") Integer page, @QueryParam("size") Integer size) {
        return service.list(status == null ? DisposalTask.Status.OPEN : status, subject, year, caller,
                PageRequest.of(page, size)).map(DisposalResponse::from);
    }

    @POST
    @Path("/{id}/close")
    @RolesAllowed({CurrentUser.FINANCE, CurrentUser.ADMIN})
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "rectify", summary = "Close a red project's disposal task", value = ApiExamples.DISPOSAL_CLOSE)))
    public DisposalResponse close(@PathParam("id") UUID id, @Valid @NotNull CloseRequest r) {
        return DisposalResponse.from(service.close(id, r.action(), r.note(), caller));
    }
}
