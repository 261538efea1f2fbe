package io.jixiao.evaluation.rest;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.jixiao.evaluation.service.ResultService;
import io.jixiao.evaluation.service.ResultView;
import io.jixiao.kit.security.CurrentUser;

@Path("/api/v1/cycles/{id}/results")
@Tag(name = "Results", description = "The league table and each subject's explained result")
public class ResultResource {

    private final ResultService service;
    private final CurrentUser caller;

    public ResultResource(ResultService service, CurrentUser caller) {
        this.service = service;
        this.caller = caller;
    }

    /** Ranked results: provisional while the cycle runs, frozen once finalized. */
    @GET
    @RolesAllowed(CurrentUser.ANY_ROLE)
    public List<ResultView> table(@PathParam("id") UUID id) {
        return service.table(id, caller);
    }

    @GET
    @Path("/{subject}")
    @RolesAllowed(CurrentUser.ANY_ROLE)
    public ResultView one(@PathParam("id") UUID id, @PathParam("subject") String subject) {
        return service.one(id, subject, caller);
    }
}
