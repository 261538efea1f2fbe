package io.jixiao.kit.problem;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

import jakarta.inject.Inject;
import jakarta.persistence.OptimisticLockException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.hibernate.StaleStateException;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import io.jixiao.kit.sql.DatabaseOutage;
import io.jixiao.kit.web.BoundedNumbers;
import io.jixiao.kit.web.Correlation;
import io.jixiao.kit.web.NoNulText;
import io.jixiao.webkit.ResourceMethods;
import io.quarkus.security.AuthenticationCompletionException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

/**
 * Every error becomes an RFC 9457 problem response. Bad input is 4xx and names the field; nothing unexpected leaks a
 * class name or a stack trace (it is logged with the request id, and the client gets that id).
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @Inject
    ResourceMethods resourceMethods;

    /** What a request that met a database outage is told to wait (a restart takes seconds). */
    static final long DATABASE_RETRY_SECONDS = 5;

    @ServerExceptionMapper
    public Response domain(ProblemException e, UriInfo uri) {
        Response r = respond(e.status(), e.slug(), e.title(), e.getMessage(), uri, e.violations());
        if (e instanceof ProblemException.RetryLaterException later) {
            return Response.fromResponse(r).header(HttpHeaders.RETRY_AFTER, later.retryAfterSeconds()).build();
        }
        return r;
    }

    @ServerExceptionMapper
    public Response validation(ConstraintViolationException e, UriInfo uri) {
        List<Problem.Violation> violations = new ArrayList<>();
        for (ConstraintViolation<?> v : e.getConstraintViolations()) {
            violations.add(new Problem.Violation(fieldOf(v), v.getMessage()));
        }
        violations.sort(Comparator.comparing(Problem.Violation::field));
        return respond(400, "validation", "Invalid input", violations.size() + " field(s) invalid", uri, violations);
    }

    @ServerExceptionMapper
    public Response malformed(JsonParseException e, UriInfo uri) {
        return respond(400, "malformed-json", "Malformed JSON",
                "the body is not valid JSON (line " + e.getLocation().getLineNr() + ", column "
                        + e.getLocation().getColumnNr() + ")",
                uri, List.of());
    }

    /**
     * A body past one of the JSON reader's limits (nesting, a number's length, a string's length): said in words, with
     * the limit, instead of a bare "Bad Request".
     */
    @ServerExceptionMapper
    public Response pastLimit(StreamConstraintsException e, UriInfo uri) {
        StreamReadConstraints limits = StreamReadConstraints.defaults();
        String m = String.valueOf(e.getMessage());
        String detail;
        if (m.contains("nesting depth")) {
            detail = "the body nests deeper than " + limits.getMaxNestingDepth() + " levels";
        } else if (m.contains("Number value length")) {
            detail = "a number in the body is longer than " + limits.getMaxNumberLength() + " characters";
        } else if (m.contains("String value length") || m.contains("Name length")) {
            detail = "a string in the body is longer than " + limits.getMaxStringLength() + " characters";
        } else {
            detail = "the body is past a limit of the JSON reader";
        }
        return respond(400, "malformed-json", "JSON past a limit", detail, uri, List.of());
    }

    /** Named explicitly: quarkus-rest-jackson has built-in mappers for these two that answer plain JSON. */
    @ServerExceptionMapper({InvalidFormatException.class, MismatchedInputException.class})
    public Response mismatch(JsonMappingException e, UriInfo uri) {
        return mapping(e, uri);
    }

    @ServerExceptionMapper
    public Response mapping(JsonMappingException e, UriInfo uri) {
        String field = pathOf(e);
        String message = mismatch(e);
        return respond(400, "validation", "Invalid input", (field.isEmpty() ? "body" : field) + " " + message, uri,
                List.of(new Problem.Violation(field.isEmpty() ? "body" : field, message)));
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class,
            AuthenticationCompletionException.class})
    public Response unauthorized(RuntimeException e, UriInfo uri) {
        Response r = respond(401, "unauthorized", "Unauthorized", "a valid bearer token is required", uri, List.of());
        return Response.fromResponse(r).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return respond(403, "forbidden", "Forbidden", "your role may not do this", uri, List.of());
    }

    @ServerExceptionMapper({OptimisticLockException.class, StaleStateException.class})
    public Response stale(RuntimeException e, UriInfo uri) {
        return respond(409, "conflict", "Conflict", "the resource was changed concurrently; reload and retry", uri,
                List.of());
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri, Request request) {
        if (e.getCause() instanceof ProblemException p) { // a parameter the kit's converters refused (QueryParams)
            return domain(p, uri);
        }
        Response json = fromJsonCause(e, uri);
        if (json != null) {
            return json;
        }
        int status = e.getResponse().getStatus();
        if (status == 404 || status == 405) {
            Set<String> allowed = resourceMethods.refusing(uri.getRequestUri().getRawPath(), request.getMethod());
            if (!allowed.isEmpty()) {
                String methods = ResourceMethods.header(allowed);
                return Response.fromResponse(respond(405, slug(405), "Method Not Allowed",
                        "this resource answers " + methods, uri, List.of()))
                        .header(HttpHeaders.ALLOW, methods).build();
            }
        }
        if (status >= 500) {
            LOG.error("server error", e);
        }
        Response.Status s = Response.Status.fromStatusCode(status);
        String title = s == null ? "Error" : s.getReasonPhrase();
        String detail = switch (status) {
            case 404 -> "no resource at this path";
            case 405 -> "method not allowed on this resource";
            case 406 -> "cannot produce the requested media type";
            case 415 -> "unsupported media type: send application/json";
            default -> status >= 500 ? "the server could not handle the request" : title;
        };
        return respond(status, slug(status), title, detail, uri, List.of());
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri) {
        Response json = fromJsonCause(e, uri);
        if (json != null) {
            return json;
        }
        if (staleAtCommit(e)) {
            return stale(e instanceof RuntimeException r ? r : new RuntimeException(e), uri);
        }
        Response concurrent = fromConcurrentWrite(e, uri);
        if (concurrent != null) {
            return concurrent;
        }
        if (DatabaseOutage.causes(e)) {
            LOG.warnf("the database cannot be reached on %s: %s", uri == null ? "?" : uri.getPath(), e.toString());
            return domain(new ProblemException.UnavailableException(
                    "the database cannot be reached just now; try again in a few seconds", DATABASE_RETRY_SECONDS),
                    uri);
        }
        if (badEncoding(e)) {
            return respond(400, "malformed-request", "Bad request", "the form or URL is not valid percent-encoding",
                    uri, List.of());
        }
        LOG.errorf(e, "unexpected error on %s", uri == null ? "?" : uri.getPath());
        return respond(500, "internal", "Internal error",
                "the server could not handle the request; quote the request id when reporting it", uri, List.of());
    }

    /**
     * A version check that failed when the transaction flushed at commit: the interceptor's commit wraps it (a
     * {@code RollbackException} inside Arc's undeclared-throwable wrapper), so {@link #stale} does not see it. Two
     * admins opening the same cycle at once, or voiding the same review: the later one changed nothing.
     */
    static boolean staleAtCommit(Throwable e) {
        for (Throwable c = e; c != null && c != c.getCause(); c = c.getCause()) {
            if (c instanceof OptimisticLockException || c instanceof StaleStateException) {
                return true;
            }
        }
        return false;
    }

    /**
     * A unique key, a serialization failure or a deadlock met by two concurrent requests: the database refused the
     * later one and nothing was written, so it is a 409 the client may retry, not a server error.
     */
    private Response fromConcurrentWrite(Throwable e, UriInfo uri) {
        for (Throwable c = e; c != null && c != c.getCause(); c = c.getCause()) {
            if (c instanceof java.sql.SQLException sql && sql.getSQLState() != null) {
                String detail = switch (sql.getSQLState()) {
                    case "23505" -> "a concurrent request wrote the same record first; nothing was written, retry";
                    case "40001", "40P01" -> "a concurrent update got in the way; nothing was written, retry";
                    default -> null;
                };
                if (detail != null) {
                    LOG.infof("concurrent write refused on %s: %s", uri == null ? "?" : uri.getPath(),
                            sql.getMessage());
                    return respond(409, "conflict", "Conflict", detail, uri, List.of());
                }
            }
        }
        return null;
    }

    /** Jackson errors arrive wrapped (in a 400 or a processing exception): find them in the cause chain. */
    private Response fromJsonCause(Throwable e, UriInfo uri) {
        for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            if (c instanceof StreamConstraintsException sce) {
                return pastLimit(sce, uri);
            }
            if (c instanceof JsonParseException jpe) {
                return malformed(jpe, uri);
            }
            if (c instanceof JsonMappingException jme) {
                return mapping(jme, uri);
            }
        }
        return null;
    }

    public static Response respond(int status, String slug, String title, String detail, UriInfo uri,
            List<Problem.Violation> violations) {
        Object rid = MDC.get(Correlation.MDC_KEY);
        Problem p = new Problem(Problem.TYPE_BASE + slug, title, status, detail,
                uri == null ? null : uri.getRequestUri().getRawPath(), rid == null ? null : rid.toString(),
                violations);
        return Response.status(status).type(Problem.MEDIA_TYPE).entity(p).build();
    }

    private static String slug(int status) {
        return switch (status) {
            case 400 -> "bad-request";
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 409 -> "conflict";
            case 413 -> "payload-too-large";
            case 415 -> "unsupported-media-type";
            default -> "http-" + status;
        };
    }

    /**
     * {@code create.request.criteria[0].score} → {@code criteria[0].score}: the field as the client wrote it. A query,
     * path or header parameter is named as on the wire ({@code basedOnYear}, {@code Idempotency-Key}), not as the Java
     * parameter that holds it.
     */
    private static String fieldOf(ConstraintViolation<?> v) {
        StringBuilder sb = new StringBuilder();
        String param = null;
        Path.MethodNode method = null;
        for (Path.Node n : v.getPropertyPath()) {
            switch (n.getKind()) {
                case METHOD -> {
                    method = n.as(Path.MethodNode.class);
                    continue;
                }
                case CROSS_PARAMETER, RETURN_VALUE -> {
                    continue;
                }
                case PARAMETER -> {
                    param = wireName(v.getRootBeanClass(), method, n.as(Path.ParameterNode.class));
                    continue;
                }
                default -> {
                }
            }
            if (n.isInIterable() && sb.length() > 0) {
                sb.append('[').append(n.getIndex() != null ? n.getIndex() : n.getKey()).append(']');
            }
            if (n.getKind() == ElementKind.CONTAINER_ELEMENT || n.getName() == null) {
                continue;
            }
            if (sb.length() > 0) {
                sb.append('.');
            }
            sb.append(n.getName());
        }
        if (sb.length() == 0) {
            return param == null ? "body" : param;
        }
        return sb.toString();
    }

    /** The name a JAX-RS annotation gives a method parameter, else its Java name. */
    private static String wireName(Class<?> resource, Path.MethodNode method, Path.ParameterNode param) {
        if (method != null && resource != null) {
            for (Class<?> c = resource; c != null && c != Object.class; c = c.getSuperclass()) {
                try {
                    Method m = c.getDeclaredMethod(method.getName(),
                            method.getParameterTypes().toArray(Class<?>[]::new));
                    for (java.lang.annotation.Annotation a : m.getParameterAnnotations()[param.getParameterIndex()]) {
                        String name = a instanceof QueryParam q
                                ? q.value()
                                : a instanceof PathParam pp
                                        ? pp.value()
                                        : a instanceof HeaderParam h
                                                ? h.value()
                                                : a instanceof FormParam f ? f.value() : null;
                        if (name != null) {
                            return name;
                        }
                    }
                } catch (NoSuchMethodException e) {
                    // declared further up
                }
                // an interceptor's generated subclass overrides the method without its annotations: go on up
            }
        }
        return param.getName();
    }

    /**
     * The REST layer's own decoding of a form body or URL failed: the client's encoding, not our fault. (The gateway,
     * which does not use this kit, has the same rule in GatewayProblems.)
     */
    private static boolean badEncoding(Throwable e) {
        return e instanceof IllegalArgumentException && e.getStackTrace().length > 0
                && e.getStackTrace()[0].getClassName().endsWith(".URLUtils");
    }

    /** What is wrong with a value that did not map, in words for the client. */
    private static String mismatch(JsonMappingException e) {
        if (e instanceof NoNulText.NulInTextException) {
            return NoNulText.MESSAGE;
        }
        if (e instanceof BoundedNumbers.UnboundedNumberException) {
            return BoundedNumbers.MESSAGE;
        }
        if (e instanceof UnrecognizedPropertyException u) {
            return "is not a property of this request; it takes " + u.getKnownPropertyIds().stream()
                    .map(String::valueOf).sorted().toList();
        }
        if (e instanceof InvalidFormatException ife && ife.getTargetType() != null) {
            return ife.getTargetType().isEnum()
                    ? "must be one of " + java.util.Arrays.toString(ife.getTargetType().getEnumConstants())
                    : "must be a " + typeName(ife.getTargetType());
        }
        return "has the wrong type or shape";
    }

    private static String pathOf(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    private static String typeName(Class<?> t) {
        if (t == Integer.class || t == int.class || t == Long.class || t == long.class || t == Short.class
                || t == short.class || t == java.math.BigInteger.class) {
            return "whole number";
        }
        if (Number.class.isAssignableFrom(t) || t.isPrimitive() && t != boolean.class) {
            return "number";
        }
        if (t == Boolean.class || t == boolean.class) {
            return "boolean";
        }
        if (t.getName().startsWith("java.time")) {
            return "ISO-8601 " + t.getSimpleName();
        }
        return t.getSimpleName();
    }
}
