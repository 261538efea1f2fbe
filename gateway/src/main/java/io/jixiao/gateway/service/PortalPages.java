package io.jixiao.gateway.service;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The reference portal at {@code /}: one page, its script and style, and Apache ECharts (from the
 * {@code org.mvnpm:echarts} jar, no Node at build or run time), under the same strict CSP as the survey page.
 */
@ApplicationScoped
public class PortalPages {

    /** Keep in step with {@code echarts.version} in the root pom. */
    static final String ECHARTS = "/META-INF/resources/_static/echarts/5.6.0/dist/echarts.min.js";

    private static final Map<String, String> TYPES = Map.of("portal.js", "text/javascript; charset=utf-8",
            "portal.css", "text/css; charset=utf-8", "echarts.min.js", "text/javascript; charset=utf-8");

    private Buffer page;
    private Map<String, Buffer> assets;

    void install(@Observes Router router) {
        page = PublicPages.resource("/portal/index.html");
        assets = Map.of("portal.js", PublicPages.resource("/portal/portal.js"), "portal.css",
                PublicPages.resource("/portal/portal.css"), "echarts.min.js", PublicPages.resource(ECHARTS));
        router.get("/").handler(this::page);
        router.get("/portal").handler(this::page);
        router.get("/portal/assets/:file").handler(this::asset);
    }

    void page(RoutingContext ctx) {
        PublicPages.secured(ctx.response()).putHeader("Content-Type", "text/html; charset=utf-8")
                .putHeader("Cache-Control", "no-store").end(page);
    }

    void asset(RoutingContext ctx) {
        String file = ctx.pathParam("file");
        Buffer b = assets.get(file);
        if (b == null) {
            ProblemWriter.write(ctx.response(), 404, "not-found", "Not Found", "no such file", ctx.request().path(),
                    ctx.get(FrontDoor.REQUEST_ID));
            return;
        }
        PublicPages.secured(ctx.response()).putHeader("Content-Type", TYPES.get(file))
                .putHeader("Cache-Control", "public, max-age=300").end(b);
    }
}
