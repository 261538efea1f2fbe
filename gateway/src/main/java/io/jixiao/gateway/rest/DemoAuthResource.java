package io.jixiao.gateway.rest;

import java.util.Map;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.Produces;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.jixiao.gateway.service.DemoTokenIssuer;

/** The local run's demo issuer: a token for any demo role. Answers 404 outside the local profile. */
@Path("/auth")
@Tag(name = "Demo issuer (local only)")
@PermitAll
public class DemoAuthResource {

    private final DemoTokenIssuer issuer;

    public DemoAuthResource(DemoTokenIssuer issuer) {
        this.issuer = issuer;
    }

    @GET
    @Path("/token")
    @Produces(MediaType.APPLICATION_JSON)
    public DemoTokenIssuer.IssuedToken token(@QueryParam("role") String role, @QueryParam("sub") String sub,
            @QueryParam("dept") String dept, @QueryParam("org") String org) {
        requireEnabled();
        if (role == null || !DemoTokenIssuer.ROLES.contains(role)) {
            throw new jakarta.ws.rs.BadRequestException("role must be one of " + DemoTokenIssuer.ROLES);
        }
        if (dept != null && !dept.matches("[A-Z][A-Z0-9_-]{0,31}") || org != null && !org.matches("[A-Za-z0-9_-]{1,64}")
                || sub != null && !sub.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new jakarta.ws.rs.BadRequestException("sub, dept and org must be plain codes");
        }
        return issuer.issue(sub == null ? "demo-" + role : sub, role, dept, org);
    }

    @GET
    @Path("/jwks")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> jwks() {
        requireEnabled();
        return issuer.jwks();
    }

    private void requireEnabled() {
        if (!issuer.enabled()) {
            throw new NotFoundException();
        }
    }
}
