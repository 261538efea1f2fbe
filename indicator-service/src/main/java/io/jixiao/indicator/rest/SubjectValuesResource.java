package io.jixiao.indicator.rest;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.jixiao.indicator.rest.ValueResource.ValueResponse;
import io.jixiao.indicator.service.ValueService;
import io.jixiao.kit.period.Period;
import io.jixiao.kit.security.CurrentUser;

@Path("/api/v1/subjects/{code}/values")
@Tag(name = "Values")
public class SubjectValuesResource {

    private final ValueService service;
    private final CurrentUser caller;

    public SubjectValuesResource(ValueService service, CurrentUser caller) {
        this.service = service;
        this.caller = caller;
    }

    /** The current values of a subject for a period; with {@code history=true}, every correction too. */
    @GET
    @RolesAllowed(CurrentUser.ANY_ROLE)
    public List<ValueResponse> list(@PathParam("code") String code,
            @QueryParam("period") @NotNull @Pattern(regexp = Period.PATTERN, message = Period.MESSAGE) String period,
            @QueryParam("history") boolean history) {
        return service.list(code, period, history, caller).stream().map(ValueResponse::from).toList();
    }
}
