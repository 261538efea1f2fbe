package io.jixiao.survey.rest;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.jixiao.kit.security.CurrentUser;
import io.jixiao.kit.sheets.SheetFile;
import io.jixiao.kit.sheets.Sheets;
import io.jixiao.kit.web.PageRequest;
import io.jixiao.kit.web.Paged;
import io.jixiao.survey.domain.Channel;
import io.jixiao.survey.domain.SurveyResponse;
import io.jixiao.survey.domain.index.RespondentGroup;
import io.jixiao.survey.service.ResponseAdminService;

/** A survey's responses for its admins: held ones to review, integrity figures, exports. No fingerprints shown. */
@Path("/api/v1/surveys/{id}/responses")
@Tag(name = "Survey responses", description = "Review of held responses, integrity, exports")
public class SurveyResponsesResource {

    public record ResponseRow(UUID id, RespondentGroup group, Channel channel, SurveyResponse.Status status,
            List<String> flags, @Schema(nullable = true) Long durationMs, @Schema(nullable = true) BigDecimal score,
            boolean invited, OffsetDateTime submittedAt,
            @Schema(nullable = true) String reviewedBy, @Schema(nullable = true) OffsetDateTime reviewedAt) {
        static ResponseRow of(SurveyResponse r) {
            return new ResponseRow(r.id, r.respondent, r.channel, r.status, r.flags, r.durationMs,
                    r.score == null ? null : r.score.stripTrailingZeros(), r.tokenBatch != null, r.submittedAt,
                    r.reviewedBy, r.reviewedAt);
        }
    }

    public record ReviewRequest(@NotNull ResponseAdminService.Decision decision) {
    }

    private final ResponseAdminService service;
    private final CurrentUser caller;

    public SurveyResponsesResource(ResponseAdminService service, CurrentUser caller) {
        this.service = service;
        this.caller = caller;
    }

    /** Responses by submission time; {@code status=HELD} lists those waiting for review. */
    @GET
    @RolesAllowed(CurrentUser.ADMIN)
    public Paged<ResponseRow> list(@PathParam("id") UUID id, @QueryParam("status") SurveyResponse.Status status,
            @QueryParam("page") Integer page, @QueryParam("size") Integer size) {
        return service.list(id, status, PageRequest.of(page, size)).map(ResponseRow::of);
    }

    /** COUNT a held response (it enters the index) or REJECT it. */
    @POST
    @Path("/{response}/review")
    @RolesAllowed(CurrentUser.ADMIN)
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "count", summary = "Count a held response", value = ApiExamples.RESPONSE_REVIEW)))
    public ResponseRow review(@PathParam("id") UUID id, @PathParam("response") UUID response,
            @Valid @NotNull ReviewRequest r) {
        return ResponseRow.of(service.review(id, response, r.decision(), caller));
    }

    /** Counts by status and by automation flag, distinct devices, responses by invitation. */
    @GET
    @Path("/integrity")
    @RolesAllowed(CurrentUser.ADMIN)
    public ResponseAdminService.Integrity integrity(@PathParam("id") UUID id) {
        return service.integrity(id);
    }

    /** Every response, one column per question: {@code format=csv} (default) or {@code xlsx}. */
    @GET
    @Path("/export")
    @RolesAllowed({CurrentUser.ADMIN, CurrentUser.SUPERIOR})
    @APIResponse(responseCode = "200", description = "One row per response: CSV (the default) or, with ?format=xlsx, an Excel workbook", content = {
            @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING)),
            @Content(mediaType = Sheets.XLSX, schema = @Schema(type = SchemaType.STRING, format = "binary"))})
    public Response export(@PathParam("id") UUID id, @QueryParam("format") String format) {
        return Exports.download(service.export(id, SheetFile.Format.of(format)), "survey-" + id + "-responses");
    }
}
