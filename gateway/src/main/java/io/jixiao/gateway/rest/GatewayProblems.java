package io.jixiao.gateway.rest;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.vertx.core.json.JsonObject;

/** Problem responses for the gateway's own endpoints. */
public class GatewayProblems {

    private static final Logger LOG = Logger.getLogger(GatewayProblems.class);

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        String detail = status == 400
                ? e.getMessage()
                : Response.Status.fromStatusCode(status) == null
                        ? "error"
                        : Response.Status.fromStatusCode(status).getReasonPhrase();
        return problem(status, detail, uri);
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri) {
        LOG.error("unexpected gateway error", e);
        return problem(500, "the gateway could not handle the request", uri);
    }

    static Response problem(int status, String detail, UriInfo uri) {
        Response.Status s = Response.Status.fromStatusCode(status);
        JsonObject p = new JsonObject().put("type", "https://jixiao.io/problems/http-" + status)
                .put("title", s == null ? "Error" : s.getReasonPhrase()).put("status", status).put("detail", detail)
                .put("instance", uri == null ? null : uri.getPath());
        return Response.status(status).type("application/problem+json").entity(p.encode()).build();
    }
}
