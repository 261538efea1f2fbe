package io.jixiao.survey.rest;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.jixiao.kit.security.CurrentUser;
import io.jixiao.survey.service.CalendarService;

/** Public holidays and make-up working days (调休) per year, which set rectification due dates. */
@Path("/api/v1/calendar/{year}")
@Tag(name = "Calendar", description = "Working days for rectification deadlines")
public class CalendarResource {

    public record DayRequest(@NotNull java.time.LocalDate date, @NotNull CalendarService.Kind kind,
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
    public List<CalendarService.Day> get(@PathParam("year") @Min(2000) @Max(2100) int year) {
        return calendar.year(year);
    }

    @PUT
    @RolesAllowed(CurrentUser.ADMIN)
    public List<CalendarService.Day> put(@PathParam("year") @Min(2000) @Max(2100) int year,
            @Valid @NotNull YearRequest r) {
        return calendar.replaceYear(year,
                r.days().stream().map(d -> new CalendarService.Day(d.date(), d.kind(), d.name())).toList());
    }
}
