package io.jixiao.gateway.service;

import java.net.ConnectException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

import io.jixiao.gateway.config.GatewayConfig;
import io.jixiao.gateway.domain.CircuitBreakers;
import io.jixiao.gateway.domain.RateLimiter;
import io.jixiao.gateway.domain.RouteTable;
import io.jixiao.gateway.domain.TrustedProxies;
import io.jixiao.gateway.domain.VerifiedTokens;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The front door for {@code /api/v1/**} (except the gateway's own {@code /api/v1/portal}): resolves the service,
 * verifies the bearer token (signature, algorithm, issuer, audience, expiry; the service verifies it again), checks
 * the route's roles, applies the caller's rate limit, refuses oversized bodies, and streams the request and the
 * response through without buffering them. A service that is down or slow becomes a 502, 503 (breaker open) or 504
 * problem; idempotent calls that could not connect are tried once more; the gateway itself never fails.
 */
@ApplicationScoped
public class ApiProxy {

    private static final Logger LOG = Logger.getLogger(ApiProxy.class);
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-authenticate",
            "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade", "host", "content-length",
            "x-request-id");
    private static final String CALLER_ENDED = "jixiao.callerEnded";
    private static final String CALLER = "jixiao.caller";
    private static final Set<HttpMethod> IDEMPOTENT = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

    private final GatewayConfig config;
    private final JWTParser jwt;
    private final MeterRegistry meters;
    private final VerifiedTokens verified = new VerifiedTokens(10_000, 300_000);
    private final CircuitBreakers breakers;
    private final RateLimiter clients;
    private final RateLimiter devices;
    private final TrustedProxies proxies;
    private RouteTable routes;
    private HttpClient client;
    private Vertx vertx;

    public ApiProxy(GatewayConfig config, JWTParser jwt, MeterRegistry meters) {
        this.config = config;
        this.jwt = jwt;
        this.meters = meters;
        this.breakers = new CircuitBreakers(config.breaker().threshold(), config.breaker().open().toMillis());
        this.clients = new RateLimiter(config.rateLimit().clientPerSecond(), config.rateLimit().clientBurst(), 50_000);
        this.devices = new RateLimiter(config.rateLimit().devicePerSecond(), config.rateLimit().deviceBurst(), 100_000);
        this.proxies = TrustedProxies.of(config.trustedProxies().orElse(List.of()));
    }

    void install(@Observes Router router, Vertx vertx) {
        this.vertx = vertx;
        this.routes = new RouteTable(Map.of("indicator", URI.create(config.services().indicator()), "evaluation",
                URI.create(config.services().evaluation()), "survey", URI.create(config.services().survey()),
                "budget", URI.create(config.services().budget())));
        this.client = vertx.createHttpClient(new HttpClientOptions().setMaxPoolSize(64).setKeepAlive(true)
                .setConnectTimeout((int) config.connectTimeout().toMillis()).setIdleTimeout(60));
        // before Quarkus's authentication and authorization handlers: the proxy verifies the token and checks the
        // route's roles itself, and their per-request work bought nothing for a proxied call (the portal's routes
        // pass on to them)
        router.route("/api/v1/*").order(FrontDoor.FRONT + 50).handler(this::handle);
    }

    /** The breaker state of each route, for health and for the portal's degraded panels. */
    public CircuitBreakers.State breaker(String service) {
        return breakers.state(service, System.currentTimeMillis());
    }

    void handle(RoutingContext ctx) {
        HttpServerRequest req = ctx.request();
        String path = req.path();
        if (path.startsWith("/api/v1/portal/") || path.equals("/api/v1/portal")) {
            ctx.next();
            return;
        }
        req.pause();
        String rid = ctx.get(FrontDoor.REQUEST_ID);
        HttpServerResponse resp = ctx.response();
        RouteTable.Target target = routes.resolve(path).orElse(null);
        if (target == null) {
            ProblemWriter.write(resp, 404, "not-found", "Not Found", "no API at this path", path, rid);
            return;
        }
        if (target.publicAccess()) {
            if (limited(ctx, devices, "device:" + caller(ctx).address(), rid)) {
                return;
            }
            forward(ctx, target, rid);
            return;
        }
        String auth = req.getHeader("Authorization");
        if (auth == null || !auth.regionMatches(true, 0, "Bearer ", 0, 7) || auth.length() < 8) {
            ProblemWriter.write(resp, 401, "unauthorized", "Unauthorized", "a bearer token is required", path, rid);
            return;
        }
        String token = auth.substring(7).trim();
        var known = verified.lookup(token, System.currentTimeMillis());
        if (known.isPresent()) {
            admitted(ctx, target, known.get(), rid);
            return;
        }
        vertx.<VerifiedTokens.Caller>executeBlocking(() -> {
            try {
                JsonWebToken parsed = jwt.parse(token);
                Set<String> roles = parsed.getGroups() == null ? Set.of() : Set.copyOf(parsed.getGroups());
                String azp = parsed.getClaim("azp");
                var caller = new VerifiedTokens.Caller(azp != null && roles.contains("system")
                        ? azp
                        : parsed.getSubject(), roles);
                verified.remember(token, caller, parsed.getExpirationTime() * 1000L, System.currentTimeMillis());
                return caller;
            } catch (ParseException e) {
                LOG.debugf("token refused: %s", e.getCause() == null ? e.getMessage() : e.getCause().toString());
                return null;
            }
        }, false).onComplete(ar -> {
            if (ar.succeeded() && ar.result() != null) {
                admitted(ctx, target, ar.result(), rid);
            } else {
                meters.counter("jixiao.gateway.rejected", "reason", "token").increment();
                ProblemWriter.write(resp, 401, "unauthorized", "Unauthorized",
                        "the bearer token is invalid, expired, or not for this audience", path, rid);
            }
        });
    }

    private void admitted(RoutingContext ctx, RouteTable.Target target, VerifiedTokens.Caller caller, String rid) {
        if (!target.admits(caller.roles())) {
            meters.counter("jixiao.gateway.rejected", "reason", "role").increment();
            ProblemWriter.write(ctx.response(), 403, "forbidden", "Forbidden",
                    "your role may not use " + target.area() + " routes", ctx.request().path(), rid);
            return;
        }
        if (limited(ctx, clients, "client:" + caller.subject(), rid)) {
            return;
        }
        forward(ctx, target, rid);
    }

    private boolean limited(RoutingContext ctx, RateLimiter limiter, String key, String rid) {
        if (!config.rateLimit().enabled()) {
            return false;
        }
        RateLimiter.Decision d = limiter.acquire(key, System.nanoTime());
        if (d.allowed()) {
            return false;
        }
        meters.counter("jixiao.gateway.rejected", "reason", "rate").increment();
        ctx.response().putHeader("Retry-After", String.valueOf(d.retryAfterSeconds()));
        ProblemWriter.write(ctx.response(), 429, "too-many-requests", "Too Many Requests",
                "too many calls; try again in " + d.retryAfterSeconds() + " s", ctx.request().path(), rid);
        return true;
    }

    private void forward(RoutingContext ctx, RouteTable.Target target, String rid) {
        HttpServerRequest req = ctx.request();
        long max = target.largeUpload() ? config.maxUploadSize() : config.maxBodySize();
        String declared = req.getHeader("Content-Length");
        if (declared != null && parseLength(declared) > max) {
            tooLarge(ctx, max, rid);
            return;
        }
        long now = System.currentTimeMillis();
        if (!breakers.allow(target.service(), now)) {
            ctx.response().putHeader("Retry-After",
                    String.valueOf(breakers.retryAfterSeconds(target.service(), now)));
            ProblemWriter.write(ctx.response(), 503, "upstream-open-circuit", "Service Unavailable",
                    target.service() + "-service is failing; calls are paused", req.path(), rid);
            return;
        }
        send(ctx, target, rid, max, IDEMPOTENT.contains(req.method()) ? 1 : 0);
    }

    /** Who is calling, behind the deployment's trusted proxies; worked out once per request. */
    private TrustedProxies.Caller caller(RoutingContext ctx) {
        TrustedProxies.Caller c = ctx.get(CALLER);
        if (c == null) {
            HttpServerRequest req = ctx.request();
            c = proxies.resolve(req.getHeader("X-Forwarded-For"),
                    req.remoteAddress() == null ? "unknown" : req.remoteAddress().hostAddress());
            ctx.put(CALLER, c);
        }
        return c;
    }

    private void send(RoutingContext ctx, RouteTable.Target target, String rid, long max, int retries) {
        HttpServerRequest req = ctx.request();
        URI base = target.base();
        RequestOptions options = new RequestOptions().setMethod(req.method()).setHost(base.getHost())
                .setPort(base.getPort()).setURI(req.uri()).setTimeout(config.timeout().toMillis());
        client.request(options).onSuccess(creq -> {
            copyHeaders(req.headers(), creq.headers());
            creq.putHeader(FrontDoor.REQUEST_ID, rid);
            creq.putHeader("X-Forwarded-For", caller(ctx).forwardedFor());
            if (req.getHeader("Content-Length") != null) {
                creq.putHeader("Content-Length", req.getHeader("Content-Length"));
            } else if (req.method() == HttpMethod.POST || req.method() == HttpMethod.PUT
                    || req.method() == HttpMethod.PATCH) {
                creq.setChunked(true);
            }
            // a service that answers before the body is all sent (its own 413) closes the connection: the answer is
            // relayed, and the failed upload is no error of the gateway's (unhandled, Vert.x logs it as one)
            creq.exceptionHandler(err -> LOG.debugf("%s call (request %s): %s", target.service(), rid, err));
            creq.response().onSuccess(cresp -> {
                if (unreachable(cresp)) {
                    breakers.failure(target.service(), System.currentTimeMillis());
                } else {
                    breakers.success(target.service());
                }
                relay(cresp, ctx, target.base());
            }).onFailure(err -> failed(ctx, target, rid, err));
            pipeLimited(ctx, creq, max, rid);
        }).onFailure(err -> {
            if (retries > 0 && err instanceof ConnectException) {
                meters.counter("jixiao.gateway.retries", "service", target.service()).increment();
                vertx.setTimer(100, t -> send(ctx, target, rid, max, retries - 1));
            } else {
                failed(ctx, target, rid, err);
            }
        });
    }

    /**
     * Whether an answer counts against the service's breaker: a 502 or 504 from whatever stands in front of it, or a
     * 503 without {@code Retry-After}. A service that answers 503 with {@code Retry-After} (its database is away) is
     * reachable and says when to come back; its answer is passed on, and the breaker would only keep refusing calls
     * for its whole open time after the database returned.
     */
    private static boolean unreachable(HttpClientResponse cresp) {
        int status = cresp.statusCode();
        return status == 502 || status == 504 || status == 503 && cresp.getHeader("Retry-After") == null;
    }

    /**
     * Marks an exchange the caller ended (a body past the limit, a caller that hung up): the upstream call is reset,
     * and its failure is the caller's doing, not the service's, so it must not count against the breaker. Otherwise
     * anyone could shut a route for everyone with five aborted uploads.
     */
    private void callerEnded(RoutingContext ctx, HttpClientRequest creq, String reason) {
        if (ctx.get(CALLER_ENDED) == null) {
            ctx.put(CALLER_ENDED, reason);
            meters.counter("jixiao.gateway.caller.ended", "reason", reason).increment();
        }
        creq.reset();
    }

    /** Streams the body on, with back pressure, stopping with a 413 once it passes {@code max} bytes. */
    private void pipeLimited(RoutingContext ctx, HttpClientRequest creq, long max, String rid) {
        HttpServerRequest req = ctx.request();
        long[] seen = {0};
        req.handler(buf -> {
            seen[0] += buf.length();
            if (seen[0] > max) {
                req.handler(null);
                tooLarge(ctx, max, rid);
                callerEnded(ctx, creq, "too-large");
                return;
            }
            creq.write(buf);
            if (creq.writeQueueFull()) {
                req.pause();
                creq.drainHandler(v -> req.resume());
            }
        });
        req.endHandler(v -> {
            if (seen[0] <= max) {
                creq.end();
            }
        });
        req.exceptionHandler(err -> callerEnded(ctx, creq, "hung-up"));
        req.resume();
    }

    private static void tooLarge(RoutingContext ctx, long max, String rid) {
        ctx.response().putHeader("Connection", "close");
        ProblemWriter.write(ctx.response(), 413, "payload-too-large", "Content Too Large",
                "the body is larger than " + max + " bytes", ctx.request().path(), rid);
    }

    private static long parseLength(String v) {
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    private void relay(HttpClientResponse cresp, RoutingContext ctx, URI base) {
        HttpServerResponse resp = ctx.response();
        if (resp.ended() || resp.headWritten()) {
            cresp.request().reset();
            return;
        }
        resp.setStatusCode(cresp.statusCode());
        copyHeaders(cresp.headers(), resp.headers());
        // a service builds absolute Locations from its own address: callers of the gateway get the path only
        String location = resp.headers().get("Location");
        if (location != null) {
            try {
                URI l = URI.create(location);
                if (l.isAbsolute() && l.getPort() == base.getPort() && l.getHost() != null
                        && (l.getHost().equals(base.getHost()) || l.getHost().equals("localhost"))) {
                    resp.headers().set("Location", l.getRawPath() + (l.getRawQuery() == null
                            ? ""
                            : "?"
                                    + l.getRawQuery()));
                }
            } catch (IllegalArgumentException e) {
                // not a URI: passed on as it is
            }
        }
        if (cresp.getHeader("Content-Length") != null) {
            resp.putHeader("Content-Length", cresp.getHeader("Content-Length"));
        } else {
            resp.setChunked(true);
        }
        stream(cresp, ctx);
    }

    /**
     * The service's answer streamed to the caller with back pressure. Not {@code resp.send(cresp)}: when the caller
     * hangs up in the middle of a large answer, Vert.x's pipe still asks the closed response whether its queue is
     * full, which throws, and every such hang-up logged an ERROR with a stack trace (eclipse-vertx/vert.x#4479). Here
     * a caller that hangs up resets the service's answer, and what is left of it is dropped.
     */
    private void stream(HttpClientResponse cresp, RoutingContext ctx) {
        HttpServerResponse resp = ctx.response();
        resp.closeHandler(v -> {
            if (!resp.ended()) {
                callerEnded(ctx, cresp.request(), "hung-up");
            }
        });
        cresp.handler(buf -> {
            if (resp.closed() || resp.ended()) {
                return;
            }
            resp.write(buf);
            if (resp.writeQueueFull()) {
                cresp.pause();
                resp.drainHandler(v -> cresp.resume());
            }
        });
        cresp.endHandler(v -> {
            if (!resp.closed() && !resp.ended()) {
                resp.end();
            }
        });
        cresp.exceptionHandler(err -> {
            if (!resp.closed() && !resp.ended()) {
                resp.reset(); // the answer broke off midway: the caller must not take a truncated body as whole
            }
        });
    }

    private void failed(RoutingContext ctx, RouteTable.Target target, String rid, Throwable err) {
        if (ctx.get(CALLER_ENDED) != null) {
            // the 413 is written, or nobody is left to answer; a trial call the breaker let through is released
            breakers.abandoned(target.service());
            LOG.debugf("%s call ended by the caller (request %s): %s", target.service(), rid,
                    ctx.<String>get(CALLER_ENDED));
            return;
        }
        boolean timeout = err instanceof java.util.concurrent.TimeoutException
                || String.valueOf(err.getMessage()).contains("timeout");
        breakers.failure(target.service(), System.currentTimeMillis());
        meters.counter("jixiao.gateway.upstream.failures", "service", target.service()).increment();
        LOG.warnf("%s unavailable (request %s): %s", target.service(), rid, err.toString());
        if (timeout) {
            ProblemWriter.write(ctx.response(), 504, "upstream-timeout", "Gateway Timeout",
                    target.service() + "-service did not answer in time", ctx.request().path(), rid);
        } else {
            ProblemWriter.write(ctx.response(), 502, "upstream-unavailable", "Bad Gateway",
                    target.service() + "-service is unavailable", ctx.request().path(), rid);
        }
    }

    private static void copyHeaders(MultiMap from, MultiMap to) {
        from.forEach(e -> {
            if (!HOP_BY_HOP.contains(e.getKey().toLowerCase())) {
                to.add(e.getKey(), e.getValue());
            }
        });
    }
}
