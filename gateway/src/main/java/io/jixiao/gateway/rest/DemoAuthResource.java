package io.jixiao.gateway.rest;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.jixiao.gateway.service.DemoTokenIssuer;
import io.vertx.core.json.JsonObject;

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

    @POST
    @Path("/token")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "OAuth 2.0 client credentials for machine clients (role system); HTTP Basic or form secrets")
    public Response clientCredentials(@FormParam("grant_type") String grantType,
            @FormParam("client_id") String clientId,
            @FormParam("client_secret") String clientSecret, @HeaderParam("Authorization") String authorization) {
        requireEnabled();
        if (!"client_credentials".equals(grantType)) {
            throw new jakarta.ws.rs.BadRequestException("grant_type must be client_credentials");
        }
        String id = clientId;
        String secret = clientSecret;
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String pair = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
                        StandardCharsets.UTF_8);
                int colon = pair.indexOf(':');
                if (colon > 0) {
                    id = URLDecoder.decode(pair.substring(0, colon), StandardCharsets.UTF_8);
                    secret = URLDecoder.decode(pair.substring(colon + 1), StandardCharsets.UTF_8);
                }
            } catch (IllegalArgumentException e) {
                // not Base64: treated as no credentials
            }
        }
        return issuer.clientCredentials(id, secret).map(t -> Response.ok(t).header("Cache-Control", "no-store").build())
                .orElseGet(() -> Response.status(401).type("application/problem+json").header("WWW-Authenticate",
                        "Basic realm=\"jixiao-demo\"").entity(
                                new JsonObject().put("type",
                                        "https://jixiao.io/problems/invalid-client").put("title", "Unauthorized")
                                        .put("status", 401).put("error", "invalid_client")
                                        .put("detail", "unknown client or wrong secret").put("instance", "/auth/token")
                                        .encode())
                        .build());
    }

    @GET
    @Path("/.well-known/openid-configuration")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "OpenID provider metadata of the demo issuer (token endpoint, JWKS)")
    public Map<String, Object> discovery(@HeaderParam("Host") String host) {
        requireEnabled();
        String base = "http://"
                + (host == null || !host.matches("[A-Za-z0-9.:\\[\\]-]{1,100}") ? "127.0.0.1:8080" : host);
        return Map.of("issuer", issuer.issuerId(), "jwks_uri", base + "/auth/jwks", "token_endpoint",
                base + "/auth/token", "grant_types_supported", List.of("client_credentials"),
                "token_endpoint_auth_methods_supported", List.of("client_secret_basic", "client_secret_post"),
                "id_token_signing_alg_values_supported", List.of("RS256"));
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
