package io.jixiao.budget.rest;

import java.math.BigDecimal;
import java.util.List;

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
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.jixiao.budget.domain.exante.ExAnteAssessment;
import io.jixiao.budget.service.ExAnteService;
import io.jixiao.kit.security.CurrentUser;
import io.jixiao.kit.web.Decimals;

@Path("/api/v1/budget/ex-ante")
@Tag(name = "Ex-ante assessment", description = "事前绩效评估: cost-benefit of a new proposal and a recommendation")
public class ExAnteResource {

    public record AssessRequest(
            @NotBlank @Size(max = 200) String name,
            @NotNull @DecimalMin("0") @Digits(integer = 16, fraction = 2) BigDecimal initialCost,
            @NotNull @DecimalMin("-0.5") @DecimalMax("1") @Digits(integer = 1, fraction = 6, message = Decimals.DIGITS) BigDecimal discountRate,
            @NotEmpty @Size(max = 50) List<@Valid @NotNull YearRequest> years,
            @DecimalMin("0") @Digits(integer = 16, fraction = 2) BigDecimal requestedAmount) {
    }

    public record YearRequest(@NotNull @Min(1) @Max(50) Integer year,
            @NotNull @DecimalMin("0") @Digits(integer = 16, fraction = 2) BigDecimal cost,
            @NotNull @DecimalMin("0") @Digits(integer = 16, fraction = 2) BigDecimal benefit) {
    }

    public record AssessResponse(String name, BigDecimal presentBenefits, BigDecimal presentCosts, BigDecimal npv,
            @Schema(nullable = true) BigDecimal benefitCostRatio, ExAnteAssessment.Recommendation recommendation,
            BigDecimal reducePercent,
            @Schema(nullable = true) BigDecimal recommendedAmount, List<String> reasons) {
    }

    private final ExAnteService service;

    public ExAnteResource(ExAnteService service) {
        this.service = service;
    }

    @POST
    @RolesAllowed({CurrentUser.FINANCE, CurrentUser.ADMIN})
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "three years", summary = "A project over three years at 5%", value = ApiExamples.EX_ANTE)))
    public AssessResponse assess(@Valid @NotNull AssessRequest r) {
        ExAnteAssessment.Result x = service.assess(new ExAnteAssessment.Input(r.initialCost(), r.discountRate(),
                r.years().stream().map(y -> new ExAnteAssessment.Year(y.year(), y.cost(), y.benefit())).toList(),
                r.requestedAmount()));
        return new AssessResponse(r.name(), Decimals.stored(x.presentBenefits()), Decimals.stored(x.presentCosts()),
                Decimals.stored(x.npv()), Decimals.stored(x.bcr()), x.recommendation(), x.reducePercent(),
                x.recommendedAmount(), x.reasons());
    }
}
