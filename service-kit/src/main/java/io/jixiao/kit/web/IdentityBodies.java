package io.jixiao.kit.web;

import java.util.List;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.jixiao.kit.problem.ProblemMappers;

/**
 * Bodies are read as they are sent: a request with a {@code Content-Encoding} (gzip, br, …) is refused with a 415 that
 * says so and answers {@code Accept-Encoding: identity} (RFC 9110, section 15.5.16), before anything reads it. Before,
 * a gzipped body was read as text and refused as "not valid JSON (line 1, column 2)", and a plain body labelled gzip
 * was taken.
 */
public class IdentityBodies {

    @ServerRequestFilter(preMatching = true)
    public Response encoded(ContainerRequestContext ctx) {
        String coding = ctx.getHeaderString(HttpHeaders.CONTENT_ENCODING);
        if (coding == null || coding.isBlank() || coding.trim().equalsIgnoreCase("identity")) {
            return null;
        }
        return Response.fromResponse(ProblemMappers.respond(415, "unsupported-content-encoding",
                "Unsupported Media Type", "this API reads bodies as they are: send it without Content-Encoding",
                ctx.getUriInfo(), List.of())).header("Accept-Encoding", "identity").build();
    }
}
