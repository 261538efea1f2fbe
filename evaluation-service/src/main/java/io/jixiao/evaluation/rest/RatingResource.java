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
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.jixiao.evaluation.domain.RatingParty;
import io.jixiao.evaluation.domain.composite.Criterion;
import io.jixiao.evaluation.service.RatingService;
import io.jixiao.kit.security.CurrentUser;

@Path("/api/v1/cycles/{id}/ratings")
@Tag(name = "Ratings", description = "Ratings by superiors, assessors, peers and the department itself")
public class RatingResource {

    public record SubmitRatingRequest(
            @NotBlank @Size(max = 32) String subject,
            @NotNull RatingParty party,
            @NotEmpty @Size(max = 20) List<@Valid @NotNull CriterionScore> criteria,
            @Size(max = 2000) String comment,
            @Size(max = 500) @Pattern(regexp = "^https?://.*", message = "must be an http(s) URL") String evidenceUrl) {
    }

    public record CriterionScore(@NotBlank @Size(max = 64) String code,
            @NotNull @DecimalMin("0") @DecimalMax("100") BigDecimal score,
            @DecimalMin(value = "0", inclusive = false) @DecimalMax("100") BigDecimal weight) {
    }

    public record RatingResponse(UUID id, UUID cycle, String subject, RatingParty party, String evaluator,
            BigDecimal value, OffsetDateTime submittedAt, String ledgerHash, boolean replaced) {
    }

    private final RatingService service;
    private final CurrentUser caller;

    public RatingResource(RatingService service, CurrentUser caller) {
        this.service = service;
        this.caller = caller;
    }

    /** Submits, or replaces while the cycle is open, the caller's rating of a subject. */
    @POST
    @RolesAllowed({CurrentUser.SUPERIOR, CurrentUser.ASSESSOR, CurrentUser.DEPARTMENT})
    public Response submit(@PathParam("id") UUID id, @Valid @NotNull SubmitRatingRequest r) {
        var accepted = service.submit(id, new RatingService.NewRating(r.subject(), r.party(),
                r.criteria().stream().map(c -> new Criterion(c.code(), c.score(), c.weight())).toList(), r.comment(),
                r.evidenceUrl()), caller);
        var rating = accepted.rating();
        return Response.created(URI.create("/api/v1/cycles/" + id + "/results/" + rating.subjectCode))
                .entity(new RatingResponse(rating.id, rating.cycleId, rating.subjectCode, rating.party,
                        rating.evaluator, rating.value.stripTrailingZeros(), rating.submittedAt, accepted.ledger().hash,
                        accepted.replaced()))
                .build();
    }
}
