package io.jixiao.budget.rest;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.jixiao.budget.domain.Proposal;
import io.jixiao.budget.domain.rules.ProposalCalculator;
import io.jixiao.budget.service.ProposalService;
import io.jixiao.kit.security.CurrentUser;
import io.jixiao.kit.sheets.Sheets;
import io.jixiao.kit.web.Decimals;
import io.jixiao.kit.web.PageRequest;
import io.jixiao.kit.web.Paged;

@Path("/api/v1/budget/proposals")
@Tag(name = "Budget proposals", description = "Next year's recommended amounts, each with its explanation")
public class ProposalResource {

    public record ProposalResponse(UUID id, UUID project, String subject, int year, int basedOnYear,
            BigDecimal current, BigDecimal proposed, BigDecimal ceiling, BigDecimal adjustmentPercent,
            ProposalCalculator.Action action, String rule, int ruleTableVersion, List<String> explanation,
            UUID sourceEvent, OffsetDateTime createdAt) {
        public static ProposalResponse from(Proposal p) {
            return new ProposalResponse(p.id, p.projectId, p.subjectCode, p.fiscalYear, p.basedOnYear, p.current,
                    p.proposed, p.ceiling, Decimals.stored(p.adjustmentPercent), p.action, p.rule,
                    p.ruleTableVersion, p.explanation, p.sourceEvent, p.createdAt);
        }
    }

    private final ProposalService proposals;
    private final CurrentUser caller;

    public ProposalResource(ProposalService proposals, CurrentUser caller) {
        this.proposals = proposals;
        this.caller = caller;
    }

    /**
     * A fiscal year's proposals in pages, by subject code and project, of one subject when {@code subject} is given;
     * a department sees its own.
     */
    @GET
    @RolesAllowed({CurrentUser.FINANCE, CurrentUser.ADMIN, CurrentUser.DEPARTMENT, CurrentUser.SUPERIOR})
    public Paged<ProposalResponse> list(@QueryParam("year") @NotNull @Min(2000) @Max(2101) Integer year,
            @QueryParam("subject") @Size(max = 32) String subject, @QueryParam("page") Integer page,
            @QueryParam("size") Integer size) {
        return proposals.forYear(year, subject, PageRequest.of(page, size), caller).map(ProposalResponse::from);
    }

    /** The year's proposals as an Excel workbook, for the finance bureau's own tools. */
    @GET
    @Path("/export")
    @Produces(Sheets.XLSX)
    @RolesAllowed({CurrentUser.FINANCE, CurrentUser.ADMIN, CurrentUser.DEPARTMENT, CurrentUser.SUPERIOR})
    @APIResponse(responseCode = "200", description = "The proposals as an Excel workbook", content = @Content(mediaType = Sheets.XLSX, schema = @Schema(type = SchemaType.STRING, format = "binary")))
    public Response export(@QueryParam("year") @NotNull @Min(2000) @Max(2101) Integer year) {
        return Response.ok(proposals.export(year, caller))
                .header("Content-Disposition", "attachment; filename=\"proposals-" + year + ".xlsx\"").build();
    }

    /** Recomputes the proposals a year's results give, e.g. after a new version of the rule table. */
    @POST
    @Path("/recompute")
    @RolesAllowed({CurrentUser.FINANCE, CurrentUser.ADMIN})
    public java.util.Map<String, Integer> recompute(
            @QueryParam("basedOnYear") @NotNull @Min(2000) @Max(2100) Integer year) {
        return java.util.Map.of("proposals", proposals.recompute(year));
    }
}
