package io.jixiao.survey.rest;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.jixiao.kit.security.CurrentUser;
import io.jixiao.survey.rest.RectificationResource.AnswerRequest;
import io.jixiao.survey.rest.RectificationResource.AnswerRevision;
import io.jixiao.survey.rest.RectificationResource.CaseResponse;
import io.jixiao.survey.rest.RectificationResource.CloseRequest;
import io.jixiao.survey.service.RectificationService;

/**
 * A bad review's rectification case at the path of DESIGN section 9, {@code reviews/{id}/rectification}: the same
 * case, rules and answers as at {@code rectifications/{case}}, reached from the review a hall system or the portal
 * holds. A good review has no case (404).
 */
@Path("/api/v1/reviews/{review}/rectification")
@Tag(name = "Rectification")
public class ReviewRectificationResource {

    private final RectificationService service;
    private final CurrentUser caller;

    public ReviewRectificationResource(RectificationService service, CurrentUser caller) {
        this.service = service;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({CurrentUser.ADMIN, CurrentUser.SUPERIOR, CurrentUser.DEPARTMENT})
    public CaseResponse get(@PathParam("review") UUID review) {
        return CaseResponse.of(service.ofReview(review, caller), service);
    }

    @GET
    @Path("/answers")
    @RolesAllowed({CurrentUser.ADMIN, CurrentUser.SUPERIOR, CurrentUser.DEPARTMENT})
    public List<AnswerRevision> answers(@PathParam("review") UUID review) {
        return service.answers(service.ofReview(review, caller).id, caller).stream().map(AnswerRevision::of)
                .toList();
    }

    @POST
    @Path("/answer")
    @RolesAllowed(CurrentUser.DEPARTMENT)
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "answer", summary = "The department's answer", value = ApiExamples.ANSWER)))
    public CaseResponse answer(@PathParam("review") UUID review, @Valid @NotNull AnswerRequest r) {
        return CaseResponse.of(service.answer(service.ofReview(review, caller).id, r.answer(), caller), service);
    }

    @POST
    @Path("/close")
    @RolesAllowed({CurrentUser.DEPARTMENT, CurrentUser.ADMIN})
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "close", summary = "Close after a return visit", value = ApiExamples.CLOSE)))
    public CaseResponse close(@PathParam("review") UUID review, @Valid @NotNull CloseRequest r) {
        return CaseResponse.of(service.close(service.ofReview(review, caller).id, r.note(), caller), service);
    }
}
