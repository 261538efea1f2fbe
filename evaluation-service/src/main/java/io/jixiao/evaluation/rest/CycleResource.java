package io.jixiao.evaluation.rest;

import java.math.BigDecimal;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
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

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.jixiao.evaluation.domain.Cycle;
import io.jixiao.evaluation.domain.CyclePeriod;
import io.jixiao.evaluation.domain.CycleStatus;
import io.jixiao.evaluation.domain.PartyProgress;
import io.jixiao.evaluation.domain.RatingParty;
import io.jixiao.evaluation.domain.composite.Party;
import io.jixiao.evaluation.domain.composite.Policy;
import io.jixiao.evaluation.service.AssignmentService;
import io.jixiao.evaluation.service.CycleService;
import io.jixiao.kit.period.Period;
import io.jixiao.kit.security.CurrentUser;
import io.jixiao.kit.web.Decimals;
import io.jixiao.kit.web.PageRequest;
import io.jixiao.kit.web.Paged;

@Path("/api/v1/cycles")
@Tag(name = "Cycles", description = "Evaluation cycles and their lifecycle DRAFT → OPEN → CLOSED → FINALIZED → PUBLISHED")
public class CycleResource {

    public record CreateCycleRequest(
            @NotBlank @Size(max = 200) String name,
            @NotBlank @Pattern(regexp = Period.PATTERN, message = Period.MESSAGE) String period,
            @NotEmpty @Size(max = 5000) List<@NotBlank @Size(max = 32) String> subjects,
            Map<@NotNull Party, @NotNull @DecimalMin("0") @DecimalMax("100") @Digits(integer = 3, fraction = 2, message = Decimals.DIGITS) BigDecimal> weights,
            @DecimalMin("0") @DecimalMax("1") @Digits(integer = 1, fraction = 4, message = Decimals.DIGITS) BigDecimal objectiveShare,
            @DecimalMin("0") @DecimalMax("1") @Digits(integer = 1, fraction = 4, message = Decimals.DIGITS) BigDecimal selfShare,
            Policy.MissingPolicy missingPolicy,
            @Min(0) @Max(1_000_000) Integer minPublicSample,
            @Min(3) @Max(1000) Integer trimAtLeast,
            @Min(0) @Max(365) Integer appealWindowDays,
            @DecimalMin("0") @DecimalMax("100") @Digits(integer = 3, fraction = 2, message = Decimals.DIGITS) BigDecimal greenThreshold,
            @DecimalMin("0") @DecimalMax("100") @Digits(integer = 3, fraction = 2, message = Decimals.DIGITS) BigDecimal yellowThreshold,
            @Size(max = 4) Map<@NotBlank String, @NotEmpty @Size(max = 20) List<@NotBlank @Size(max = 64) String>> criteria) {
    }

    public record CycleResponse(UUID id, String name, String period, CycleStatus status, Set<String> subjects,
            Map<Party, BigDecimal> weights, BigDecimal objectiveShare, BigDecimal selfShare,
            Policy.MissingPolicy missingPolicy, int minPublicSample, int trimAtLeast, int appealWindowDays,
            BigDecimal greenThreshold, BigDecimal yellowThreshold, Map<String, List<String>> criteria,
            OffsetDateTime createdAt, @Schema(nullable = true) OffsetDateTime openedAt,
            @Schema(nullable = true) OffsetDateTime closedAt, @Schema(nullable = true) OffsetDateTime finalizedAt,
            @Schema(nullable = true) OffsetDateTime publishedAt, long version) {
        static CycleResponse from(Cycle c) {
            return new CycleResponse(c.id, c.name, c.period, c.status, c.subjects, c.policy().weights(),
                    c.objectiveShare, c.selfShare, c.missingPolicy, c.minPublicSample, c.trimAtLeast,
                    c.appealWindowDays, c.greenThreshold, c.yellowThreshold, c.criteria, c.createdAt, c.openedAt,
                    c.closedAt, c.finalizedAt,
                    c.publishedAt, c.version);
        }
    }

    public record ProgressResponse(UUID cycle, CycleStatus status, List<PartyProgress> parties,
            Paged<AssignmentResource.AssignmentResponse> pending) {
    }

    private final CycleService service;
    private final AssignmentService assignments;

    public CycleResource(CycleService service, AssignmentService assignments) {
        this.service = service;
        this.assignments = assignments;
    }

    @POST
    @RolesAllowed(CurrentUser.ADMIN)
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "annual cycle", summary = "The annual 360 cycle with the default party weights", value = ApiExamples.CYCLE)))
    @APIResponse(responseCode = "201", description = "The cycle, created as DRAFT; Location names it", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CycleResponse.class)))
    public Response create(@Valid @NotNull CreateCycleRequest r) {
        Cycle c = service.create(new CycleService.NewCycle(r.name(), r.period(), new LinkedHashSet<>(r.subjects()),
                r.weights(), r.objectiveShare(), r.selfShare(), r.missingPolicy(), r.minPublicSample(),
                r.trimAtLeast(), r.appealWindowDays(), r.criteria(), r.greenThreshold(), r.yellowThreshold()));
        return Response.created(URI.create("/api/v1/cycles/" + c.id)).entity(CycleResponse.from(c)).build();
    }

    /** The cycles, newest first, narrowed when asked to a status, a period, and the cycles a subject is evaluated in. */
    @GET
    @RolesAllowed(CurrentUser.ANY_ROLE)
    public Paged<CycleResponse> list(@QueryParam("status") CycleStatus status,
            @QueryParam("period") @Pattern(regexp = Period.PATTERN, message = Period.MESSAGE) String period,
            @QueryParam("subject") @Size(max = 32) String subject, @QueryParam("page") Integer page,
            @QueryParam("size") Integer size) {
        return service.list(status, period, subject, PageRequest.of(page, size)).map(CycleResponse::from);
    }

    /**
     * The periods with cycles, for a front end to open on the latest one rather than on the calendar's year (in January
     * the office is still evaluating the year before).
     */
    @GET
    @Path("/periods")
    @RolesAllowed(CurrentUser.ANY_ROLE)
    @Operation(summary = "The periods with evaluation cycles and how many each has, the latest year first (in a year, its"
            + " quarters, halves and months before the year itself), narrowed when asked to the cycles a subject is"
            + " evaluated in; every cycle counts, whatever its status")
    public List<CyclePeriod> periods(@QueryParam("subject") @Size(max = 32) String subject) {
        return service.periods(subject);
    }

    /**
     * How far the assigned ratings have come, for the office to remind the evaluators who have not rated before it
     * closes the cycle.
     */
    @GET
    @Path("/{id}/progress")
    @RolesAllowed(CurrentUser.ADMIN)
    @Operation(summary = "The cycle's rating progress: per party, the assigned ratings and how many have been given;"
            + " and a page of the assignments still waiting for theirs (party narrows them), by party, evaluator and"
            + " subject. SELF ratings need no assignment and are not counted here")
    public ProgressResponse progress(@PathParam("id") UUID id, @QueryParam("party") RatingParty party,
            @QueryParam("page") Integer page, @QueryParam("size") Integer size) {
        var p = assignments.progress(id, party, PageRequest.of(page, size));
        return new ProgressResponse(p.cycle().id, p.cycle().status, p.parties(),
                p.pending().map(AssignmentResource.AssignmentResponse::from));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(CurrentUser.ANY_ROLE)
    public CycleResponse get(@PathParam("id") UUID id) {
        return CycleResponse.from(service.get(id));
    }

    @POST
    @Path("/{id}/open")
    @RolesAllowed(CurrentUser.ADMIN)
    public CycleResponse open(@PathParam("id") UUID id) {
        return CycleResponse.from(service.open(id));
    }

    @POST
    @Path("/{id}/close")
    @RolesAllowed(CurrentUser.ADMIN)
    public CycleResponse close(@PathParam("id") UUID id) {
        return CycleResponse.from(service.close(id));
    }

    @POST
    @Path("/{id}/finalize")
    @RolesAllowed(CurrentUser.ADMIN)
    public CycleResponse finalizeCycle(@PathParam("id") UUID id) {
        return CycleResponse.from(service.finalizeCycle(id));
    }

    @POST
    @Path("/{id}/publish")
    @RolesAllowed(CurrentUser.ADMIN)
    public CycleResponse publish(@PathParam("id") UUID id) {
        return CycleResponse.from(service.publish(id));
    }
}
