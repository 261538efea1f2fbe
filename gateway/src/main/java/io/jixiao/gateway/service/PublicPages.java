package io.jixiao.gateway.service;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The page citizens answer surveys on, at {@code /s/{surveyId}}: one static page and its script and style, served with
 * strict security headers (no third-party code, no framing, no referrer, since the URL may carry an invitation token).
 */
@ApplicationScoped
public class PublicPages {

    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self';"
            + " img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private static final Map<String, String> ASSETS = Map.of("survey.js", "text/javascript; charset=utf-8",
            "survey.css", "text/css; charset=utf-8");

    private Buffer page;
    private Map<String, Buffer> assets;

    void install(@Observes Router router) {
        page = load("survey.html");
        assets = Map.of("survey.js", load("survey.js"), "survey.css", load("survey.css"));
        router.get("/s/assets/:file").handler(this::asset);
        router.get("/s/:id").handler(this::surveyPage);
    }

    void surveyPage(RoutingContext ctx) {
        HttpServerResponse r = secured(ctx.response());
        r.putHeader("Content-Type", "text/html; charset=utf-8").putHeader("Cache-Control", "no-store").end(page);
    }

    void asset(RoutingContext ctx) {
        String file = ctx.pathParam("file");
        Buffer b = assets.get(file);
        if (b == null) {
            ProblemWriter.write(ctx.response(), 404, "not-found", "Not Found", "no such file", ctx.request().path(),
                    null);
            return;
        }
        secured(ctx.response()).putHeader("Content-Type", ASSETS.get(file))
                .putHeader("Cache-Control", "public, max-age=300").end(b);
    }

    static HttpServerResponse secured(HttpServerResponse r) {
        return r.putHeader("Content-Security-Policy", CSP).putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("Referrer-Policy", "no-referrer").putHeader("X-Frame-Options", "DENY")
                .putHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
    }

    private static Buffer load(String name) {
        return resource("/public-pages/" + name);
    }

    /** A classpath resource read once at start; a missing one stops the start rather than a page. */
    static Buffer resource(String path) {
        try (InputStream in = PublicPages.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + path);
            }
            return Buffer.buffer(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
