package io.jixiao.evaluation.rest;

import java.math.BigDecimal;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
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
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.jixiao.evaluation.domain.Appeal;
import io.jixiao.evaluation.domain.composite.Criterion;
import io.jixiao.evaluation.rest.RatingResource.CriterionScore;
import io.jixiao.evaluation.service.AppealService;
import io.jixiao.kit.security.CurrentUser;
import io.jixiao.kit.web.Decimals;

@Path("/api/v1/cycles/{id}/appeals")
@Tag(name = "Appeals", description = "A subject appeals its published result; the office accepts or rejects")
public class AppealResource {

    public record AppealRequest(@NotBlank @Size(max = 4000) String reason) {
    }

    public record RejectRequest(@NotBlank @Size(max = 2000) String note) {
    }

    public record AcceptRequest(@NotBlank @Size(max = 2000) String note,
            @Size(max = 50) List<@Valid @NotNull AmendedRatingRequest> ratings,
            @DecimalMin("0") @DecimalMax("100") @Digits(integer = 3, fraction = 10, message = Decimals.DIGITS) BigDecimal scorecardTotal,
            @Schema(nullable = true, description = "Replaces the frozen index where its sample met the cycle's "
                    + "minimum (refused otherwise: it would not count); accepting it also clears a SUSPICIOUS_HIGH hold") @DecimalMin("0") @DecimalMax("100") @Digits(integer = 3, fraction = 10, message = Decimals.DIGITS) BigDecimal satisfactionIndex) {
    }

    public record AmendedRatingRequest(@NotNull UUID rating,
            @NotEmpty @Size(max = 20) List<@Valid @NotNull CriterionScore> criteria) {
    }

    public record AppealResponse(UUID id, UUID cycle, String subject, String reason, Appeal.Status status,
            String submittedBy, OffsetDateTime submittedAt, @Schema(nullable = true) String decidedBy,
            @Schema(nullable = true) OffsetDateTime decidedAt,
            @Schema(nullable = true) String decisionNote) {
        static AppealResponse from(Appeal a) {
            return new AppealResponse(a.id, a.cycleId, a.subjectCode, a.reason, a.status, a.submittedBy,
                    a.submittedAt, a.decidedBy, a.decidedAt, a.decisionNote);
        }
    }

    private final AppealService service;
    private final CurrentUser caller;

    public AppealResource(AppealService service, CurrentUser caller) {
        this.service = service;
        this.caller = caller;
    }

    /** The department appeals its own result (the subject is the token's department). */
    @POST
    @RolesAllowed(CurrentUser.DEPARTMENT)
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "appeal", summary = "A department's appeal with its reason", value = ApiExamples.APPEAL)))
    @APIResponse(responseCode = "201", description = "The appeal, lodged", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AppealResponse.class)))
    public Response appeal(@PathParam("id") UUID id, @Valid @NotNull AppealRequest r) {
        Appeal a = service.submit(id, r.reason(), caller);
        return Response.created(URI.create("/api/v1/cycles/" + id + "/appeals/" + a.id))
                .entity(AppealResponse.from(a)).build();
    }

    @GET
    @RolesAllowed({CurrentUser.ADMIN, CurrentUser.DEPARTMENT})
    public List<AppealResponse> list(@PathParam("id") UUID id) {
        return service.list(id, caller).stream().map(AppealResponse::from).toList();
    }

    @POST
    @Path("/{appeal}/accept")
    @RolesAllowed(CurrentUser.ADMIN)
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "amend a rating", summary = "Accept with an amended rating", value = ApiExamples.ACCEPT)))
    public AppealResponse accept(@PathParam("id") UUID id, @PathParam("appeal") UUID appeal,
            @Valid @NotNull AcceptRequest r) {
        var amendment = new AppealService.Amendment(r.ratings() == null
                ? List.of()
                : r.ratings().stream().map(x -> new AppealService.AmendedRating(x.rating(), x.criteria().stream()
                        .map(c -> new Criterion(c.code(), c.score(), c.weight())).toList())).toList(),
                r.scorecardTotal(), r.satisfactionIndex());
        return AppealResponse.from(service.accept(id, appeal, r.note(), amendment, caller));
    }

    @POST
    @Path("/{appeal}/reject")
    @RolesAllowed(CurrentUser.ADMIN)
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "reject", summary = "Reject with the office's note", value = ApiExamples.REJECT)))
    public AppealResponse reject(@PathParam("id") UUID id, @PathParam("appeal") UUID appeal,
            @Valid @NotNull RejectRequest r) {
        return AppealResponse.from(service.reject(id, appeal, r.note(), caller));
    }
}
