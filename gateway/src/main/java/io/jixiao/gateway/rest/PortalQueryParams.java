package io.jixiao.gateway.rest;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.jixiao.webkit.QueryParamsTaken;

/**
 * The portal's read models refuse a query parameter they do not take, as the services' operations do: {@code
 * ?perod=2025} answered the current year's league, and a portal could not tell its choice had been dropped. The demo
 * issuer's OAuth endpoints are left alone: OAuth has an authorization server ignore parameters it does not know.
 */
public class PortalQueryParams {

    @Inject
    QueryParamsTaken taken;

    @ServerRequestFilter
    public void check(ContainerRequestContext ctx, ResourceInfo resource) {
        if (resource.getResourceClass() != PortalResource.class) {
            return;
        }
        QueryParamsTaken.Unknown unknown = taken.firstUnknown(resource.getResourceMethod(),
                ctx.getUriInfo().getQueryParameters().keySet());
        if (unknown != null) {
            throw new GatewayProblems.InvalidInput(unknown.name(), unknown.message());
        }
    }
}
