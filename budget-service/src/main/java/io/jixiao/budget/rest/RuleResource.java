package io.jixiao.budget.rest;

import java.math.BigDecimal;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.jixiao.budget.domain.RuleTableRow;
import io.jixiao.budget.domain.rules.Grade;
import io.jixiao.budget.domain.rules.RuleTable;
import io.jixiao.budget.service.RuleService;
import io.jixiao.kit.security.CurrentUser;
import io.jixiao.kit.web.Decimals;

@Path("/api/v1/budget/rules")
@Tag(name = "Budget rules", description = "The versioned result-linkage rule table of each fiscal year")
public class RuleResource {

    public record RulesRequest(
            @NotNull @Size(min = 4, max = 4) Map<@NotNull Grade, @NotNull @DecimalMin("-100") @DecimalMax("100") @Digits(integer = 3, fraction = 2, message = Decimals.DIGITS) BigDecimal> gradeAdjustment,
            @NotNull @DecimalMin("0") @DecimalMax("100") @Digits(integer = 3, fraction = 2, message = Decimals.DIGITS) BigDecimal excellentCeiling,
            @NotNull @Min(0) @Max(2) Integer cancelAfterFailYears,
            @NotNull @DecimalMin("0") @DecimalMax("100") @Digits(integer = 3, fraction = 2, message = Decimals.DIGITS) BigDecimal politicalThreshold,
            @NotNull @DecimalMin("-100") @DecimalMax("0") @Digits(integer = 3, fraction = 2, message = Decimals.DIGITS) BigDecimal politicalPenalty,
            @NotNull @DecimalMin("0") @DecimalMax("100") @Digits(integer = 3, fraction = 2, message = Decimals.DIGITS) BigDecimal livelihoodMaxCut,
            @Size(max = 20) List<@Valid @NotNull BandRequest> bands,
            @Valid MonitoringRequest monitoring) {
    }

    public record BandRequest(
            @NotNull @DecimalMin("0") @DecimalMax("100") @Digits(integer = 3, fraction = 2, message = Decimals.DIGITS) BigDecimal from,
            @NotNull @DecimalMin("0") @DecimalMax("100") @Digits(integer = 3, fraction = 2, message = Decimals.DIGITS) BigDecimal to,
            @NotNull @DecimalMin("-100") @DecimalMax("100") @Digits(integer = 3, fraction = 2, message = Decimals.DIGITS) BigDecimal adjustment) {
    }

    public record MonitoringRequest(
            @NotNull @DecimalMin("0") @DecimalMax("10") @Digits(integer = 2, fraction = 4, message = Decimals.DIGITS) BigDecimal redPace,
            @NotNull @DecimalMin("0") @DecimalMax("10") @Digits(integer = 2, fraction = 4, message = Decimals.DIGITS) BigDecimal yellowPace,
            @NotNull @DecimalMin("0") @DecimalMax("100") @Digits(integer = 3, fraction = 2, message = Decimals.DIGITS) BigDecimal redGoal,
            @NotNull @DecimalMin("0") @DecimalMax("100") @Digits(integer = 3, fraction = 2, message = Decimals.DIGITS) BigDecimal yellowGoal) {
    }

    public record RulesResponse(int fiscalYear, int version, RuleTableRow.Rules rules, OffsetDateTime createdAt) {
        static RulesResponse from(RuleTableRow r) {
            return new RulesResponse(r.fiscalYear, r.version, r.rules, r.createdAt);
        }
    }

    private final RuleService service;

    public RuleResource(RuleService service) {
        this.service = service;
    }

    /** The rules in force for a year (the year's latest version, or the default table as year 0). */
    @GET
    @Path("/{year}")
    @RolesAllowed({CurrentUser.FINANCE, CurrentUser.ADMIN, CurrentUser.SUPERIOR, CurrentUser.DEPARTMENT})
    public RulesResponse inForce(@PathParam("year") @Min(2000) @Max(2100) int year) {
        return RulesResponse.from(service.inForce(year));
    }

    @GET
    @Path("/{year}/versions")
    @RolesAllowed({CurrentUser.FINANCE, CurrentUser.ADMIN})
    public List<RulesResponse> versions(@PathParam("year") @Min(2000) @Max(2100) int year) {
        return service.history(year).stream().map(RulesResponse::from).toList();
    }

    /** Publishes a new version of the year's table; the previous versions stay for the proposals that used them. */
    @POST
    @Path("/{year}")
    @RolesAllowed({CurrentUser.FINANCE, CurrentUser.ADMIN})
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "rule table", summary = "Grade adjustments, a score band and monitoring thresholds", value = ApiExamples.RULES)))
    @APIResponse(responseCode = "201", description = "The rule table as its new version", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RulesResponse.class)))
    public Response publish(@PathParam("year") @Min(2000) @Max(2100) int year, @Valid @NotNull RulesRequest r) {
        RuleTableRow row = service.publish(year, new RuleTableRow.Rules(r.gradeAdjustment(), r.excellentCeiling(),
                r.cancelAfterFailYears(), r.politicalThreshold(), r.politicalPenalty(), r.livelihoodMaxCut(),
                r.bands() == null
                        ? List.of()
                        : r.bands().stream()
                                .map(b -> new RuleTable.Band(b.from(), b.to(), b.adjustment())).toList(),
                r.monitoring() == null
                        ? null
                        : new RuleTableRow.Monitoring(r.monitoring().redPace(),
                                r.monitoring().yellowPace(), r.monitoring().redGoal(), r.monitoring().yellowGoal())));
        return Response.created(URI.create("/api/v1/budget/rules/" + year)).entity(RulesResponse.from(row)).build();
    }
}
