package io.jixiao.kit.web;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.jixiao.kit.problem.Problem;
import io.vertx.core.VertxException;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Requests that Vert.x Web refuses before any route runs, so before JAX-RS and its problem mappers: a {@code Host}
 * header that is not a host with an optional port ({@code a:b:c}, {@code x y}, a port past 65535), or a path that does
 * not start with {@code /}. Vert.x fails them with 400, and Quarkus's error handler then answered with a text body
 * reading "500 - Internal Server Error" and logged an ERROR line without a request id: anyone could fill the logs with
 * errors. They are RFC 9457 problems here, logged at debug.
 */
@ApplicationScoped
public class RouterRefusals {

    private static final Logger LOG = Logger.getLogger(RouterRefusals.class);

    private final ObjectMapper json;

    public RouterRefusals(ObjectMapper json) {
        this.json = json;
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).failureHandler(this::refused);
    }

    void refused(RoutingContext ctx) {
        int status = ctx.statusCode();
        if (status < 400 || status >= 500 || ctx.failure() == null || ctx.failure().getClass() != VertxException.class
                || ctx.response().headWritten()) {
            ctx.next();
            return;
        }
        String detail = detail((VertxException) ctx.failure());
        String rid = Correlation.sanitize(ctx.request().getHeader(Correlation.HEADER));
        LOG.debugf("refused by the router (request %s): %s", rid, ctx.failure().getMessage());
        Problem p = new Problem(Problem.TYPE_BASE + "bad-request", "Bad request", status, detail,
                ctx.request().path(), rid, List.of());
        try {
            ctx.response().setStatusCode(status).putHeader("Content-Type", Problem.MEDIA_TYPE)
                    .putHeader(Correlation.HEADER, rid).end(json.writeValueAsString(p));
        } catch (JsonProcessingException impossible) {
            ctx.next();
        }
    }

    /** What the caller is told: the two refusals Vert.x Web makes before routing by name, anything else plainly. */
    static String detail(VertxException e) {
        String m = String.valueOf(e.getMessage());
        if (m.contains("'Host' header") || m.contains(":authority")) {
            return "the Host header is missing or is not a host name with an optional port";
        }
        if (m.contains("path must start with")) {
            return "the request path must start with '/'";
        }
        return "the request is not valid HTTP";
    }
}
