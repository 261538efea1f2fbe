package io.jixiao.survey.rest;

import java.util.ArrayList;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.jixiao.kit.period.Period;
import io.jixiao.kit.security.CurrentUser;
import io.jixiao.kit.sheets.Sheets;
import io.jixiao.kit.web.Decimals;
import io.jixiao.survey.domain.Satisfaction;
import io.jixiao.survey.domain.index.RespondentGroup;
import io.jixiao.survey.domain.index.SatisfactionIndex;
import io.jixiao.survey.service.ResponseAdminService.Table;
import io.jixiao.survey.service.SatisfactionService;

/** Every subject's satisfaction index of a period, for analysts: CSV or .xlsx. */
@Path("/api/v1/satisfaction/export")
@Tag(name = "Satisfaction")
public class SatisfactionExportResource {

    private final SatisfactionService indices;

    public SatisfactionExportResource(SatisfactionService indices) {
        this.indices = indices;
    }

    @GET
    @RolesAllowed({CurrentUser.ADMIN, CurrentUser.SUPERIOR})
    @APIResponse(responseCode = "200", description = "One row per subject: CSV (the default) or, with ?format=xlsx, an Excel workbook", content = {
            @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING)),
            @Content(mediaType = Sheets.XLSX, schema = @Schema(type = SchemaType.STRING, format = "binary"))})
    public Response export(
            @QueryParam("period") @NotNull @Pattern(regexp = Period.PATTERN, message = Period.MESSAGE) String period,
            @QueryParam("format") String format) {
        List<String> header = new ArrayList<>(List.of("subject", "period", "index", "n", "standard_error", "lower95",
                "upper95", "flags"));
        for (RespondentGroup g : RespondentGroup.values()) {
            header.add(g.name().toLowerCase() + "_index");
            header.add(g.name().toLowerCase() + "_n");
        }
        List<List<Object>> rows = new ArrayList<>();
        for (Satisfaction s : indices.all(period)) {
            List<Object> row = new ArrayList<>(List.of(s.subjectCode, s.period));
            row.add(Decimals.stored(s.index));
            row.add(s.n);
            row.add(Decimals.stored(s.standardError));
            row.add(Decimals.stored(s.lower95));
            row.add(Decimals.stored(s.upper95));
            row.add(String.join(" ", s.flags));
            for (RespondentGroup g : RespondentGroup.values()) {
                SatisfactionIndex.GroupResult r = s.groups.stream().filter(x -> x.group() == g).findFirst()
                        .orElse(null);
                row.add(r == null ? null : Decimals.stored(r.index()));
                row.add(r == null ? null : r.n());
            }
            rows.add(row);
        }
        return Exports.download(new Table("satisfaction " + period, header, rows), format,
                "satisfaction-" + period);
    }
}
