package io.jixiao.gateway.service;

import java.net.URI;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.jixiao.gateway.config.GatewayConfig;
import io.vertx.core.json.JsonObject;

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
            "portal.css", "text/css; charset=utf-8", "authorize.css", "text/css; charset=utf-8", "echarts.min.js",
            "text/javascript; charset=utf-8");

    private final GatewayConfig config;
    private final DemoTokenIssuer demo;
    private final String issuer;
    private Buffer page;
    private Map<String, Buffer> assets;
    private Buffer signIn;
    private String csp;

    public PortalPages(GatewayConfig config, DemoTokenIssuer demo,
            @ConfigProperty(name = "mp.jwt.verify.issuer") String issuer) {
        this.config = config;
        this.demo = demo;
        this.issuer = issuer;
    }

    /**
     * Where the portal signs in: the configured provider, else the demo issuer at {@code /auth} when it is on, else
     * the issuer the tokens are verified against.
     */
    String authority() {
        return config.portal().authority().orElse(demo.enabled() ? "/auth" : issuer).replaceAll("/+$", "");
    }

    void install(@Observes Router router) {
        String authority = authority();
        signIn = Buffer.buffer(new JsonObject().put("authority", authority)
                .put("clientId", config.portal().clientId()).put("scope", config.portal().scope()).encode());
        // the portal fetches the provider's metadata and exchanges its code there: a provider elsewhere is let in
        csp = authority.startsWith("http")
                ? PublicPages.CSP.replace("connect-src 'self'", "connect-src 'self' "
                        + URI.create(authority).resolve("/").toString().replaceAll("/$", ""))
                : PublicPages.CSP;
        page = PublicPages.resource("/portal/index.html");
        assets = Map.of("portal.js", PublicPages.resource("/portal/portal.js"), "portal.css",
                PublicPages.resource("/portal/portal.css"), "authorize.css",
                PublicPages.resource("/portal/authorize.css"),
                "echarts.min.js", PublicPages.resource(ECHARTS));
        router.get("/").handler(this::page);
        router.get("/portal").handler(this::page);
        router.get("/portal/assets/:file").handler(this::asset);
        router.get("/portal/sign-in.json").handler(this::signIn);
    }

    void page(RoutingContext ctx) {
        PublicPages.secured(ctx.response()).putHeader("Content-Security-Policy", csp)
                .putHeader("Content-Type", "text/html; charset=utf-8")
                .putHeader("Cache-Control", "no-store").end(page);
    }

    /** How the portal signs in: the provider's issuer URL (its metadata below it), client id and scope. */
    void signIn(RoutingContext ctx) {
        PublicPages.secured(ctx.response()).putHeader("Content-Type", "application/json")
                .putHeader("Cache-Control", "no-store").end(signIn);
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
