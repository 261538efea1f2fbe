package io.jixiao.indicator.rest;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.jixiao.indicator.domain.scoring.Dimension;
import io.jixiao.indicator.domain.scoring.Grade;
import io.jixiao.indicator.domain.scoring.ScorecardCalculator.GateStatus;
import io.jixiao.indicator.domain.scoring.Scores;
import io.jixiao.indicator.service.HealthReportService;
import io.jixiao.indicator.service.ScorecardBatch;
import io.jixiao.kit.period.Period;
import io.jixiao.kit.problem.ProblemException.AccessDeniedException;
import io.jixiao.kit.problem.ProblemException.InvalidInputException;
import io.jixiao.kit.security.CurrentUser;
import io.jixiao.kit.sheets.Sheets;
import io.jixiao.kit.web.PageRequest;

@Path("/api/v1/scorecards/{period}")
@Tag(name = "Health reports", description = "A subject's health report and a period's league table")
public class LeagueResource {

    /** The JSON answer's shape, for the API document only: the answer is a kit {@code Paged} of league rows. */
    @Schema(name = "PagedLeagueRow")
    public record LeaguePage(List<HealthReportService.LeagueRow> items, int page, int size, long totalItems,
            int totalPages) {
    }

    private final HealthReportService service;
    private final ScorecardBatch batch;

    public LeagueResource(HealthReportService service, ScorecardBatch batch) {
        this.service = service;
        this.batch = batch;
    }

    @POST
    @Path("/recompute")
    @RolesAllowed(CurrentUser.ADMIN)
    @Operation(summary = "Recomputes every scorecard of the period (streaming the values); stores and publishes the "
            + "ones that changed")
    public ScorecardBatch.Outcome recompute(
            @PathParam("period") @Pattern(regexp = Period.PATTERN, message = Period.MESSAGE) String period) {
        return batch.recompute(List.of(period));
    }

    @GET
    @Path("/league")
    @RolesAllowed({CurrentUser.ADMIN, CurrentUser.SUPERIOR, CurrentUser.FINANCE, CurrentUser.SYSTEM})
    @Produces({MediaType.APPLICATION_JSON, Sheets.XLSX})
    @Operation(summary = "The league table of a period from the stored scorecards in pages, best first by the total as"
            + " shown (half-up to 2 decimals), equal shown totals sharing a rank (1, 1, 3), then by subject code;"
            + " ?format=xlsx for the whole table as an Excel workbook, with the numbers as shown")
    @APIResponse(responseCode = "200", description = "A page of the table as JSON, or the whole table as an Excel workbook"
            + " with ?format=xlsx", content = {
                    @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = LeaguePage.class)),
                    @Content(mediaType = Sheets.XLSX, schema = @Schema(type = SchemaType.STRING, format = "binary"))})
    public Response league(
            @PathParam("period") @Pattern(regexp = Period.PATTERN, message = Period.MESSAGE) String period,
            @QueryParam("format") String format, @QueryParam("page") Integer page, @QueryParam("size") Integer size) {
        PageRequest request = PageRequest.of(page, size);
        if (format == null || format.equalsIgnoreCase("json")) {
            return Response.ok(service.league(period, request), MediaType.APPLICATION_JSON).build();
        }
        if (!format.equalsIgnoreCase("xlsx")) {
            throw new InvalidInputException("format", "one of json, xlsx");
        }
        List<HealthReportService.LeagueRow> rows = service.league(period);
        List<String> header = new ArrayList<>(List.of("名次 Rank", "代码 Code", "单位 Subject", "总分 Total", "等级 Grade",
                "一票否决 Gate"));
        for (Dimension d : Dimension.values()) {
            header.add(d.zh + " " + d.en);
        }
        header.add("已报送/应报送 Reported");
        // the numbers as people see them and as the grades and ranks are decided (half-up to 2 decimals), the grade
        // and the gate in Chinese with the API's code
        List<List<Object>> table = new ArrayList<>();
        for (HealthReportService.LeagueRow r : rows) {
            List<Object> line = new ArrayList<>(List.of(r.rank(), r.subject(), r.nameZh() == null ? "" : r.nameZh(),
                    r.shownTotal() == null ? "" : r.shownTotal(),
                    r.grade() == null ? "" : Grade.valueOf(r.grade()).zh + " " + r.grade(),
                    GateStatus.valueOf(r.gateStatus()).zh + " " + r.gateStatus()));
            for (Dimension d : Dimension.values()) {
                BigDecimal score = r.dimensions().get(d);
                line.add(score == null ? "" : Scores.shown(score));
            }
            line.add(r.reported() + "/" + r.expected());
            table.add(line);
        }
        return Response.ok(Sheets.writeXlsx("league " + period, header, table), Sheets.XLSX)
                .header("Content-Disposition", "attachment; filename=\"league-" + period + ".xlsx\"").build();
    }
}
