package io.jixiao.survey.rest;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.jixiao.kit.period.Period;
import io.jixiao.kit.security.CurrentUser;
import io.jixiao.kit.web.Decimals;
import io.jixiao.survey.domain.Satisfaction;
import io.jixiao.survey.domain.index.SatisfactionIndex;
import io.jixiao.survey.service.SatisfactionService;

@Path("/api/v1/subjects/{code}/satisfaction")
@Tag(name = "Satisfaction", description = "A subject's satisfaction index with its uncertainty")
public class SatisfactionResource {

    public record SatisfactionResponse(String subject, String period, @Schema(nullable = true) BigDecimal index, long n,
            @Schema(nullable = true) BigDecimal standardError, @Schema(nullable = true) BigDecimal lower95,
            @Schema(nullable = true) BigDecimal upper95,
            List<SatisfactionIndex.GroupResult> groups, List<String> flags, OffsetDateTime computedAt) {
        static SatisfactionResponse from(Satisfaction s) {
            return new SatisfactionResponse(s.subjectCode, s.period, Decimals.stored(s.index), s.n,
                    Decimals.stored(s.standardError), Decimals.stored(s.lower95), Decimals.stored(s.upper95), s.groups,
                    s.flags, s.computedAt);
        }
    }

    private final SatisfactionService service;
    private final CurrentUser caller;

    public SatisfactionResource(SatisfactionService service, CurrentUser caller) {
        this.service = service;
        this.caller = caller;
    }

    /**
     * A department reads its own index only, as its scorecard, health report and live events: another department's
     * index is its PUBLIC party score in a cycle that may not be published yet.
     */
    @GET
    @RolesAllowed(CurrentUser.ANY_ROLE)
    public SatisfactionResponse get(@PathParam("code") String code,
            @QueryParam("period") @NotNull @Pattern(regexp = Period.PATTERN, message = Period.MESSAGE) String period) {
        caller.requireOwnIfDepartment(code, "satisfaction index");
        return SatisfactionResponse.from(service.get(code, period));
    }
}
