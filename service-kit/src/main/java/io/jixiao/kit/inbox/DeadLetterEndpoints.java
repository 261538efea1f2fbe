package io.jixiao.kit.inbox;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.openapi.annotations.Operation;

import io.jixiao.kit.inbox.DeadLetterOps.DeadLetter;
import io.jixiao.kit.inbox.DeadLetterOps.Redriven;
import io.jixiao.kit.security.CurrentUser;
import io.jixiao.kit.web.PageRequest;
import io.jixiao.kit.web.Paged;

/**
 * The operator's view of a service's dead-letter topic (admin only). Each service exposes it under its own path,
 * {@code /api/v1/ops/<service>/dead-letters}, by a subclass that carries only the {@code @Path}.
 */
public abstract class DeadLetterEndpoints {

    @Inject
    protected DeadLetterOps ops;

    @GET
    @RolesAllowed(CurrentUser.ADMIN)
    @Operation(summary = "The records this service parked on its dead-letter topic, newest first, each with why it was"
            + " refused, where it came from, and whether its event has been applied since")
    public Paged<DeadLetter> list(@QueryParam("page") Integer page, @QueryParam("size") Integer size) {
        return ops.list(PageRequest.of(page, size));
    }

    @POST
    @Path("/{partition}/{offset}/redrive")
    @RolesAllowed(CurrentUser.ADMIN)
    @Operation(summary = "Applies a parked record again through this service's inbox, once the cause of its refusal is"
            + " gone: APPLIED, or ALREADY_PROCESSED when its event was applied before (nothing changes), or"
            + " NOT_HANDLED; 422 when the service still refuses it, and nothing changes")
    public Redriven redrive(@PathParam("partition") int partition, @PathParam("offset") long offset) {
        return ops.redrive(partition, offset);
    }
}
