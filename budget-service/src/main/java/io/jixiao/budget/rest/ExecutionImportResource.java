package io.jixiao.budget.rest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.jixiao.budget.service.ExecutionService;
import io.jixiao.kit.idempotency.Idempotent;
import io.jixiao.kit.idempotency.IdempotentInterceptor;
import io.jixiao.kit.sheets.Sheets;
import io.jixiao.kit.security.CurrentUser;

/**
 * Spending in bulk, from the finance system: a CSV or .xlsx file, or a JSON array, with the columns project, amount,
 * spentOn, note, overspend. One bad row refuses the whole (400, each bad row named as {@code rows[n]}: the file's line,
 * or the array index); {@code partial=true} records the good rows and reports the others. A finance system that
 * lost the answer sends the same file again with the same {@code Idempotency-Key}: it gets the first report back and
 * nothing is recorded twice.
 */
@Path("/api/v1/budget/executions/import")
@Tag(name = "Budget execution")
public class ExecutionImportResource {

    /** The columns a spending file must have (note and overspend are optional). */
    private static final String[] COLUMNS = {"project", "amount", "spentOn"};

    private final ExecutionService service;
    private final CurrentUser caller;

    public ExecutionImportResource(ExecutionService service, CurrentUser caller) {
        this.service = service;
        this.caller = caller;
    }

    @Idempotent
    @Parameter(name = IdempotentInterceptor.HEADER, in = ParameterIn.HEADER, description = IdempotentInterceptor.DESCRIPTION, schema = @Schema(type = SchemaType.STRING, pattern = IdempotentInterceptor.PATTERN))
    @POST
    @Consumes("text/csv")
    @RolesAllowed({CurrentUser.FINANCE, CurrentUser.ADMIN, CurrentUser.SYSTEM})
    @Operation(summary = "Spending as a CSV file (columns project, amount, spentOn, note, overspend), all rows or "
            + "none unless partial. The file is read in the charset its Content-Type names, else as UTF-8, else as "
            + "GB18030/GBK (what Excel and WPS save as CSV on a Chinese Windows)")
    @RequestBody(content = @Content(mediaType = "text/csv", examples = @ExampleObject(name = "csv", summary = "A CSV file with a header row", value = ApiExamples.EXECUTION_CSV)))
    public ExecutionService.ImportReport csv(byte[] body, @HeaderParam("Content-Type") String type,
            @QueryParam("partial") boolean partial) {
        return service.importRows(Sheets.readCsv(body, type, COLUMNS), partial, caller);
    }

    /** The same rows as JSON: {@code [{"project": "…", "amount": 100.5, "spentOn": "2026-02-01", …}]}. */
    @Idempotent
    @Parameter(name = IdempotentInterceptor.HEADER, in = ParameterIn.HEADER, description = IdempotentInterceptor.DESCRIPTION, schema = @Schema(type = SchemaType.STRING, pattern = IdempotentInterceptor.PATTERN))
    @POST
    @Consumes("application/json")
    @RolesAllowed({CurrentUser.FINANCE, CurrentUser.ADMIN, CurrentUser.SYSTEM})
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "rows", summary = "Spending rows from a finance system", value = ApiExamples.EXECUTION_ROWS)))
    public ExecutionService.ImportReport json(
            @NotNull @Size(min = 1, max = Sheets.MAX_ROWS) List<@NotNull Map<String, Object>> rows,
            @QueryParam("partial") boolean partial) {
        List<Sheets.Line> lines = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            Map<String, String> cells = new LinkedHashMap<>();
            rows.get(i).forEach((k, v) -> cells.put(k.toLowerCase(), v == null ? null : v.toString()));
            lines.add(new Sheets.Line(i, cells));
        }
        return service.importRows(lines, partial, caller);
    }

    @Idempotent
    @Parameter(name = IdempotentInterceptor.HEADER, in = ParameterIn.HEADER, description = IdempotentInterceptor.DESCRIPTION, schema = @Schema(type = SchemaType.STRING, pattern = IdempotentInterceptor.PATTERN))
    @POST
    @Consumes(Sheets.XLSX)
    @RolesAllowed({CurrentUser.FINANCE, CurrentUser.ADMIN, CurrentUser.SYSTEM})
    public ExecutionService.ImportReport xlsx(byte[] body, @QueryParam("partial") boolean partial) {
        return service.importRows(Sheets.readXlsx(body, COLUMNS), partial, caller);
    }
}
