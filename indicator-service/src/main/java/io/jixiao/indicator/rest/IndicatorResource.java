package io.jixiao.indicator.rest;

import java.math.BigDecimal;
import java.net.URI;
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

import io.jixiao.indicator.domain.Indicator;
import io.jixiao.indicator.domain.IndicatorVersion;
import io.jixiao.indicator.domain.scoring.Dimension;
import io.jixiao.indicator.domain.scoring.IndicatorKind;
import io.jixiao.indicator.domain.scoring.Polarity;
import io.jixiao.indicator.service.IndicatorService;
import io.jixiao.kit.period.Period;
import io.jixiao.kit.problem.ProblemException.InvalidInputException;
import io.jixiao.kit.problem.ProblemException.ResourceNotFoundException;
import io.jixiao.kit.security.CurrentUser;
import io.jixiao.kit.web.Decimals;
import io.jixiao.kit.web.PageRequest;
import io.jixiao.kit.web.Paged;

@Path("/api/v1/indicators")
@Tag(name = "Indicators", description = "Indicator definitions of the 4+1 scorecard")
public class IndicatorResource {

    /**
     * An indicator's definition. Registering one ({@code POST /indicators}) needs its code; {@code validFrom}
     * (optional there) is the first period it is in force. A new version ({@code POST /indicators/{code}/versions})
     * takes the whole definition again, {@code validFrom} (required) and a {@code reason}; {@code validTo} bounds it.
     */
    public record CreateIndicatorRequest(
            @Size(max = 64) @Pattern(regexp = "^[A-Z][A-Z0-9_.-]*$", message = "must be an upper-case code") String code,
            @NotBlank @Size(max = 200) String nameZh,
            @Size(max = 200) String nameEn,
            @NotNull Dimension dimension,
            @Size(max = 64) String objective,
            @NotNull IndicatorKind kind,
            @Size(max = 32) String unit,
            Polarity polarity,
            @Digits(integer = 16, fraction = 8, message = Decimals.DIGITS) BigDecimal baseline,
            @Digits(integer = 16, fraction = 8, message = Decimals.DIGITS) BigDecimal target,
            @Digits(integer = 16, fraction = 8, message = Decimals.DIGITS) BigDecimal floor,
            @Digits(integer = 16, fraction = 8, message = Decimals.DIGITS) BigDecimal rangeLo,
            @Digits(integer = 16, fraction = 8, message = Decimals.DIGITS) BigDecimal rangeHi,
            @Digits(integer = 16, fraction = 8, message = Decimals.DIGITS) BigDecimal tolerance,
            @Size(max = 10) Map<@Size(max = 16) String, @NotNull BigDecimal> rubric,
            boolean gate,
            boolean satisfaction,
            @NotNull @DecimalMin(value = "0", inclusive = false) @DecimalMax("1000") @Digits(integer = 4, fraction = 4, message = Decimals.DIGITS) BigDecimal weight,
            Indicator.Frequency frequency,
            @Size(max = 200) String dataSource,
            @Size(max = 500) List<@NotBlank String> subjects,
            @Pattern(regexp = Period.PATTERN, message = Period.MESSAGE) String validFrom,
            @Pattern(regexp = Period.PATTERN, message = Period.MESSAGE) String validTo,
            @Size(max = 500) String reason) {

        Indicator toEntity() {
            Indicator i = new Indicator();
            i.code = code;
            i.nameZh = nameZh;
            i.nameEn = nameEn;
            i.dimension = dimension;
            i.objective = objective;
            i.kind = kind;
            i.unit = unit;
            i.polarity = polarity == null ? Polarity.HIGHER_BETTER : polarity;
            i.baseline = baseline;
            i.target = target;
            i.floor = floor;
            i.rangeLo = rangeLo;
            i.rangeHi = rangeHi;
            i.tolerance = tolerance;
            i.rubric = rubric;
            i.gate = gate;
            i.satisfaction = satisfaction;
            i.weight = weight;
            i.frequency = frequency == null ? Indicator.Frequency.YEARLY : frequency;
            i.dataSource = dataSource;
            i.subjects = subjects == null ? List.of() : subjects;
            return i;
        }
    }

    /** An indicator's definition: its latest version, or with {@code ?period=} the one in force then. */
    public record IndicatorResponse(String code, String nameZh, @Schema(nullable = true) String nameEn,
            Dimension dimension, @Schema(nullable = true) String objective,
            IndicatorKind kind, @Schema(nullable = true) String unit, Polarity polarity,
            @Schema(nullable = true) BigDecimal baseline, @Schema(nullable = true) BigDecimal target,
            @Schema(nullable = true) BigDecimal floor, @Schema(nullable = true) BigDecimal rangeLo,
            @Schema(nullable = true) BigDecimal rangeHi, @Schema(nullable = true) BigDecimal tolerance,
            @Schema(nullable = true) Map<String, BigDecimal> rubric, boolean gate, boolean satisfaction,
            BigDecimal weight,
            Indicator.Frequency frequency, @Schema(nullable = true) String dataSource,
            @Schema(nullable = true) List<String> subjects,
            int definitionVersion) {
        static IndicatorResponse from(Indicator i) {
            return new IndicatorResponse(i.code, i.nameZh, i.nameEn, i.dimension, i.objective, i.kind, i.unit,
                    i.polarity, i.baseline, i.target, i.floor, i.rangeLo, i.rangeHi, i.tolerance, i.rubric, i.gate,
                    i.satisfaction, i.weight, i.frequency, i.dataSource, i.subjects, i.definitionVersion);
        }
    }

    /** One version of an indicator and the periods it applies to ({@code validFrom} null: from the beginning). */
    public record VersionResponse(int version, @Schema(nullable = true) String validFrom,
            @Schema(nullable = true) String validTo, @Schema(nullable = true) String reason, String createdBy,
            java.time.OffsetDateTime createdAt, IndicatorResponse definition,
            @Schema(nullable = true) Integer valuesRescored,
            @Schema(nullable = true) Integer scorecardsRecomputed) {
        static VersionResponse from(IndicatorVersion v, Integer rescored, Integer recomputed) {
            return new VersionResponse(v.versionNo, v.validFrom, v.validTo, v.reason, v.createdBy, v.createdAt,
                    IndicatorResponse.from(v.asIndicator()), rescored, recomputed);
        }
    }

    private final IndicatorService service;
    private final CurrentUser caller;

    public IndicatorResource(IndicatorService service, CurrentUser caller) {
        this.service = service;
        this.caller = caller;
    }

    @POST
    @RolesAllowed(CurrentUser.ADMIN)
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = {
            @ExampleObject(name = "quantitative", summary = "A quantitative indicator, higher is better", value = ApiExamples.INDICATOR),
            @ExampleObject(name = "qualitative", summary = "A qualitative gate indicator with a rubric", value = ApiExamples.QUALITATIVE_INDICATOR)}))
    @APIResponse(responseCode = "201", description = "The indicator, defined; Location names it", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = IndicatorResponse.class)))
    public Response define(@Valid @NotNull CreateIndicatorRequest request) {
        if (request.code() == null || request.code().isBlank()) {
            throw new InvalidInputException("code", "must not be blank");
        }
        if (request.validTo() != null) {
            throw new InvalidInputException("validTo", "a first version is open-ended; bound it with a later version");
        }
        Indicator i = service.define(request.toEntity(), request.validFrom(), caller.subject());
        return Response.created(URI.create("/api/v1/indicators/" + i.code)).entity(IndicatorResponse.from(i)).build();
    }

    @POST
    @Path("/{code}/versions")
    @RolesAllowed(CurrentUser.ADMIN)
    @Operation(summary = "A new version of the definition, in force from validFrom (to validTo, if given); the "
            + "open-ended version before it ends the period before; overlapping another version is refused (409). "
            + "Values already reported for the periods it covers are rescored; earlier periods keep their version")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "new target", summary = "A new definition of PUB-REVISIT from 2027 on, with its reason", value = ApiExamples.INDICATOR_VERSION)))
    @APIResponse(responseCode = "201", description = "The new version, with the values it rescored", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = VersionResponse.class)))
    public Response addVersion(@PathParam("code") String code, @Valid @NotNull CreateIndicatorRequest request) {
        if (request.code() != null && !request.code().equals(code)) {
            throw new InvalidInputException("code", "must be " + code + " (the indicator in the path) or absent");
        }
        if (request.validFrom() == null) {
            throw new InvalidInputException("validFrom", "a new version needs the period it applies from");
        }
        if (request.reason() == null || request.reason().isBlank()) {
            throw new InvalidInputException("reason", "a new version needs a reason");
        }
        Indicator def = request.toEntity();
        def.code = code;
        IndicatorService.Versioned v = service.addVersion(code, new IndicatorService.NewVersion(def,
                request.validFrom(), request.validTo(), request.reason()), caller.subject());
        return Response.created(URI.create("/api/v1/indicators/" + code + "/versions"))
                .entity(VersionResponse.from(v.version(), v.rescored(), v.scorecardsRecomputed())).build();
    }

    @GET
    @Path("/{code}/versions")
    @RolesAllowed(CurrentUser.ANY_ROLE)
    @Operation(summary = "Every version of the definition, oldest first, with the periods each applies to")
    public List<VersionResponse> versions(@PathParam("code") String code) {
        return service.versions(code).stream().map(v -> VersionResponse.from(v, null, null)).toList();
    }

    /** The indicators by code, as their latest versions define them, narrowed when asked to a dimension and a kind. */
    @GET
    @RolesAllowed(CurrentUser.ANY_ROLE)
    public Paged<IndicatorResponse> list(@QueryParam("dimension") Dimension dimension,
            @QueryParam("kind") IndicatorKind kind, @QueryParam("page") Integer page,
            @QueryParam("size") Integer size) {
        return service.list(dimension, kind, PageRequest.of(page, size)).map(IndicatorResponse::from);
    }

    @GET
    @Path("/{code}")
    @RolesAllowed(CurrentUser.ANY_ROLE)
    @Operation(summary = "The latest definition, or with ?period= the version in force in that period")
    public IndicatorResponse get(@PathParam("code") String code,
            @QueryParam("period") @Pattern(regexp = Period.PATTERN, message = Period.MESSAGE) String period) {
        if (period != null) {
            return IndicatorResponse.from(service.inForce(code, period));
        }
        return service.find(code).map(IndicatorResponse::from)
                .orElseThrow(() -> new ResourceNotFoundException("indicator", code));
    }
}
