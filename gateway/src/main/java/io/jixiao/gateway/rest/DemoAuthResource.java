package io.jixiao.gateway.rest;

import java.net.URI;
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
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.jixiao.gateway.service.DemoSignIn;
import io.jixiao.gateway.service.DemoTokenIssuer;

/**
 * The local run's demo issuer: a token for any demo role, client credentials for machine clients, and the portal's
 * sign-in (authorization code with PKCE). Answers 404 outside the local profile.
 */
@Path("/auth")
@Tag(name = "Demo issuer (local only)")
@PermitAll
public class DemoAuthResource {

    private final DemoTokenIssuer issuer;
    private final DemoSignIn signIn;

    public DemoAuthResource(DemoTokenIssuer issuer, DemoSignIn signIn) {
        this.issuer = issuer;
        this.signIn = signIn;
    }

    @GET
    @Path("/authorize")
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "Authorization endpoint (code flow with PKCE S256) for the portal: the demo sign-in page")
    public Response authorize(@QueryParam("response_type") String responseType,
            @QueryParam("client_id") String clientId, @QueryParam("redirect_uri") String redirectUri,
            @QueryParam("code_challenge") String challenge,
            @QueryParam("code_challenge_method") String challengeMethod, @QueryParam("state") String state,
            @QueryParam("ui_locales") String locale, @Context UriInfo uri) {
        requireEnabled();
        return answer(signIn.authorize(new DemoSignIn.Request(responseType, clientId, redirectUri, challenge,
                challengeMethod, state, locale), origin(uri)));
    }

    @POST
    @Path("/authorize")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "The demo sign-in form: back to the client with a single-use code (or access_denied)")
    public Response signIn(@FormParam("response_type") String responseType, @FormParam("client_id") String clientId,
            @FormParam("redirect_uri") String redirectUri, @FormParam("code_challenge") String challenge,
            @FormParam("code_challenge_method") String challengeMethod, @FormParam("state") String state,
            @FormParam("ui_locales") String locale, @FormParam("role") String role, @FormParam("dept") String dept,
            @FormParam("sub") String sub, @FormParam("cancel") String cancel, @Context UriInfo uri) {
        requireEnabled();
        return answer(signIn.signIn(new DemoSignIn.Request(responseType, clientId, redirectUri, challenge,
                challengeMethod, state, locale), origin(uri), role, dept, sub, cancel != null));
    }

    private static String origin(UriInfo uri) {
        URI base = uri.getBaseUri();
        return base.getScheme() + "://" + base.getRawAuthority();
    }

    private static Response answer(DemoSignIn.Outcome outcome) {
        if (outcome instanceof DemoSignIn.Refused r) {
            return oauthProblem(400, r.error(), r.detail(), "/auth/authorize");
        }
        if (outcome instanceof DemoSignIn.Redirect r) {
            return Response.seeOther(r.location()).header("Cache-Control", "no-store").build();
        }
        DemoSignIn.Page p = (DemoSignIn.Page) outcome;
        return Response.status(p.status()).type("text/html; charset=utf-8").header("Content-Security-Policy", p.csp())
                .header("Cache-Control", "no-store").header("X-Frame-Options", "DENY").entity(p.html()).build();
    }

    /** An RFC 9457 problem that is also an RFC 6749 error response (its {@code error} member). */
    private static Response oauthProblem(int status, String error, String detail, String instance) {
        return Response.fromResponse(GatewayProblems.problem(GatewayProblems.body(status, detail, instance)
                .put("type", "https://jixiao.io/problems/" + error.replace('_', '-')).put("error", error)))
                .header("Cache-Control", "no-store").build();
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
    @Operation(summary = "Token endpoint: client credentials for machine clients (role system; HTTP Basic or form "
            + "secrets), or the portal's authorization code with its PKCE verifier")
    public Response token(@FormParam("grant_type") String grantType, @FormParam("client_id") String clientId,
            @FormParam("client_secret") String clientSecret, @HeaderParam("Authorization") String authorization,
            @FormParam("code") String code, @FormParam("redirect_uri") String redirectUri,
            @FormParam("code_verifier") String verifier) {
        requireEnabled();
        if ("authorization_code".equals(grantType)) {
            if (code == null || redirectUri == null || clientId == null || verifier == null) {
                return oauthProblem(400, "invalid_request", "code, redirect_uri, client_id and code_verifier are"
                        + " required", "/auth/token");
            }
            return signIn.redeem(code, clientId, redirectUri, verifier).map(DemoAuthResource::issued)
                    .orElseGet(() -> oauthProblem(400, "invalid_grant", "the code is unknown, expired or used, or was"
                            + " issued to another client or redirect_uri, or the code_verifier does not match it",
                            "/auth/token"));
        }
        if (!"client_credentials".equals(grantType)) {
            return oauthProblem(400, "unsupported_grant_type", "grant_type must be client_credentials or"
                    + " authorization_code", "/auth/token");
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
        return issuer.clientCredentials(id, secret).map(DemoAuthResource::issued).orElseGet(() -> Response.fromResponse(
                oauthProblem(401, "invalid_client", "unknown client or wrong secret", "/auth/token"))
                .header("WWW-Authenticate", "Basic realm=\"jixiao-demo\"").build());
    }

    private static Response issued(DemoTokenIssuer.IssuedToken t) {
        return Response.ok(t).header("Cache-Control", "no-store").header("Pragma", "no-cache").build();
    }

    @GET
    @Path("/.well-known/openid-configuration")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "OpenID provider metadata of the demo issuer (token endpoint, JWKS)")
    public Map<String, Object> discovery(@HeaderParam("Host") String host) {
        requireEnabled();
        String base = "http://"
                + (host == null || !host.matches("[A-Za-z0-9.:\\[\\]-]{1,100}") ? "127.0.0.1:8080" : host);
        return Map.of("issuer", issuer.issuerId(), "jwks_uri", base + "/auth/jwks", "authorization_endpoint",
                base + "/auth/authorize", "token_endpoint", base + "/auth/token", "grant_types_supported",
                List.of("client_credentials", "authorization_code"), "response_types_supported", List.of("code"),
                "code_challenge_methods_supported", List.of("S256"), "token_endpoint_auth_methods_supported",
                List.of("client_secret_basic", "client_secret_post", "none"), "id_token_signing_alg_values_supported",
                List.of("RS256"));
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
