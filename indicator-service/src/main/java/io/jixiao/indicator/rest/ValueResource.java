package io.jixiao.indicator.rest;

import java.math.BigDecimal;
import java.net.URI;
import java.time.OffsetDateTime;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.jixiao.indicator.domain.IndicatorValue;
import io.jixiao.indicator.domain.scoring.Grade;
import io.jixiao.indicator.domain.scoring.Light;
import io.jixiao.indicator.domain.scoring.Scores;
import io.jixiao.indicator.service.ValueService;
import io.jixiao.kit.security.CurrentUser;

@Path("/api/v1/values")
@Tag(name = "Values", description = "Reported indicator values, with history")
public class ValueResource {

    public record ReportValueRequest(
            @NotBlank @Size(max = 32) String subject,
            @NotBlank @Size(max = 64) String indicator,
            @NotBlank @Pattern(regexp = Periods.PATTERN, message = Periods.MESSAGE) String period,
            @DecimalMin("-1e15") @DecimalMax("1e15") BigDecimal value,
            @Size(max = 16) String level,
            @Size(max = 64) String source,
            @Size(max = 500) @Pattern(regexp = "^https?://.*", message = "must be an http(s) URL") String evidenceUrl,
            @Size(max = 500) String correctionReason) {
    }

    /** A value as stored, with its computed score. */
    public record ValueResponse(Long id, String subject, String indicator, String period, BigDecimal value,
            String level, BigDecimal score, BigDecimal shownScore, Light light, String source, String evidenceUrl,
            String reportedBy, OffsetDateTime reportedAt, String correctionReason, boolean current) {
        public static ValueResponse from(IndicatorValue v) {
            return new ValueResponse(v.id, v.subjectCode, v.indicatorCode, v.period,
                    io.jixiao.kit.web.Decimals.stored(v.actual), v.level, v.score,
                    Scores.shown(v.score), v.light, v.source, v.evidenceUrl, v.reportedBy, v.reportedAt,
                    v.correctionReason, v.current);
        }
    }

    /** The recorded value and the scorecard total it led to. */
    public record RecordedResponse(ValueResponse value, BigDecimal scorecardTotal, Grade scorecardGrade) {
    }

    private final ValueService service;
    private final CurrentUser caller;

    public ValueResource(ValueService service, CurrentUser caller) {
        this.service = service;
        this.caller = caller;
    }

    @POST
    @RolesAllowed({CurrentUser.DEPARTMENT, CurrentUser.SYSTEM, CurrentUser.ADMIN})
    public Response report(@Valid @NotNull ReportValueRequest r) {
        ValueService.Recorded rec = service.record(new ValueService.Report(r.subject(), r.indicator(), r.period(),
                r.value(), r.level(), r.source(), r.evidenceUrl(), r.correctionReason()), caller);
        var total = rec.scorecard().result().total();
        return Response.created(URI.create("/api/v1/subjects/" + r.subject() + "/values?period=" + r.period()))
                .entity(new RecordedResponse(ValueResponse.from(rec.value()),
                        total == null ? null : Scores.stored(total), rec.scorecard().result().grade()))
                .build();
    }
}
