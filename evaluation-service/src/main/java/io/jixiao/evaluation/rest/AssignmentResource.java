package io.jixiao.evaluation.rest;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.jixiao.evaluation.domain.Assignment;
import io.jixiao.evaluation.domain.RatingParty;
import io.jixiao.evaluation.service.AssignmentService;
import io.jixiao.kit.security.CurrentUser;
import io.jixiao.kit.web.PageRequest;
import io.jixiao.kit.web.Paged;

@Path("/api/v1/cycles/{id}/assignments")
@Tag(name = "Assignments", description = "Which evaluator rates which subject for which party")
public class AssignmentResource {

    public record AssignRequest(@NotEmpty @Size(max = 10_000) List<@Valid @NotNull Item> assignments) {
    }

    public record Item(@NotNull RatingParty party, @NotBlank @Size(max = 128) String evaluator,
            @NotBlank @Size(max = 32) String subject) {
    }

    public record AssignmentResponse(UUID id, RatingParty party, String evaluator, String subject) {
        static AssignmentResponse from(Assignment a) {
            return new AssignmentResponse(a.id, a.party, a.evaluator, a.subjectCode);
        }
    }

    private final AssignmentService service;
    private final CurrentUser caller;

    public AssignmentResource(AssignmentService service, CurrentUser caller) {
        this.service = service;
        this.caller = caller;
    }

    /** Adds assignments (all or none); the answer is the request's assignments, with their ids, in its order. */
    @POST
    @RolesAllowed(CurrentUser.ADMIN)
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "three parties", summary = "A superior, an assessor organization and a peer department", value = ApiExamples.ASSIGNMENTS)))
    public List<AssignmentResponse> assign(@PathParam("id") UUID id, @Valid @NotNull AssignRequest r) {
        return service.assign(id, r.assignments().stream()
                .map(i -> new AssignmentService.NewAssignment(i.party(), i.evaluator(), i.subject())).toList())
                .stream().map(AssignmentResponse::from).toList();
    }

    /**
     * The cycle's assignments in pages, by party, evaluator and subject, filtered by {@code party} and
     * {@code subject} when given: all of them for the office, an evaluator's own for everyone else.
     */
    @GET
    @RolesAllowed({CurrentUser.ADMIN, CurrentUser.SUPERIOR, CurrentUser.ASSESSOR, CurrentUser.DEPARTMENT})
    public Paged<AssignmentResponse> list(@PathParam("id") UUID id, @QueryParam("party") RatingParty party,
            @QueryParam("subject") @Size(max = 32) String subject, @QueryParam("page") Integer page,
            @QueryParam("size") Integer size) {
        return service.list(id, party, subject, PageRequest.of(page, size), caller).map(AssignmentResponse::from);
    }
}
