package io.jixiao.survey.rest;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
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
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.jixiao.kit.security.CurrentUser;
import io.jixiao.kit.web.PageRequest;
import io.jixiao.kit.web.Paged;
import io.jixiao.survey.domain.RectificationAnswer;
import io.jixiao.survey.domain.RectificationCase;
import io.jixiao.survey.domain.ServiceReview;
import io.jixiao.survey.domain.review.ReviewLevel;
import io.jixiao.survey.service.RectificationService;

/** Rectification cases of bad reviews: the department answers within 15 working days, then closes the case. */
@Path("/api/v1/rectifications")
@Tag(name = "Rectification", description = "整改: answering bad reviews")
public class RectificationResource {

    public record CaseResponse(UUID id, UUID review,
            @Schema(description = "the service case the bad review was given on") String caseNo,
            @Schema(nullable = true) String serviceItem, ReviewLevel level,
            @Schema(nullable = true, description = "what the citizen said with the review") String comment,
            String subject, OffsetDateTime openedAt, LocalDate dueDate,
            RectificationCase.Status status, boolean overdue,
            @Schema(nullable = true, description = "the answer that stands; every answer is at /answers") String answer,
            @Schema(description = "how many answers the department has given") int answerRevisions,
            @Schema(nullable = true) String answeredBy,
            @Schema(nullable = true, description = "the first answer's time, which decides answeredOnTime") OffsetDateTime answeredAt,
            @Schema(nullable = true) Boolean answeredOnTime,
            @Schema(nullable = true) String closingNote,
            @Schema(nullable = true) String closedBy,
            @Schema(nullable = true) OffsetDateTime closedAt) {
        /** A case with the review it answers. */
        static CaseResponse of(RectificationCase c, RectificationService service) {
            return of(c, service.reviewsOf(List.of(c)));
        }

        /** A case with the review it answers, taken from {@code reviews} (by review id). */
        static CaseResponse of(RectificationCase c, Map<UUID, ServiceReview> reviews) {
            boolean overdue = c.status == RectificationCase.Status.OPEN
                    && LocalDate.now(io.jixiao.survey.service.ReviewService.CHINA).isAfter(c.dueDate);
            ServiceReview r = reviews.get(c.reviewId);
            return new CaseResponse(c.id, c.reviewId, r.caseNo, r.serviceItem, r.level, r.comment, c.subjectCode,
                    c.openedAt, c.dueDate, c.status, overdue,
                    c.answer, c.answerRevisions, c.answeredBy, c.answeredAt,
                    c.answeredAt == null ? null : c.answeredOnTime(),
                    c.closingNote, c.closedBy, c.closedAt);
        }
    }

    @Schema(name = "RectificationAnswerRevision")
    public record AnswerRevision(int revision, String answer, String answeredBy, OffsetDateTime answeredAt) {
        static AnswerRevision of(RectificationAnswer a) {
            return new AnswerRevision(a.revision, a.answer, a.answeredBy, a.answeredAt);
        }
    }

    @Schema(name = "RectificationAnswer")
    public record AnswerRequest(@NotBlank @Size(max = 4000) String answer) {
    }

    public record CloseRequest(@NotBlank @Size(max = 4000) String note) {
    }

    private final RectificationService service;
    private final CurrentUser caller;

    public RectificationResource(RectificationService service, CurrentUser caller) {
        this.service = service;
        this.caller = caller;
    }

    /** Cases by due date; {@code overdue=true} keeps the unanswered ones past due. Departments see their own. */
    @GET
    @RolesAllowed({CurrentUser.ADMIN, CurrentUser.SUPERIOR, CurrentUser.DEPARTMENT})
    public Paged<CaseResponse> list(@QueryParam("subject") String subject,
            @QueryParam("status") RectificationCase.Status status, @QueryParam("overdue") boolean overdue,
            @QueryParam("page") Integer page, @QueryParam("size") Integer size) {
        Paged<RectificationCase> cases = service.list(subject, status, overdue, caller, PageRequest.of(page, size));
        Map<UUID, ServiceReview> reviews = service.reviewsOf(cases.items());
        return cases.map(c -> CaseResponse.of(c, reviews));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({CurrentUser.ADMIN, CurrentUser.SUPERIOR, CurrentUser.DEPARTMENT})
    public CaseResponse get(@PathParam("id") UUID id) {
        return CaseResponse.of(service.get(id, caller), service);
    }

    /** Every answer the department gave, the first first; the last one is the case's {@code answer}. */
    @GET
    @Path("/{id}/answers")
    @RolesAllowed({CurrentUser.ADMIN, CurrentUser.SUPERIOR, CurrentUser.DEPARTMENT})
    public List<AnswerRevision> answers(@PathParam("id") UUID id) {
        return service.answers(id, caller).stream().map(AnswerRevision::of).toList();
    }

    @POST
    @Path("/{id}/answer")
    @RolesAllowed(CurrentUser.DEPARTMENT)
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "answer", summary = "The department's answer", value = ApiExamples.ANSWER)))
    public CaseResponse answer(@PathParam("id") UUID id, @Valid @NotNull AnswerRequest r) {
        return CaseResponse.of(service.answer(id, r.answer(), caller), service);
    }

    @POST
    @Path("/{id}/close")
    @RolesAllowed({CurrentUser.DEPARTMENT, CurrentUser.ADMIN})
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "close", summary = "Close after a return visit", value = ApiExamples.CLOSE)))
    public CaseResponse close(@PathParam("id") UUID id, @Valid @NotNull CloseRequest r) {
        return CaseResponse.of(service.close(id, r.note(), caller), service);
    }
}
