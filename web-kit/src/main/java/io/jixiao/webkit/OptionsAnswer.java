package io.jixiao.webkit;

import java.util.Set;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * {@code OPTIONS} answered with the methods the path answers, as a 405 names them ({@link ResourceMethods}). JAX-RS's
 * own answer lists every method of the resource class whatever the path: {@code OPTIONS /api/v1/subjects} said PUT,
 * which only {@code /api/v1/subjects/{code}} takes. A path no resource has is left to JAX-RS (a 404).
 */
public class OptionsAnswer {

    private final ResourceMethods methods;

    public OptionsAnswer(ResourceMethods methods) {
        this.methods = methods;
    }

    @ServerRequestFilter(preMatching = true)
    public Response answer(ContainerRequestContext request, UriInfo uri) {
        if (!HttpMethod.OPTIONS.equals(request.getMethod())) {
            return null;
        }
        Set<String> allowed = methods.allowed(uri.getRequestUri().getRawPath());
        return allowed.isEmpty()
                ? null
                : Response.ok().header(HttpHeaders.ALLOW, ResourceMethods.header(allowed)).build();
    }
}
