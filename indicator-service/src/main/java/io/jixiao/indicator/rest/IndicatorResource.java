package io.jixiao.indicator.rest;

import java.math.BigDecimal;
import java.net.URI;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.jixiao.indicator.domain.Indicator;
import io.jixiao.indicator.domain.scoring.Dimension;
import io.jixiao.indicator.domain.scoring.IndicatorKind;
import io.jixiao.indicator.domain.scoring.Polarity;
import io.jixiao.indicator.service.IndicatorService;
import io.jixiao.kit.problem.ProblemException.ResourceNotFoundException;
import io.jixiao.kit.security.CurrentUser;
import io.jixiao.kit.web.PageRequest;
import io.jixiao.kit.web.Paged;

@Path("/api/v1/indicators")
@Tag(name = "Indicators", description = "Indicator definitions of the 4+1 scorecard")
public class IndicatorResource {

    public record CreateIndicatorRequest(
            @NotBlank @Size(max = 64) @Pattern(regexp = "^[A-Z][A-Z0-9_.-]*$", message = "must be an upper-case code") String code,
            @NotBlank @Size(max = 200) String nameZh,
            @Size(max = 200) String nameEn,
            @NotNull Dimension dimension,
            @Size(max = 64) String objective,
            @NotNull IndicatorKind kind,
            @Size(max = 32) String unit,
            Polarity polarity,
            BigDecimal baseline,
            BigDecimal target,
            BigDecimal floor,
            BigDecimal rangeLo,
            BigDecimal rangeHi,
            BigDecimal tolerance,
            @Size(max = 10) Map<@Size(max = 16) String, @NotNull BigDecimal> rubric,
            boolean gate,
            @NotNull @DecimalMin(value = "0", inclusive = false) @DecimalMax("1000") BigDecimal weight,
            Indicator.Frequency frequency,
            @Size(max = 200) String dataSource,
            @Size(max = 500) List<@NotBlank String> subjects) {

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
            i.weight = weight;
            i.frequency = frequency == null ? Indicator.Frequency.YEARLY : frequency;
            i.dataSource = dataSource;
            i.subjects = subjects == null ? List.of() : subjects;
            return i;
        }
    }

    public record IndicatorResponse(String code, String nameZh, String nameEn, Dimension dimension, String objective,
            IndicatorKind kind, String unit, Polarity polarity, BigDecimal baseline, BigDecimal target,
            BigDecimal floor, BigDecimal rangeLo, BigDecimal rangeHi, BigDecimal tolerance,
            Map<String, BigDecimal> rubric, boolean gate, BigDecimal weight, Indicator.Frequency frequency,
            String dataSource, List<String> subjects) {
        static IndicatorResponse from(Indicator i) {
            return new IndicatorResponse(i.code, i.nameZh, i.nameEn, i.dimension, i.objective, i.kind, i.unit,
                    i.polarity, i.baseline, i.target, i.floor, i.rangeLo, i.rangeHi, i.tolerance, i.rubric, i.gate,
                    i.weight, i.frequency, i.dataSource, i.subjects);
        }
    }

    private final IndicatorService service;

    public IndicatorResource(IndicatorService service) {
        this.service = service;
    }

    @POST
    @RolesAllowed(CurrentUser.ADMIN)
    public Response define(@Valid @NotNull CreateIndicatorRequest request) {
        Indicator i = service.define(request.toEntity());
        return Response.created(URI.create("/api/v1/indicators/" + i.code)).entity(IndicatorResponse.from(i)).build();
    }

    @GET
    @RolesAllowed(CurrentUser.ANY_ROLE)
    public Paged<IndicatorResponse> list(@QueryParam("page") Integer page, @QueryParam("size") Integer size) {
        return service.list(PageRequest.of(page, size)).map(IndicatorResponse::from);
    }

    @GET
    @Path("/{code}")
    @RolesAllowed(CurrentUser.ANY_ROLE)
    public IndicatorResponse get(@PathParam("code") String code) {
        return service.find(code).map(IndicatorResponse::from)
                .orElseThrow(() -> new ResourceNotFoundException("indicator", code));
    }
}
