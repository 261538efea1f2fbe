package io.jixiao.indicator.rest;

import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.jixiao.indicator.domain.IndicatorValue;
import io.jixiao.indicator.domain.scoring.Grade;
import io.jixiao.indicator.domain.scoring.Light;
import io.jixiao.indicator.domain.scoring.Scores;
import io.jixiao.indicator.service.ValueFiles;
import io.jixiao.indicator.service.ValueImportService;
import io.jixiao.indicator.service.ValueImports;
import io.jixiao.indicator.service.ValueService;
import io.jixiao.kit.idempotency.Idempotent;
import io.jixiao.kit.idempotency.IdempotentInterceptor;
import io.jixiao.kit.period.Period;
import io.jixiao.kit.problem.Problem;
import io.jixiao.kit.problem.ProblemException.InvalidInputException;
import io.jixiao.kit.problem.ProblemException.ResourceNotFoundException;
import io.jixiao.kit.security.CurrentUser;
import io.jixiao.kit.sheets.Sheets;
import io.jixiao.kit.web.PageRequest;
import io.jixiao.kit.web.Paged;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

@Path("/api/v1/values")
@Tag(name = "Values", description = "Reported indicator values, with history")
public class ValueResource {

    public record ReportValueRequest(
            @NotBlank @Size(max = 32) String subject,
            @NotBlank @Size(max = 64) String indicator,
            @NotBlank @Pattern(regexp = Period.PATTERN, message = Period.MESSAGE) String period,
            @DecimalMin("-1e15") @DecimalMax("1e15") BigDecimal value,
            @Schema(nullable = true) @Size(max = 16) String level,
            @Schema(nullable = true) @Size(max = 64) String source,
            @Schema(nullable = true) @Size(max = 500) @Pattern(regexp = "^https?://.*", message = "must be an http(s) URL") String evidenceUrl,
            @Schema(nullable = true) @Size(max = 500) String correctionReason) {
    }

    /** A value as stored, with its computed score. */
    public record ValueResponse(Long id, String subject, String indicator, String period,
            @Schema(nullable = true) BigDecimal value,
            @Schema(nullable = true) String level, BigDecimal score, BigDecimal shownScore, Light light, String source,
            @Schema(nullable = true) String evidenceUrl,
            String reportedBy, OffsetDateTime reportedAt, @Schema(nullable = true) String correctionReason,
            boolean current,
            IndicatorValue.Status status, int definitionVersion) {
        public static ValueResponse from(IndicatorValue v) {
            return new ValueResponse(v.id, v.subjectCode, v.indicatorCode, v.period,
                    io.jixiao.kit.web.Decimals.stored(v.actual), v.level, v.score,
                    Scores.shown(v.score), v.light, v.source, v.evidenceUrl, v.reportedBy, v.reportedAt,
                    v.correctionReason, v.current, v.status, v.definitionVersion);
        }
    }

    /**
     * The recorded value and the scorecard total it led to. A value with {@code flags} is HELD: stored, not counted
     * until an admin accepts it at {@code /api/v1/quality/flags/{id}/review}.
     */
    public record RecordedResponse(ValueResponse value, List<QualityResource.FlagView> flags,
            @Schema(nullable = true) BigDecimal scorecardTotal, @Schema(nullable = true) Grade scorecardGrade) {
    }

    /** Up to 10,000 values in one call (larger sets: a file import). */
    public record BulkRequest(@NotNull @Size(min = 1, max = 10_000) List<@Valid @NotNull ReportValueRequest> values) {
    }

    private final ValueService service;
    private final ValueImports imports;
    private final ValueImportService bulk;
    private final CurrentUser caller;

    public ValueResource(ValueService service, ValueImports imports, ValueImportService bulk, CurrentUser caller) {
        this.service = service;
        this.imports = imports;
        this.bulk = bulk;
        this.caller = caller;
    }

    @Idempotent
    @Parameter(name = IdempotentInterceptor.HEADER, in = ParameterIn.HEADER, description = IdempotentInterceptor.DESCRIPTION, schema = @Schema(type = SchemaType.STRING, pattern = IdempotentInterceptor.PATTERN))
    @POST
    @RolesAllowed({CurrentUser.DEPARTMENT, CurrentUser.SYSTEM, CurrentUser.ADMIN})
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = {
            @ExampleObject(name = "quantitative", summary = "A reported number with its source and evidence", value = ApiExamples.VALUE),
            @ExampleObject(name = "qualitative", summary = "A rubric level", value = ApiExamples.QUALITATIVE_VALUE),
            @ExampleObject(name = "correction", summary = "A correction of a value already reported", value = ApiExamples.CORRECTION)}))
    @APIResponse(responseCode = "201", description = "The value, recorded and scored, with the scorecard total it led to", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RecordedResponse.class)))
    public Response report(@Valid @NotNull ReportValueRequest r) {
        ValueService.Recorded rec = service.record(new ValueService.Report(r.subject(), r.indicator(), r.period(),
                r.value(), r.level(), r.source(), r.evidenceUrl(), r.correctionReason()), caller);
        var total = rec.scorecard().result().total();
        return Response.created(URI.create("/api/v1/subjects/" + r.subject() + "/values?period=" + r.period()))
                .entity(new RecordedResponse(ValueResponse.from(rec.value()),
                        rec.flags().stream().map(QualityResource.FlagView::from).toList(),
                        total == null ? null : Scores.stored(total), rec.scorecard().result().grade()))
                .build();
    }

    @Idempotent
    @Parameter(name = IdempotentInterceptor.HEADER, in = ParameterIn.HEADER, description = IdempotentInterceptor.DESCRIPTION, schema = @Schema(type = SchemaType.STRING, pattern = IdempotentInterceptor.PATTERN))
    @POST
    @Path("/bulk")
    @RolesAllowed({CurrentUser.DEPARTMENT, CurrentUser.SYSTEM, CurrentUser.ADMIN})
    @Operation(summary = "Many values at once: all stored or none (?partial=true stores the valid ones), each row's "
            + "problem reported; touched scorecards are recomputed once")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "monthly feed", summary = "Another government system's monthly feed", value = ApiExamples.BULK)))
    public ValueImportService.Outcome bulk(@Valid @NotNull BulkRequest r, @QueryParam("partial") boolean partial) {
        List<ValueImportService.Row> rows = new ArrayList<>();
        for (int i = 0; i < r.values().size(); i++) {
            rows.add(new ValueImportService.Row(i, toReport(r.values().get(i)), null));
        }
        ValueImportService.Outcome o = bulk.importRows(rows, importer(), partial, ValueImportService.Progress.NONE);
        if (o.stored() == 0 && o.rejected() > 0) {
            throw new InvalidInputException(o.errors().stream().limit(1000)
                    .map(e -> new Problem.Violation("values[" + e.line() + "]." + e.field(), e.message())).toList());
        }
        return o;
    }

    @Idempotent
    @Parameter(name = IdempotentInterceptor.HEADER, in = ParameterIn.HEADER, description = IdempotentInterceptor.DESCRIPTION, schema = @Schema(type = SchemaType.STRING, pattern = IdempotentInterceptor.PATTERN))
    @POST
    @Path("/import")
    @Consumes({"text/csv", Sheets.XLSX})
    @RolesAllowed({CurrentUser.DEPARTMENT, CurrentUser.SYSTEM, CurrentUser.ADMIN})
    @Operation(summary = "A CSV or Excel file of values (columns subject, indicator, period, value, level, source, "
            + "evidenceUrl, correctionReason), imported in the background: 202 and a job to follow. The file is stored "
            + "with its job before the answer, and the job survives a restart of the service. A CSV file is read in the "
            + "charset its Content-Type names, else as UTF-8, else as GB18030/GBK (what Excel and WPS save as CSV on a "
            + "Chinese Windows). A value written as a percentage (85%, or a cell in a percentage format) is 85 for an "
            + "indicator measured in %, and the row's error for any other")
    @RequestBody(content = {
            @Content(mediaType = "text/csv", examples = @ExampleObject(name = "csv", summary = "A CSV file with a header row", value = ApiExamples.CSV)),
            @Content(mediaType = Sheets.XLSX, schema = @Schema(type = SchemaType.STRING, format = "binary"))})
    @APIResponse(responseCode = "202", description = "The import job, queued; Location names it, poll it for progress", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ValueImports.JobView.class)))
    public Response importFile(byte[] body, @HeaderParam("Content-Type") String type,
            @QueryParam("partial") boolean partial) {
        if (body == null || body.length == 0) {
            throw new InvalidInputException("file", "the file is empty");
        }
        boolean xlsx = type != null && type.startsWith(Sheets.XLSX);
        // a CSV file is read in its charset (Sheets.csvText), and its job keeps it as UTF-8
        byte[] kept = xlsx ? body : Sheets.csvText(body, type).getBytes(StandardCharsets.UTF_8);
        int rows = ValueFiles.rows(kept, xlsx).size(); // a file that is not a value file is refused here, no job
        ValueImports.JobView job = imports.submit(kept, xlsx, rows, importer(), partial);
        return Response.accepted(job).location(URI.create("/api/v1/values/imports/" + job.id())).build();
    }

    @GET
    @Path("/imports")
    @RolesAllowed({CurrentUser.DEPARTMENT, CurrentUser.SYSTEM, CurrentUser.ADMIN})
    @Operation(summary = "File imports, newest first, with their state and counts: a department or system client sees "
            + "the ones it sent, an admin every one (?submittedBy= narrows it to one sender)")
    public Paged<ValueImports.JobSummary> importJobs(@QueryParam("status") ValueImports.Status status,
            @QueryParam("submittedBy") @Size(max = 128) String submittedBy, @QueryParam("page") Integer page,
            @QueryParam("size") Integer size) {
        return imports.list(status, submittedBy, importer(), PageRequest.of(page, size));
    }

    @GET
    @Path("/imports/{id}")
    @RolesAllowed({CurrentUser.DEPARTMENT, CurrentUser.SYSTEM, CurrentUser.ADMIN})
    @Operation(summary = "An import's progress (rows checked, rows written) and outcome, with each refused row")
    public ValueImports.JobView importJob(@PathParam("id") UUID id) {
        return imports.get(id, importer()).orElseThrow(() -> new ResourceNotFoundException("import", id));
    }

    private ValueImportService.Importer importer() {
        return new ValueImportService.Importer(caller.subject(), caller.hasRole(CurrentUser.ADMIN),
                caller.hasRole(CurrentUser.SYSTEM), caller.dept());
    }

    private static ValueService.Report toReport(ReportValueRequest r) {
        return new ValueService.Report(r.subject(), r.indicator(), r.period(), r.value(), r.level(), r.source(),
                r.evidenceUrl(), r.correctionReason());
    }
}
