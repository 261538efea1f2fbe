package io.jixiao.indicator.rest;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import io.jixiao.indicator.domain.Indicator;
import io.jixiao.indicator.domain.ScorecardConfigRevision;
import io.jixiao.indicator.domain.scoring.Dimension;
import io.jixiao.indicator.domain.scoring.Grade;
import io.jixiao.indicator.domain.scoring.Light;
import io.jixiao.indicator.domain.scoring.ScorecardCalculator;
import io.jixiao.indicator.domain.scoring.ScorecardCalculator.Result;
import io.jixiao.indicator.domain.scoring.Scores;
import io.jixiao.indicator.service.ScorecardConfigurator;
import io.jixiao.indicator.service.ScorecardService;
import io.jixiao.kit.period.Period;
import io.jixiao.kit.security.CurrentUser;
import io.jixiao.kit.web.Decimals;
import io.jixiao.kit.web.IfMatch;
import io.jixiao.kit.web.PageRequest;
import io.jixiao.kit.web.Paged;

@Path("/api/v1/subjects/{code}/scorecards/{period}")
@Tag(name = "Scorecards", description = "A subject's indicators, weights, targets and computed scores for a period")
public class ScorecardResource {

    public record ConfigureScorecardRequest(
            @NotNull @Size(min = 1, max = 5) Map<@NotNull Dimension, @NotNull @DecimalMin("0") @DecimalMax("100") BigDecimal> dimensionWeights,
            @DecimalMin("0") @DecimalMax("100") @Digits(integer = 3, fraction = 2, message = Decimals.DIGITS) BigDecimal greenThreshold,
            @DecimalMin("0") @DecimalMax("100") @Digits(integer = 3, fraction = 2, message = Decimals.DIGITS) BigDecimal yellowThreshold,
            @Size(max = 1000) List<@Valid @NotNull LineRequest> lines,
            @Schema(description = "Why the configuration changes: required once the scorecard has one, kept in its"
                    + " history") @Size(max = 500) String reason) {
    }

    public record LineRequest(@NotBlank String indicator,
            @DecimalMin(value = "0", inclusive = false) @Digits(integer = 6, fraction = 4, message = Decimals.DIGITS) BigDecimal weight,
            @Digits(integer = 16, fraction = 8, message = Decimals.DIGITS) BigDecimal target,
            boolean notApplicable) {
    }

    public record LineView(String indicator, @Schema(nullable = true) String nameZh,
            @Schema(nullable = true) String nameEn, Dimension dimension,
            @Schema(nullable = true) String objective,
            BigDecimal weight, @Schema(nullable = true) BigDecimal score,
            @Schema(nullable = true) BigDecimal shownScore, @Schema(nullable = true) Light light,
            ScorecardCalculator.LineStatus status, boolean gate) {
    }

    public record DimensionView(Dimension dimension, String labelZh, String labelEn, BigDecimal weight,
            @Schema(nullable = true) BigDecimal score, @Schema(nullable = true) BigDecimal shownScore,
            boolean excluded) {
    }

    public record ScorecardResponse(String subject, String period, @Schema(nullable = true) BigDecimal total,
            @Schema(nullable = true) BigDecimal shownTotal,
            @Schema(nullable = true) Grade grade, @Schema(nullable = true) Grade uncappedGrade,
            ScorecardCalculator.GateStatus gateStatus, List<String> failedGates,
            List<DimensionView> dimensions, List<Dimension> excludedDimensions,
            ScorecardCalculator.Completeness completeness, List<LineView> lines) {

        /** {@code names}: each line's indicator as in force in the period, for its names. */
        static ScorecardResponse from(ScorecardService.Computed c, Map<String, Indicator> names) {
            Result r = c.result();
            List<DimensionView> dims = r.dimensions().values().stream()
                    .map(d -> new DimensionView(d.dimension(), d.dimension().zh, d.dimension().en, d.weight(),
                            stored(d.score()), shown(d.score()), d.excluded()))
                    .toList();
            List<LineView> lines = r.lines().stream()
                    .map(l -> {
                        Indicator i = names.get(l.code());
                        return new LineView(l.code(), i == null ? null : i.nameZh, i == null ? null : i.nameEn,
                                l.dimension(), l.objective(), l.weight(), stored(l.score()), shown(l.score()),
                                l.light(), l.status(), l.gate());
                    })
                    .toList();
            return new ScorecardResponse(c.subject(), c.period(), stored(r.total()), shown(r.total()), r.grade(),
                    r.uncappedGrade(), r.gateStatus(), r.failedGates(), dims, r.excludedDimensions(),
                    r.completeness(), lines);
        }

        static BigDecimal stored(BigDecimal x) {
            return x == null ? null : Scores.stored(x);
        }

        static BigDecimal shown(BigDecimal x) {
            return x == null ? null : Scores.shown(x);
        }
    }

    public record RevisionView(long revision, OffsetDateTime changedAt, String changedBy,
            @Schema(nullable = true) String reason, Map<Dimension, BigDecimal> dimensionWeights,
            BigDecimal greenThreshold, BigDecimal yellowThreshold, List<ScorecardConfigRevision.Line> lines,
            @Schema(nullable = true, description = "The stored total before the change") BigDecimal totalBefore,
            @Schema(nullable = true) BigDecimal shownTotalBefore,
            @Schema(nullable = true, description = "The total the change computed") BigDecimal totalAfter,
            @Schema(nullable = true) BigDecimal shownTotalAfter) {

        static RevisionView from(ScorecardConfigRevision r) {
            ScorecardConfigRevision.Settings s = r.settings;
            Map<Dimension, BigDecimal> weights = new EnumMap<>(Dimension.class); // in the dimensions' order
            weights.putAll(s.dimensionWeights());
            return new RevisionView(r.revision, r.changedAt, r.changedBy, r.reason, weights,
                    s.greenThreshold(), s.yellowThreshold(), s.lines(),
                    ScorecardResponse.stored(r.totalBefore), ScorecardResponse.shown(r.totalBefore),
                    ScorecardResponse.stored(r.totalAfter), ScorecardResponse.shown(r.totalAfter));
        }
    }

    private final ScorecardService service;
    private final ScorecardConfigurator configurator;
    private final CurrentUser caller;

    public ScorecardResource(ScorecardService service, ScorecardConfigurator configurator, CurrentUser caller) {
        this.service = service;
        this.configurator = configurator;
        this.caller = caller;
    }

    @GET
    @RolesAllowed(CurrentUser.ANY_ROLE)
    @Operation(summary = "A subject's scorecard for a period, with its configuration's revision as ETag (send it"
            + " back as If-Match when you change the configuration)")
    public RestResponse<ScorecardResponse> get(@PathParam("code") String code,
            @PathParam("period") @Pattern(regexp = Period.PATTERN, message = Period.MESSAGE) String period) {
        caller.requireOwnIfDepartment(code, "scorecard");
        long revision = service.revision(code, period); // before the view: an ETag never newer than the body
        return RestResponse.ResponseBuilder
                .ok(ScorecardResponse.from(service.view(code, period), service.definitions(period)))
                .tag(String.valueOf(revision)).build();
    }

    @GET
    @Path("/revisions")
    @RolesAllowed(CurrentUser.ANY_ROLE)
    @Operation(summary = "Every configuration the scorecard has had, the newest first: who set it, when, why, and"
            + " the total before and after")
    public Paged<RevisionView> revisions(@PathParam("code") String code,
            @PathParam("period") @Pattern(regexp = Period.PATTERN, message = Period.MESSAGE) String period,
            @QueryParam("page") Integer page, @QueryParam("size") Integer size) {
        caller.requireOwnIfDepartment(code, "scorecard");
        return service.revisions(code, period, PageRequest.of(page, size)).map(RevisionView::from);
    }

    @PUT
    @RolesAllowed(CurrentUser.ADMIN)
    @Operation(summary = "Sets the scorecard's dimension weights, light thresholds and per-indicator weights, targets"
            + " and not-applicable marks, and recomputes it; with If-Match, only if the configuration is still at that"
            + " revision (412 otherwise). A change to an existing configuration needs a reason; each one is kept in"
            + " the scorecard's history (GET …/revisions)")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "configuration", summary = "Dimension weights, thresholds, a subject-specific target and a not-applicable mark", value = ApiExamples.SCORECARD)))
    public RestResponse<ScorecardResponse> configure(@PathParam("code") String code,
            @PathParam("period") @Pattern(regexp = Period.PATTERN, message = Period.MESSAGE) String period,
            @HeaderParam(IfMatch.HEADER) String ifMatch, @Valid @NotNull ConfigureScorecardRequest request) {
        Map<Dimension, BigDecimal> weights = new EnumMap<>(request.dimensionWeights());
        var lines = request.lines() == null
                ? List.<ScorecardService.LineOverride>of()
                : request.lines().stream().map(l -> new ScorecardService.LineOverride(l.indicator(), l.weight(),
                        l.target(), l.notApplicable())).toList();
        var cfg = new ScorecardService.Configuration(weights,
                request.greenThreshold() == null ? Light.Thresholds.DEFAULT.green() : request.greenThreshold(),
                request.yellowThreshold() == null ? Light.Thresholds.DEFAULT.yellow() : request.yellowThreshold(),
                lines, request.reason());
        var configured = configurator.configure(code, period, IfMatch.version(ifMatch), cfg, caller.subject());
        return RestResponse.ResponseBuilder
                .ok(ScorecardResponse.from(configured.computed(), service.definitions(period)))
                .tag(String.valueOf(configured.revision())).build();
    }
}
