package io.jixiao.gateway.service;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.MDC;

import io.jixiao.gateway.config.GatewayConfig;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * What every request meets first, whatever it asks for: its correlation id (kept when it is a safe token, replaced
 * otherwise, so a header injection never travels on), CORS for the allow-listed portal origins, and the security
 * headers on every response, proxied or not.
 */
@ApplicationScoped
public class FrontDoor {

    public static final String REQUEST_ID = "X-Request-Id";
    /** The route order of the front door; the API proxy comes right after it. */
    static final int FRONT = -400;
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    private static final String API_CSP = "default-src 'none'; frame-ancestors 'none'";
    private static final String ALLOWED_HEADERS = "Authorization, Content-Type, Idempotency-Key, If-Match, "
            + "X-Request-Id";
    private static final String EXPOSED_HEADERS = "X-Request-Id, Retry-After, Location, ETag";

    private final Set<String> corsOrigins;

    public FrontDoor(GatewayConfig config) {
        this.corsOrigins = Set.copyOf(config.corsOrigins().orElse(List.of()));
    }

    void install(@Observes Router router) {
        // first of all, before Quarkus's own CORS (-300), authentication (-200) and authorization (-100) handlers
        router.route().order(FRONT).handler(this::handle);
        router.route().order(Integer.MIN_VALUE).failureHandler(this::refused);
    }

    /**
     * A request Vert.x Web refuses before any route runs (a {@code Host} header that is not a host): a problem like
     * every other refusal, with the security headers, instead of Quarkus's text body saying "500 - Internal Server
     * Error" and an ERROR line in the log. The services do the same with the kit's {@code RouterRefusals}.
     */
    void refused(RoutingContext ctx) {
        int status = ctx.statusCode();
        if (status < 400 || status >= 500 || ctx.failure() == null
                || ctx.failure().getClass() != io.vertx.core.VertxException.class
                || ctx.response().headWritten()) {
            ctx.next();
            return;
        }
        String incoming = ctx.request().getHeader(REQUEST_ID);
        String rid = incoming != null && SAFE_ID.matcher(incoming).matches() ? incoming : UUID.randomUUID().toString();
        ctx.response().putHeader(REQUEST_ID, rid);
        secure(ctx.response().headers(), ctx.request().path().startsWith("/api/"), false);
        String m = String.valueOf(ctx.failure().getMessage());
        ProblemWriter.write(ctx.response(), status, "bad-request", "Bad Request", m.contains("'Host' header")
                ? "the Host header is missing or is not a host name with an optional port"
                : "the request is not valid HTTP", ctx.request().path(), rid);
    }

    void handle(RoutingContext ctx) {
        HttpServerRequest req = ctx.request();
        String incoming = req.getHeader(REQUEST_ID);
        String rid = incoming != null && SAFE_ID.matcher(incoming).matches() ? incoming : UUID.randomUUID().toString();
        req.headers().set(REQUEST_ID, rid);
        ctx.put(REQUEST_ID, rid);
        // Quarkus keeps the MDC in the request's Vert.x context: every log line of this request carries the id
        MDC.put("requestId", rid);
        boolean api = req.path().startsWith("/api/");
        boolean https = req.isSSL() || "https".equalsIgnoreCase(req.getHeader("X-Forwarded-Proto"));
        ctx.response().putHeader(REQUEST_ID, rid);
        ctx.addHeadersEndHandler(v -> secure(ctx.response().headers(), api, https));
        String origin = req.getHeader("Origin");
        boolean allowed = origin != null && corsOrigins.contains(origin);
        if (allowed) {
            ctx.response().putHeader("Access-Control-Allow-Origin", origin).putHeader("Vary", "Origin")
                    .putHeader("Access-Control-Expose-Headers", EXPOSED_HEADERS);
        }
        if (req.method() == HttpMethod.OPTIONS && req.getHeader("Access-Control-Request-Method") != null) {
            if (!allowed) {
                ProblemWriter.write(ctx.response(), 403, "cors-origin", "Forbidden",
                        "this origin is not allowed to call the API from a browser", req.path(), rid);
                return;
            }
            ctx.response().setStatusCode(204)
                    .putHeader("Access-Control-Allow-Methods", "GET, POST, PUT, PATCH, DELETE")
                    .putHeader("Access-Control-Allow-Headers", ALLOWED_HEADERS)
                    .putHeader("Access-Control-Max-Age", "600").end();
            return;
        }
        ctx.next();
    }

    static void secure(MultiMap h, boolean api, boolean https) {
        h.set("X-Content-Type-Options", "nosniff");
        if (!h.contains("X-Frame-Options")) {
            h.set("X-Frame-Options", "DENY");
        }
        if (!h.contains("Referrer-Policy")) {
            h.set("Referrer-Policy", "no-referrer");
        }
        h.set("Cross-Origin-Opener-Policy", "same-origin");
        if (api && !h.contains("Content-Security-Policy")) {
            h.set("Content-Security-Policy", API_CSP);
        }
        if (api && !h.contains("Cache-Control")) {
            h.set("Cache-Control", "no-store");
        }
        if (https) {
            h.set("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
        }
    }
}
