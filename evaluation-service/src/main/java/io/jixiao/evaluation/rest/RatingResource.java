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
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.jixiao.evaluation.domain.Rating;
import io.jixiao.evaluation.domain.RatingParty;
import io.jixiao.evaluation.domain.composite.Criterion;
import io.jixiao.evaluation.service.BulkRatingService;
import io.jixiao.evaluation.service.RatingService;
import io.jixiao.kit.idempotency.Idempotent;
import io.jixiao.kit.idempotency.IdempotentInterceptor;
import io.jixiao.kit.security.CurrentUser;
import io.jixiao.kit.web.Decimals;
import io.jixiao.kit.web.PageRequest;
import io.jixiao.kit.web.Paged;

@Path("/api/v1/cycles/{id}/ratings")
@Tag(name = "Ratings", description = "Ratings by superiors, assessors, peers and the department itself")
public class RatingResource {

    public record SubmitRatingRequest(
            @NotBlank @Size(max = 32) String subject,
            @NotNull RatingParty party,
            @NotEmpty @Size(max = 20) List<@Valid @NotNull CriterionScore> criteria,
            @Schema(nullable = true) @Size(max = 2000) String comment,
            @Schema(nullable = true) @Size(max = 500) @Pattern(regexp = "^https?://.*", message = "must be an http(s) URL") String evidenceUrl) {
    }

    public record CriterionScore(@NotBlank @Size(max = 64) String code,
            @NotNull @DecimalMin("0") @DecimalMax("100") @Digits(integer = 3, fraction = 10, message = Decimals.DIGITS) BigDecimal score,
            @Schema(nullable = true) @DecimalMin(value = "0", inclusive = false) @DecimalMax("100") @Digits(integer = 3, fraction = 10, message = Decimals.DIGITS) BigDecimal weight) {
    }

    public record RatingResponse(UUID id, UUID cycle, String subject, RatingParty party, String evaluator,
            BigDecimal value, OffsetDateTime submittedAt, String ledger, boolean replaced) {
    }

    /** The ledger link is appended right after the rating commits; {@code GET .../ledger} shows it. */
    static final String LEDGER_QUEUED = "QUEUED";

    private final RatingService service;
    private final BulkRatingService bulk;
    private final CurrentUser caller;
    private final com.fasterxml.jackson.databind.ObjectMapper canonical;

    public RatingResource(RatingService service, BulkRatingService bulk, CurrentUser caller,
            com.fasterxml.jackson.databind.ObjectMapper mapper) {
        this.service = service;
        this.bulk = bulk;
        this.caller = caller;
        this.canonical = mapper.copy()
                .configure(com.fasterxml.jackson.databind.SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
    }

    /** Submits, or replaces while the cycle is open, the caller's rating of a subject. */
    @Idempotent
    @Parameter(name = IdempotentInterceptor.HEADER, in = ParameterIn.HEADER, description = IdempotentInterceptor.DESCRIPTION, schema = @Schema(type = SchemaType.STRING, pattern = IdempotentInterceptor.PATTERN))
    @POST
    @RolesAllowed({CurrentUser.SUPERIOR, CurrentUser.ASSESSOR, CurrentUser.DEPARTMENT})
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = {
            @ExampleObject(name = "assessor", summary = "A third-party assessor's weighted criteria", value = ApiExamples.RATING),
            @ExampleObject(name = "superior", summary = "A superior's rating", value = ApiExamples.SUPERIOR_RATING)}))
    @APIResponse(responseCode = "201", description = "The rating, appended to the ledger; Location names the subject's result", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RatingResponse.class)))
    public Response submit(@PathParam("id") UUID id, @Valid @NotNull SubmitRatingRequest r) {
        var accepted = service.submit(id, new RatingService.NewRating(r.subject(), r.party(),
                r.criteria().stream().map(c -> new Criterion(c.code(), c.score(), c.weight())).toList(), r.comment(),
                r.evidenceUrl()), caller);
        var rating = accepted.rating();
        return Response.created(URI.create("/api/v1/cycles/" + id + "/results/" + rating.subjectCode))
                .entity(new RatingResponse(rating.id, rating.cycleId, rating.subjectCode, rating.party,
                        rating.evaluator, rating.value.stripTrailingZeros(), rating.submittedAt, LEDGER_QUEUED,
                        accepted.replaced()))
                .build();
    }

    public record CurrentRating(UUID id, String subject, RatingParty party, String evaluator, List<Criterion> criteria,
            BigDecimal value, @Schema(nullable = true) String comment, @Schema(nullable = true) String evidenceUrl,
            OffsetDateTime submittedAt) {
        static CurrentRating from(Rating r) {
            return new CurrentRating(r.id, r.subjectCode, r.party, r.evaluator, r.criteria,
                    r.value.stripTrailingZeros(), r.comment, r.evidenceUrl, r.submittedAt);
        }
    }

    /**
     * The cycle's current ratings the caller may see, by subject and party: an evaluator's own, for a rating form to
     * show what it submitted; the office all of them.
     */
    @GET
    @RolesAllowed({CurrentUser.ADMIN, CurrentUser.SUPERIOR, CurrentUser.ASSESSOR, CurrentUser.DEPARTMENT})
    @Operation(summary = "The cycle's current ratings (replaced ones are in the ledger), in pages: an evaluator sees its"
            + " own (a superior its SUPERIOR ratings, an assessor its organization's THIRD_PARTY ones, a department its"
            + " PEER and SELF ones), the office all of them")
    public Paged<CurrentRating> list(@PathParam("id") UUID id, @QueryParam("party") RatingParty party,
            @QueryParam("subject") @Size(max = 32) String subject, @QueryParam("page") Integer page,
            @QueryParam("size") Integer size) {
        return service.current(id, party, subject, PageRequest.of(page, size), caller).map(CurrentRating::from);
    }

    public record BulkRequest(@NotEmpty @Size(max = 1000) List<@Valid @NotNull SubmitRatingRequest> ratings) {
    }

    /**
     * Many ratings at once, for assessors' own systems. Each is accepted or refused on its own (the answer says which
     * and why). An {@code Idempotency-Key} is required: the same key and body replay the first answer, the same key
     * with another body is refused (422).
     */
    @POST
    @Path("/bulk")
    @RolesAllowed({CurrentUser.ASSESSOR, CurrentUser.SUPERIOR, CurrentUser.DEPARTMENT})
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "assessor batch", summary = "An assessor system's batch", value = ApiExamples.BULK_RATINGS)))
    public BulkRatingService.Report bulk(@PathParam("id") UUID id,
            @HeaderParam(IdempotentInterceptor.HEADER) @Parameter(required = true, schema = @Schema(type = SchemaType.STRING, maxLength = 128, pattern = IdempotentInterceptor.PATTERN)) String key,
            @Valid @NotNull BulkRequest r) throws com.fasterxml.jackson.core.JsonProcessingException {
        // checked here, not by constraints on the parameter: those would name it "key", not the header
        IdempotentInterceptor.requireKey(key);
        List<RatingService.NewRating> list = r.ratings().stream().map(x -> new RatingService.NewRating(x.subject(),
                x.party(), x.criteria().stream().map(c -> new Criterion(c.code(), c.score(), c.weight())).toList(),
                x.comment(), x.evidenceUrl())).toList();
        return bulk.submit(id, key, canonical.writeValueAsString(r), list, caller);
    }
}
