package io.jixiao.survey.rest;

import java.math.BigDecimal;
import java.net.URI;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.jixiao.kit.idempotency.Idempotent;
import io.jixiao.kit.idempotency.IdempotentInterceptor;
import io.jixiao.kit.security.CurrentUser;
import io.jixiao.kit.web.PageRequest;
import io.jixiao.kit.web.Paged;
import io.jixiao.kit.web.PlausibleDate;
import io.jixiao.survey.domain.Channel;
import io.jixiao.survey.domain.RectificationCase;
import io.jixiao.survey.domain.ServiceReview;
import io.jixiao.survey.domain.review.ReviewLevel;
import io.jixiao.survey.service.ReviewMetricsService;
import io.jixiao.survey.service.ReviewService;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** 好差评: ratings of service cases posted by service-hall and app systems, voiding on appeal, monthly metrics. */
@Path("/api/v1/reviews")
@Tag(name = "Good/bad reviews", description = "好差评: one rating per service case, rectification of bad ones")
public class ReviewResource {

    public record PostReviewRequest(
            @NotBlank @Size(max = 64) @Pattern(regexp = "^[A-Za-z0-9._:/-]+$", message = "letters, digits and ._:/- only") String caseNo,
            @NotBlank @Size(max = 32) String subject,
            @Size(max = 200) String serviceItem,
            @NotNull ReviewLevel level,
            Channel channel,
            @Size(max = 2000) String comment,
            @PlausibleDate OffsetDateTime ratedAt) {
    }

    public record RectificationRef(UUID id, LocalDate dueDate, RectificationCase.Status status) {
        static RectificationRef of(RectificationCase c) {
            return c == null ? null : new RectificationRef(c.id, c.dueDate, c.status);
        }
    }

    public record ReviewResponse(UUID id, String caseNo, String subject, @Schema(nullable = true) String serviceItem,
            ReviewLevel level,
            String levelZh, int points, boolean bad, Channel channel, @Schema(nullable = true) String comment,
            OffsetDateTime ratedAt,
            String sourceSystem, ServiceReview.Status status,
            @Schema(nullable = true) ServiceReview.VoidReason voidReason, @Schema(nullable = true) String voidNote,
            @Schema(nullable = true) RectificationRef rectification) {
        static ReviewResponse of(ServiceReview r, RectificationCase c) {
            return new ReviewResponse(r.id, r.caseNo, r.subjectCode, r.serviceItem, r.level, r.level.labelZh(),
                    r.level.points(), r.level.bad(), r.channel, r.comment, r.ratedAt, r.sourceSystem, r.status,
                    r.voidReason, r.voidNote, RectificationRef.of(c));
        }
    }

    public record VoidRequest(@NotNull ServiceReview.VoidReason reason, @NotBlank @Size(max = 2000) String note) {
    }

    public record MetricsResponse(String subject, String month, long reviews, long goodReviews, long badReviews,
            long answered, long answeredOnTime, long closed, BigDecimal responseRate, BigDecimal rectificationRate,
            BigDecimal onTimeRate, @Schema(nullable = true) BigDecimal goodRate) {
        static MetricsResponse of(ReviewMetricsService.SubjectMetrics s) {
            var m = s.metrics();
            return new MetricsResponse(s.subject(), s.month(), m.reviews(), m.goodReviews(), m.badReviews(),
                    m.answered(), m.answeredOnTime(), m.closed(), m.responseRate(), m.rectificationRate(),
                    m.onTimeRate(), m.goodRate());
        }
    }

    private final ReviewService service;
    private final ReviewMetricsService metrics;
    private final CurrentUser caller;

    public ReviewResource(ReviewService service, ReviewMetricsService metrics, CurrentUser caller) {
        this.service = service;
        this.metrics = metrics;
        this.caller = caller;
    }

    /** A service-hall or app system posts the citizen's rating of one case; a bad one opens a rectification case. */
    @Idempotent
    @Parameter(name = IdempotentInterceptor.HEADER, in = ParameterIn.HEADER, description = IdempotentInterceptor.DESCRIPTION, schema = @Schema(type = SchemaType.STRING, pattern = IdempotentInterceptor.PATTERN))
    @POST
    @RolesAllowed(CurrentUser.SYSTEM)
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "bad review", summary = "A service hall's dissatisfied case", value = ApiExamples.REVIEW)))
    @APIResponse(responseCode = "201", description = "The rating, recorded; a bad one with the rectification case it opened", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ReviewResponse.class)))
    public Response post(@Valid @NotNull PostReviewRequest r) {
        var posted = service.post(new ReviewService.NewReview(r.caseNo(), r.subject(), r.serviceItem(), r.level(),
                r.channel(), r.comment(), r.ratedAt()), caller);
        return Response.created(URI.create("/api/v1/reviews/" + posted.review().id))
                .entity(ReviewResponse.of(posted.review(), posted.rectification())).build();
    }

    /** Reviews of a month (China Standard Time); departments see their own only. */
    @GET
    @RolesAllowed({CurrentUser.ADMIN, CurrentUser.SUPERIOR, CurrentUser.DEPARTMENT})
    public Paged<ReviewResponse> list(@QueryParam("month") String month, @QueryParam("subject") String subject,
            @QueryParam("page") Integer page, @QueryParam("size") Integer size) {
        return service.list(subject, month, caller, PageRequest.of(page, size))
                .map(r -> ReviewResponse.of(r, service.rectificationOf(r.id)));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({CurrentUser.ADMIN, CurrentUser.SUPERIOR, CurrentUser.DEPARTMENT})
    public ReviewResponse get(@PathParam("id") UUID id) {
        ServiceReview r = service.get(id, caller);
        return ReviewResponse.of(r, service.rectificationOf(r.id));
    }

    /** An appeal upheld by the office: the rating was mistaken or malicious and no longer counts. */
    @POST
    @Path("/{id}/void")
    @RolesAllowed(CurrentUser.ADMIN)
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "malicious", summary = "Void a malicious review on appeal", value = ApiExamples.VOID)))
    public ReviewResponse voidReview(@PathParam("id") UUID id, @Valid @NotNull VoidRequest r) {
        ServiceReview v = service.voidReview(id, r.reason(), r.note(), caller);
        return ReviewResponse.of(v, service.rectificationOf(v.id));
    }

    /** The month's figures per subject, as of now, by subject code, in pages (departments: their own). */
    @GET
    @Path("/metrics")
    @RolesAllowed({CurrentUser.ADMIN, CurrentUser.SUPERIOR, CurrentUser.DEPARTMENT})
    public Paged<MetricsResponse> metrics(@QueryParam("month") String month, @QueryParam("subject") String subject,
            @QueryParam("page") Integer page, @QueryParam("size") Integer size) {
        PageRequest request = PageRequest.of(page, size);
        return Paged.slice(metrics.compute(month, subject, caller), request).map(MetricsResponse::of);
    }

    /** Publishes the month's metrics now (they are published on the 1st of each month anyway). */
    @POST
    @Path("/metrics/{month}/publish")
    @RolesAllowed(CurrentUser.ADMIN)
    public List<MetricsResponse> publish(@PathParam("month") String month) {
        return metrics.publish(month).stream().map(MetricsResponse::of).toList();
    }
}
