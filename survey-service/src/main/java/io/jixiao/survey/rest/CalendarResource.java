package io.jixiao.survey.rest;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import io.jixiao.kit.security.CurrentUser;
import io.jixiao.kit.web.IfMatch;
import io.jixiao.kit.web.PlausibleDate;
import io.jixiao.survey.service.CalendarService;

/** Public holidays and make-up working days (调休) per year, which set rectification due dates. */
@Path("/api/v1/calendar/{year}")
@Tag(name = "Calendar", description = "Working days for rectification deadlines")
public class CalendarResource {

    public record DayRequest(@NotNull @PlausibleDate java.time.LocalDate date, @NotNull CalendarService.Kind kind,
            @NotNull @Size(min = 1, max = 100) String name) {
    }

    public record YearRequest(@NotNull @Size(max = 120) List<@Valid @NotNull DayRequest> days) {
    }

    private final CalendarService calendar;

    public CalendarResource(CalendarService calendar) {
        this.calendar = calendar;
    }

    @GET
    @RolesAllowed(CurrentUser.ANY_ROLE)
    @Operation(summary = "A year's holidays and make-up working days, with the calendar's revision as ETag (send it"
            + " back as If-Match when you replace them)")
    public RestResponse<List<CalendarService.Day>> get(@PathParam("year") @Min(2000) @Max(2100) int year) {
        long revision = calendar.revision(year); // before the days: an ETag never newer than the body
        return RestResponse.ResponseBuilder.ok(calendar.year(year)).tag(String.valueOf(revision)).build();
    }

    @PUT
    @RolesAllowed(CurrentUser.ADMIN)
    @Operation(summary = "Replaces a year's holidays and make-up working days; with If-Match, only if the calendar is"
            + " still at that revision (412 otherwise). Due dates already set are kept; new ones follow the calendar")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "national day", summary = "Holidays and a make-up working day", value = ApiExamples.CALENDAR)))
    public RestResponse<List<CalendarService.Day>> put(@PathParam("year") @Min(2000) @Max(2100) int year,
            @HeaderParam(IfMatch.HEADER) String ifMatch, @Valid @NotNull YearRequest r) {
        CalendarService.Revised revised = calendar.replaceYear(year, IfMatch.version(ifMatch),
                r.days().stream().map(d -> new CalendarService.Day(d.date(), d.kind(), d.name())).toList());
        return RestResponse.ResponseBuilder.ok(revised.days()).tag(String.valueOf(revised.revision())).build();
    }
}
