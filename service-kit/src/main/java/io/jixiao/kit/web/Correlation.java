package io.jixiao.kit.web;

import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;

import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * The correlation id: {@code X-Request-Id} kept when it is a safe token, otherwise replaced with a new one (no header
 * injection into logs). It is in the MDC of every log line, in problem responses, and in the events the request causes.
 */
public class Correlation {

    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "requestId";
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    public static String sanitize(String incoming) {
        return incoming != null && SAFE.matcher(incoming).matches() ? incoming : UUID.randomUUID().toString();
    }

    /** First of all request filters, so that a refusal by any other (a NUL in the query, an encoded body) has it. */
    @ServerRequestFilter(preMatching = true, priority = Priorities.AUTHENTICATION - 900)
    public void in(ContainerRequestContext ctx) {
        String id = sanitize(ctx.getHeaderString(HEADER));
        ctx.setProperty(MDC_KEY, id);
        MDC.put(MDC_KEY, id);
    }

    @ServerResponseFilter
    public void out(ContainerRequestContext req, ContainerResponseContext res) {
        Object id = req.getProperty(MDC_KEY);
        if (id != null) {
            res.getHeaders().putSingle(HEADER, id.toString());
        }
    }
}
