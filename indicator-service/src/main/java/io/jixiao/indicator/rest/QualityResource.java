package io.jixiao.indicator.rest;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.jixiao.indicator.domain.QualityFlag;
import io.jixiao.indicator.domain.quality.QualityRules.Kind;
import io.jixiao.indicator.domain.QualityFlag.Filter;
import io.jixiao.indicator.service.QualityService;
import io.jixiao.kit.period.Period;
import io.jixiao.kit.security.CurrentUser;
import io.jixiao.kit.web.PageRequest;
import io.jixiao.kit.web.Paged;

@Path("/api/v1/quality")
@Tag(name = "Data quality", description = "ZOMBIE, SUSPICIOUS_HIGH and OUTLIER flags and their review (DESIGN section 3)")
public class QualityResource {

    /** A flag as listed: for SUSPICIOUS_HIGH and OUTLIER the held value it is about. */
    public record FlagView(long id, Kind kind, QualityFlag.Status status, @Schema(nullable = true) String subject,
            String indicator,
            String period, @Schema(nullable = true) Long valueId, @Schema(nullable = true) BigDecimal value,
            String detail, OffsetDateTime raisedAt, @Schema(nullable = true) String reviewedBy,
            @Schema(nullable = true) OffsetDateTime reviewedAt, @Schema(nullable = true) String reviewNote,
            long version) {
        public static FlagView from(QualityFlag f) {
            return new FlagView(f.id, f.kind, f.status, f.subjectCode, f.indicatorCode, f.period, f.valueId,
                    io.jixiao.kit.web.Decimals.stored(f.value), f.detail, f.raisedAt, f.reviewedBy, f.reviewedAt,
                    f.reviewNote, f.version);
        }
    }

    /**
     * ACCEPT: a held value counts (once none of its flags is open); a zombie indicator is kept. REJECT: a held value
     * never counts. RETIRE: a zombie indicator is no longer in force from the year after the flag's.
     */
    public record ReviewRequest(@NotNull QualityFlag.Decision decision, @Size(max = 500) String note) {
    }

    public record ZombieScanRequest(@NotNull @Min(2000) @Max(2100) Integer year) {
    }

    public record ZombieScanResponse(int year, int indicatorsCompared, java.util.List<FlagView> raised) {
    }

    private final QualityService service;
    private final CurrentUser caller;

    public QualityResource(QualityService service, CurrentUser caller) {
        this.service = service;
        this.caller = caller;
    }

    @GET
    @Path("/flags")
    @RolesAllowed({CurrentUser.ADMIN, CurrentUser.SYSTEM, CurrentUser.DEPARTMENT})
    @Operation(summary = "Data-quality flags, newest first; a department sees its own subject's")
    public Paged<FlagView> list(@QueryParam("status") QualityFlag.Status status, @QueryParam("kind") Kind kind,
            @QueryParam("subject") @Size(max = 32) String subject,
            @QueryParam("indicator") @Size(max = 64) String indicator,
            @QueryParam("period") @Pattern(regexp = Period.PATTERN, message = Period.MESSAGE) String period,
            @QueryParam("page") Integer page, @QueryParam("size") Integer size) {
        return service.list(new Filter(status, kind, subject, indicator, period), PageRequest.of(page, size), caller)
                .map(FlagView::from);
    }

    @GET
    @Path("/flags/{id}")
    @RolesAllowed({CurrentUser.ADMIN, CurrentUser.SYSTEM, CurrentUser.DEPARTMENT})
    public FlagView get(@PathParam("id") long id) {
        return FlagView.from(service.get(id, caller));
    }

    @POST
    @Path("/flags/{id}/review")
    @RolesAllowed(CurrentUser.ADMIN)
    @Operation(summary = "An admin's decision on an open flag: ACCEPT or REJECT a held value; ACCEPT (keep) or "
            + "RETIRE a zombie indicator")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "accept", summary = "Keep a held value after checking it", value = ApiExamples.FLAG_REVIEW)))
    public FlagView review(@PathParam("id") long id, @Valid @NotNull ReviewRequest r) {
        return FlagView.from(service.review(id, r.decision(), r.note(), caller.subject()));
    }

    @POST
    @Path("/zombie-scans")
    @RolesAllowed(CurrentUser.ADMIN)
    @Operation(summary = "Flags every indicator whose values changed by less than 1% from the year before for every "
            + "subject (ZOMBIE: a candidate for retirement)")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "year", summary = "Scan a year for zombie indicators", value = ApiExamples.ZOMBIE_SCAN)))
    public ZombieScanResponse scan(@Valid @NotNull ZombieScanRequest r) {
        QualityService.ZombieScan s = service.scanZombies(r.year());
        return new ZombieScanResponse(s.year(), s.indicatorsCompared(), s.raised().stream().map(FlagView::from)
                .toList());
    }
}
