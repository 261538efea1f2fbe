package io.jixiao.evaluation.rest;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.jixiao.evaluation.service.ResultService;
import io.jixiao.evaluation.service.ResultView;
import io.jixiao.kit.security.CurrentUser;
import io.jixiao.kit.web.PageRequest;
import io.jixiao.kit.web.Paged;

@Path("/api/v1/cycles/{id}/results")
@Tag(name = "Results", description = "The league table and each subject's explained result")
public class ResultResource {

    private final ResultService service;
    private final CurrentUser caller;

    public ResultResource(ResultService service, CurrentUser caller) {
        this.service = service;
        this.caller = caller;
    }

    /**
     * The league table in pages, by rank (unranked subjects last), then subject code: provisional while the cycle
     * runs, frozen once finalized.
     */
    @GET
    @RolesAllowed(CurrentUser.ANY_ROLE)
    public Paged<ResultView> table(@PathParam("id") UUID id, @QueryParam("page") Integer page,
            @QueryParam("size") Integer size) {
        return service.table(id, PageRequest.of(page, size), caller);
    }

    @GET
    @Path("/{subject}")
    @RolesAllowed(CurrentUser.ANY_ROLE)
    public ResultView one(@PathParam("id") UUID id, @PathParam("subject") String subject) {
        return service.one(id, subject, caller);
    }
}
