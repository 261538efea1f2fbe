package io.jixiao.kit.idempotency;

import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URI;
import java.util.regex.Pattern;

import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.jixiao.kit.problem.ProblemException.InvalidInputException;
import io.jixiao.kit.problem.ProblemException.RuleViolationException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.HttpServerRequest;

/**
 * Runs an {@link Idempotent} resource method sent with an {@code Idempotency-Key} in one transaction with the lookup
 * and the storing of its answer. The services' own {@code @Transactional} methods join that transaction, so the
 * effect and the stored answer commit together: a retry after a lost answer, a crash or a timeout either finds both
 * or neither.
 *
 * <p>
 * The request is identified by the method, path, query and the method's parameters as JSON (the body as the
 * resource read it; a file read as bytes by its SHA-256), hashed with SHA-256. Keys are per caller (the token's principal). A refused request (a 4xx
 * problem) rolls back and stores nothing, so it may be corrected and sent again with the same key. A replayed
 * answer carries {@code Idempotent-Replayed: true} where the method answers with a {@link Response}. Stored answers
 * are deleted after {@code jixiao.idempotency.retention} (the kit's {@code Housekeeping}).
 */
@Idempotent
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 100) // outside @Transactional (PLATFORM_BEFORE + 200)
public class IdempotentInterceptor {

    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED = "Idempotent-Replayed";
    /** For the OpenAPI {@code @Parameter} of each idempotent operation. */
    public static final String DESCRIPTION = "Optional. Send the same key with the same request again (after a"
            + " timeout or a lost answer) to get the first answer back, marked Idempotent-Replayed, with nothing"
            + " written twice; the same key with another request is refused (422). Keys are per caller, and"
            + " remembered for 7 days: after that the same key counts as a new request.";
    public static final String PATTERN = "^[A-Za-z0-9._:-]{1,128}$";
    private static final Pattern KEY = Pattern.compile(PATTERN);

    private final HttpServerRequest request;
    private final SecurityIdentity identity;
    private final IdempotencyStore store;
    private final ObjectMapper mapper;

    public IdempotentInterceptor(HttpServerRequest request, SecurityIdentity identity, IdempotencyStore store,
            ObjectMapper mapper) {
        this.request = request;
        this.identity = identity;
        this.store = store;
        this.mapper = mapper;
    }

    /** Refuses a missing or malformed key as bad input naming the header (for an endpoint that requires one). */
    public static void requireKey(String key) {
        if (key == null || !KEY.matcher(key).matches()) {
            throw new InvalidInputException(HEADER, (key == null ? "required: " : "")
                    + "1 to 128 letters, digits or . _ : - (a UUID will do)");
        }
    }

    @AroundInvoke
    Object around(InvocationContext ctx) throws Exception {
        String key = request.getHeader(HEADER);
        if (key == null || identity.isAnonymous()) {
            return ctx.proceed(); // keys are per caller: an anonymous one would share them with every other
        }
        requireKey(key);
        String caller = identity.getPrincipal().getName();
        String hash = IdempotencyStore.sha256(request.method() + " " + request.path() + "?" + request.query() + "\n"
                + mapper.writeValueAsString(fingerprints(ctx.getParameters())));
        return QuarkusTransaction.joiningExisting().call(() -> {
            var stored = store.find(caller, key);
            if (stored.isPresent()) {
                if (!stored.get().requestHash().equals(hash)) {
                    throw new RuleViolationException(HEADER, "this Idempotency-Key was used with another request;"
                            + " use a new key for a new request");
                }
                return replay(stored.get().response(), ctx.getMethod());
            }
            Object answer = ctx.proceed();
            store.save(caller, key, hash, record(answer));
            return answer;
        });
    }

    /** The parameters as they are hashed: a file's bytes by their own SHA-256, not copied into the JSON as base64. */
    private static Object[] fingerprints(Object[] parameters) {
        Object[] out = parameters.clone();
        for (int i = 0; i < out.length; i++) {
            if (out[i] instanceof byte[] bytes) {
                out[i] = "sha256:" + IdempotencyStore.sha256(bytes);
            }
        }
        return out;
    }

    private String record(Object answer) throws JsonProcessingException {
        ObjectNode r = mapper.createObjectNode();
        if (answer instanceof Response response) {
            r.put("status", response.getStatus());
            if (response.getLocation() != null) {
                r.put("location", response.getLocation().toString());
            }
            r.put("body", mapper.writeValueAsString(response.getEntity()));
        } else {
            r.put("status", answer == null ? 204 : 200);
            r.put("body", mapper.writeValueAsString(answer));
        }
        return mapper.writeValueAsString(r);
    }

    private Object replay(String recorded, Method method) throws IOException {
        JsonNode r = mapper.readTree(recorded);
        String body = r.path("body").asText("null");
        if (Response.class.isAssignableFrom(method.getReturnType())) {
            Response.ResponseBuilder b = Response.status(r.get("status").asInt()).header(REPLAYED, "true");
            if (r.hasNonNull("location")) {
                b.location(URI.create(r.get("location").asText()));
            }
            if (!"null".equals(body)) {
                b.entity(body).type(MediaType.APPLICATION_JSON_TYPE);
            }
            return b.build();
        }
        if (method.getReturnType() == void.class) {
            return null;
        }
        return mapper.readerFor(mapper.constructType(method.getGenericReturnType())).readValue(body);
    }
}
