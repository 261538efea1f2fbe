package io.jixiao.kit.web;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.jixiao.kit.problem.ProblemException.InvalidInputException;
import io.jixiao.webkit.QueryParamsTaken;

/** Refuses a query parameter the operation does not take, as a validation problem that names it (web-kit's rule). */
public class KnownQueryParams {

    @Inject
    QueryParamsTaken taken;

    @ServerRequestFilter
    public void check(ContainerRequestContext ctx, ResourceInfo resource) {
        QueryParamsTaken.Unknown unknown = taken.firstUnknown(resource.getResourceMethod(),
                ctx.getUriInfo().getQueryParameters().keySet());
        if (unknown != null) {
            throw new InvalidInputException(unknown.name(), unknown.message());
        }
    }
}
