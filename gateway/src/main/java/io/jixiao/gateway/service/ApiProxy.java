package io.jixiao.gateway.service;

import java.net.URI;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.jixiao.gateway.config.GatewayConfig;
import io.jixiao.gateway.domain.RouteTable;
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
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The front door for {@code /api/v1/**}: resolves the service, verifies the bearer token (signature, algorithm,
 * issuer, audience, expiry; the service verifies it again), keeps or creates the correlation id, and streams the
 * request and the response through without buffering them. A service that is down or slow becomes a 502 or 504
 * problem; the gateway itself never fails.
 */
@ApplicationScoped
public class ApiProxy {

    private static final Logger LOG = Logger.getLogger(ApiProxy.class);
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-authenticate",
            "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade", "host", "content-length");

    private final GatewayConfig config;
    private final JWTParser jwt;
    private final MeterRegistry meters;
    private final VerifiedTokens verified = new VerifiedTokens(10_000, 300_000);
    private RouteTable routes;
    private HttpClient client;
    private Vertx vertx;

    public ApiProxy(GatewayConfig config, JWTParser jwt, MeterRegistry meters) {
        this.config = config;
        this.jwt = jwt;
        this.meters = meters;
    }

    void install(@Observes Router router, Vertx vertx) {
        this.vertx = vertx;
        this.routes = new RouteTable(Map.of("indicator", URI.create(config.services().indicator()), "evaluation",
                URI.create(config.services().evaluation()), "survey", URI.create(config.services().survey()),
                "budget", URI.create(config.services().budget())));
        this.client = vertx.createHttpClient(new HttpClientOptions().setMaxPoolSize(64).setKeepAlive(true)
                .setConnectTimeout((int) config.connectTimeout().toMillis()).setIdleTimeout(60));
        router.route("/api/v1/*").order(-10).handler(this::handle);
    }

    void handle(RoutingContext ctx) {
        HttpServerRequest req = ctx.request();
        req.pause();
        String incoming = req.getHeader("X-Request-Id");
        String rid = incoming != null && SAFE_ID.matcher(incoming).matches() ? incoming : UUID.randomUUID().toString();
        HttpServerResponse resp = ctx.response();
        resp.putHeader("X-Request-Id", rid);
        String path = req.path();
        RouteTable.Target target = routes.resolve(path).orElse(null);
        if (target == null) {
            ProblemWriter.write(resp, 404, "not-found", "Not Found", "no API at this path", path, rid);
            return;
        }
        if (target.publicAccess()) {
            forward(ctx, target, rid);
            return;
        }
        String auth = req.getHeader("Authorization");
        if (auth == null || !auth.regionMatches(true, 0, "Bearer ", 0, 7) || auth.length() < 8) {
            ProblemWriter.write(resp, 401, "unauthorized", "Unauthorized", "a bearer token is required", path, rid);
            return;
        }
        String token = auth.substring(7).trim();
        if (verified.isValid(token, System.currentTimeMillis())) {
            forward(ctx, target, rid);
            return;
        }
        vertx.<Boolean>executeBlocking(() -> {
            try {
                var parsed = jwt.parse(token);
                verified.remember(token, parsed.getExpirationTime() * 1000L, System.currentTimeMillis());
                return true;
            } catch (ParseException e) {
                return false;
            }
        }, false).onComplete(ar -> {
            if (ar.succeeded() && Boolean.TRUE.equals(ar.result())) {
                forward(ctx, target, rid);
            } else {
                meters.counter("jixiao.gateway.rejected", "reason", "token").increment();
                ProblemWriter.write(resp, 401, "unauthorized", "Unauthorized",
                        "the bearer token is invalid, expired, or not for this audience", path, rid);
            }
        });
    }

    private void forward(RoutingContext ctx, RouteTable.Target target, String rid) {
        HttpServerRequest req = ctx.request();
        HttpServerResponse resp = ctx.response();
        URI base = target.base();
        RequestOptions options = new RequestOptions().setMethod(req.method()).setHost(base.getHost())
                .setPort(base.getPort()).setURI(req.uri()).setTimeout(config.timeout().toMillis());
        client.request(options).onSuccess(creq -> {
            copyHeaders(req.headers(), creq.headers());
            creq.putHeader("X-Request-Id", rid);
            String forwarded = req.getHeader("X-Forwarded-For");
            String remote = req.remoteAddress() == null ? "unknown" : req.remoteAddress().hostAddress();
            creq.putHeader("X-Forwarded-For", forwarded == null ? remote : forwarded + ", " + remote);
            if (req.getHeader("Content-Length") != null) {
                creq.putHeader("Content-Length", req.getHeader("Content-Length"));
            } else if (req.method().name().matches("POST|PUT|PATCH")) {
                creq.setChunked(true);
            }
            creq.send(req).onSuccess(cresp -> relay(cresp, resp)).onFailure(err -> failed(ctx, target, rid, err));
        }).onFailure(err -> failed(ctx, target, rid, err));
    }

    private static void relay(HttpClientResponse cresp, HttpServerResponse resp) {
        resp.setStatusCode(cresp.statusCode());
        copyHeaders(cresp.headers(), resp.headers());
        if (cresp.getHeader("Content-Length") != null) {
            resp.putHeader("Content-Length", cresp.getHeader("Content-Length"));
        } else {
            resp.setChunked(true);
        }
        resp.send(cresp);
    }

    private void failed(RoutingContext ctx, RouteTable.Target target, String rid, Throwable err) {
        boolean timeout = err instanceof java.util.concurrent.TimeoutException
                || String.valueOf(err.getMessage()).contains("timeout");
        meters.counter("jixiao.gateway.upstream.failures", "service", target.service()).increment();
        LOG.warnf("[rid=%s] %s unavailable: %s", rid, target.service(), err.toString());
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
