package io.jixiao.gateway.rest;

import java.util.Set;

import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;
import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.jixiao.webkit.ResourceMethods;
import io.quarkus.security.AuthenticationCompletionException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** Problem responses for the gateway's own endpoints. */
public class GatewayProblems {

    private static final Logger LOG = Logger.getLogger(GatewayProblems.class);

    @Inject
    ResourceMethods resourceMethods;

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri, Request request) {
        int status = e.getResponse().getStatus();
        if (status == 404 || status == 405) {
            Set<String> allowed = resourceMethods.refusing(uri.getRequestUri().getRawPath(), request.getMethod());
            if (!allowed.isEmpty()) {
                String methods = ResourceMethods.header(allowed);
                return Response.fromResponse(problem(405, "this resource answers " + methods, uri))
                        .header(HttpHeaders.ALLOW, methods).build();
            }
        }
        // a refusal of ours says why; the REST layer's own (404, 405, …) carry only "HTTP 404 Not Found"
        String detail = status == 400 || status == 403 && e.getMessage() != null && !e.getMessage().startsWith("HTTP ")
                ? e.getMessage()
                : Response.Status.fromStatusCode(status) == null
                        ? "error"
                        : Response.Status.fromStatusCode(status).getReasonPhrase();
        return problem(status, detail, uri);
    }

    /**
     * Bad input to one of the gateway's own operations, written as the services write theirs: a validation problem
     * whose {@code violations} name the field.
     */
    public static class InvalidInput extends RuntimeException {

        private final String field;

        public InvalidInput(String field, String message) {
            super(message, null, false, false);
            this.field = field;
        }
    }

    @ServerExceptionMapper
    public Response invalid(InvalidInput e, UriInfo uri) {
        return problem(body(400, e.field + ": " + e.getMessage(), uri.getPath())
                .put("type", "https://jixiao.io/problems/validation").put("title", "Invalid input")
                .put("violations", new JsonArray().add(new JsonObject().put("field", e.field)
                        .put("message", e.getMessage()))));
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class,
            AuthenticationCompletionException.class})
    public Response unauthorized(RuntimeException e, UriInfo uri) {
        return Response.fromResponse(problem(401, "a valid bearer token is required", uri))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return problem(403, "your role may not do this", uri);
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri) {
        if (badEncoding(e)) {
            return problem(400, "the form or URL is not valid percent-encoding", uri);
        }
        LOG.error("unexpected gateway error", e);
        return problem(500, "the gateway could not handle the request", uri);
    }

    /** The REST layer's own decoding of a form body or URL failed: the client's encoding, not our fault. */
    static boolean badEncoding(Throwable e) {
        return e instanceof IllegalArgumentException && e.getStackTrace().length > 0
                && e.getStackTrace()[0].getClassName().endsWith(".URLUtils");
    }

    static Response problem(int status, String detail, UriInfo uri) {
        return problem(body(status, detail, uri == null ? null : uri.getPath()));
    }

    /**
     * An RFC 9457 problem body, for callers that add members of their own before sending it. It carries the request's
     * id as the services' problems do: the front door put it in the MDC, which Quarkus keeps in the request's context.
     */
    static JsonObject body(int status, String detail, String instance) {
        Response.Status s = Response.Status.fromStatusCode(status);
        Object rid = MDC.get("requestId");
        return new JsonObject().put("type", "https://jixiao.io/problems/http-" + status)
                .put("title", s == null ? "Error" : s.getReasonPhrase()).put("status", status).put("detail", detail)
                .put("instance", instance).put("requestId", rid == null ? null : rid.toString());
    }

    static Response problem(JsonObject body) {
        return Response.status(body.getInteger("status")).type("application/problem+json").entity(body.encode())
                .build();
    }
}
