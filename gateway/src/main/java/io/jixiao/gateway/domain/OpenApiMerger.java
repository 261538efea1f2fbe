package io.jixiao.gateway.domain;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * One OpenAPI document from the services' own: their {@code /api/v1} paths, their schemas (a name two services use for
 * different shapes is prefixed with the service's name and its references rewritten), tags, the bearer scheme, and the
 * RFC 9457 problem schema as every operation's error answer. Sorted, so the document (and the TypeScript types made
 * from it) only changes when an API does. Plain Java over Jackson trees.
 */
public final class OpenApiMerger {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final String REF = "#/components/schemas/";
    private static final String UNAVAILABLE = "#/components/responses/Unavailable";
    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "options", "head", "patch",
            "trace");

    private OpenApiMerger() {
    }

    /** The merged document; {@code docs} maps a service's name to its document (absent when it did not answer). */
    public static ObjectNode merge(Map<String, JsonNode> docs, List<String> missing) {
        Map<String, JsonNode> paths = new TreeMap<>();
        Map<String, JsonNode> schemas = new TreeMap<>();
        Map<String, JsonNode> tags = new TreeMap<>();
        Map<String, String> owner = new HashMap<>();
        String version = "3.0.3";
        for (Map.Entry<String, JsonNode> e : docs.entrySet()) {
            String service = e.getKey();
            JsonNode doc = e.getValue().deepCopy();
            version = doc.path("openapi").asText(version);
            Map<String, String> renamed = new HashMap<>();
            Set<String> own = new TreeSet<>();
            doc.path("components").path("schemas").fieldNames().forEachRemaining(own::add);
            doc.path("components").path("schemas").fields().forEachRemaining(s -> {
                JsonNode known = schemas.get(s.getKey());
                if (known != null && !known.equals(s.getValue())) {
                    // a new name that no schema has, of this service or of those merged before it
                    String to = prefix(service) + s.getKey();
                    for (int n = 2; own.contains(to) || schemas.containsKey(to) || renamed.containsValue(to); n++) {
                        to = prefix(service) + s.getKey() + n;
                    }
                    renamed.put(s.getKey(), to);
                }
            });
            rewriteRefs(doc, renamed);
            doc.path("components").path("schemas").fields().forEachRemaining(s -> {
                String name = renamed.getOrDefault(s.getKey(), s.getKey());
                schemas.putIfAbsent(name, s.getValue());
                owner.putIfAbsent(name, service);
            });
            doc.path("paths").fields().forEachRemaining(p -> {
                if (!p.getKey().startsWith("/api/v1/") && !p.getKey().startsWith("/auth/")) {
                    return;
                }
                ObjectNode into = (ObjectNode) paths.computeIfAbsent(p.getKey(), k -> F.objectNode());
                p.getValue().fields().forEachRemaining(m -> {
                    if (!into.has(m.getKey())) {
                        into.set(m.getKey(), m.getValue());
                    }
                });
            });
            for (JsonNode t : doc.path("tags")) {
                tags.putIfAbsent(t.path("name").asText(), t);
            }
        }
        schemas.put("Problem", problemSchema());
        ObjectNode out = F.objectNode();
        out.put("openapi", version);
        ObjectNode info = out.putObject("info");
        info.put("title", "Jixiao API");
        info.put("version", "v1");
        info.put("description", "Performance management for city and county governments: indicators and scorecards, "
                + "360-degree evaluation, public satisfaction and 好差评, budgets that follow performance. One origin; "
                + "every error is an RFC 9457 problem (application/problem+json).");
        if (!missing.isEmpty()) {
            ArrayNode m = info.putArray("x-jixiao-missing");
            missing.forEach(m::add);
        }
        out.putArray("servers").addObject().put("url", "/");
        ArrayNode tagArray = out.putArray("tags");
        tags.values().forEach(tagArray::add);
        ObjectNode pathsNode = out.putObject("paths");
        paths.forEach((k, v) -> pathsNode.set(k, withProblems(withSecurity(sortedMethods(v)))));
        ObjectNode components = out.putObject("components");
        ObjectNode schemaNode = components.putObject("schemas");
        schemas.forEach(schemaNode::set);
        components.putObject("responses").set("Unavailable", unavailableResponse());
        ObjectNode bearer = components.putObject("securitySchemes").putObject("bearer");
        bearer.put("type", "http");
        bearer.put("scheme", "bearer");
        bearer.put("bearerFormat", "JWT");
        out.putArray("security").addObject().putArray("bearer");
        Set<String> used = new TreeSet<>();
        reach(pathsNode, schemaNode, used);
        schemaNode.retain(used); // a schema no operation reaches (the gateway's own document's ObjectNode) is noise
        Set<String> answers = answerSchemas(pathsNode, schemaNode);
        schemaNode.fields().forEachRemaining(e -> {
            if (answers.contains(e.getKey())) {
                answer(e.getValue());
            } else {
                nullableUnlessRequired(e.getValue());
            }
        });
        pathsNode.elements().forEachRemaining(item -> item.elements().forEachRemaining(op -> {
            op.path("requestBody").path("content").elements().forEachRemaining(media -> nullableUnlessRequired(
                    media.path("schema")));
            op.path("responses").elements().forEachRemaining(r -> r.path("content").elements().forEachRemaining(
                    media -> answer(media.path("schema"))));
        }));
        return out;
    }

    /**
     * The schemas that only answers use: those the responses reach, through any number of references, and no request
     * body does. The problem schema is not one: it leaves out what a problem does not have.
     */
    static Set<String> answerSchemas(JsonNode paths, JsonNode schemas) {
        Set<String> requests = new TreeSet<>();
        Set<String> answers = new TreeSet<>();
        paths.elements().forEachRemaining(item -> item.elements().forEachRemaining(op -> {
            reach(op.path("requestBody"), schemas, requests);
            reach(op.path("responses"), schemas, answers);
        }));
        answers.removeAll(requests);
        answers.remove("Problem");
        return answers;
    }

    private static void reach(JsonNode node, JsonNode schemas, Set<String> seen) {
        if (node.isObject() && node.path("$ref").asText().startsWith(REF)) {
            String name = node.path("$ref").asText().substring(REF.length());
            if (seen.add(name)) {
                reach(schemas.path(name), schemas, seen);
            }
        }
        node.elements().forEachRemaining(child -> reach(child, schemas, seen));
    }

    /**
     * An answer's object has every property it declares, always: the services write a record's every component, null
     * included. So each property is required, and may be null only where the service says so ({@code @Schema(nullable
     * = true)}, which the kit's {@code DeclaredNulls} holds the services to). A map's values may be null (a dimension
     * not scored). The TypeScript types then say {@code rank: number} and {@code nameEn: string | null}.
     */
    static void answer(JsonNode schema) {
        if (!(schema instanceof ObjectNode s)) {
            return;
        }
        if (s.path("properties") instanceof ObjectNode properties && !properties.isEmpty()) {
            ArrayNode required = s.putArray("required");
            List<String> names = new ArrayList<>();
            properties.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                required.add(name);
                JsonNode p = properties.get(name);
                answer(p);
                if (p instanceof ObjectNode o && declaresNull(o)) {
                    properties.set(name, nullable(o)); // what the service wrote, with null in an enumeration too
                }
            }
        }
        answer(s.path("items"));
        answer(s.path("additionalProperties"));
        if (s.path("additionalProperties") instanceof ObjectNode values && !values.isEmpty()) {
            s.set("additionalProperties", nullable(values));
        }
        for (String list : List.of("allOf", "anyOf", "oneOf")) {
            s.path(list).forEach(OpenApiMerger::answer);
        }
    }

    private static boolean declaresNull(ObjectNode p) {
        JsonNode type = p.path("type");
        return type.asText().equals("null") || type instanceof ArrayNode types && has(types, F.textNode("null"))
                || p.path("anyOf") instanceof ArrayNode any && has(any, F.objectNode().put("type", "null"));
    }

    /**
     * A property that its object does not list as required may be null, and the services write null for a value they
     * do not have (a subject's English name, a cycle's close time before it closes): the document says so, as OpenAPI
     * 3.1 does, with "null" among the property's types, or, for a reference, as one of {the referenced schema, null}.
     * So may a map's value. For the services' requests, null and absent mean the same. Without this, every such answer broke its own
     * document, and the TypeScript types made from it promised a string where null comes.
     */
    static void nullableUnlessRequired(JsonNode schema) {
        if (!(schema instanceof ObjectNode s)) {
            return;
        }
        Set<String> required = new TreeSet<>();
        s.path("required").forEach(r -> required.add(r.asText()));
        if (s.path("properties") instanceof ObjectNode properties) {
            List<String> names = new ArrayList<>();
            properties.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                JsonNode p = properties.get(name);
                nullableUnlessRequired(p);
                if (!required.contains(name) && p instanceof ObjectNode o) {
                    properties.set(name, nullable(o));
                }
            }
        }
        nullableUnlessRequired(s.path("items"));
        nullableUnlessRequired(s.path("additionalProperties"));
        if (s.path("additionalProperties") instanceof ObjectNode values && !values.isEmpty()) {
            s.set("additionalProperties", nullable(values)); // a map's value may be null too (a dimension not scored)
        }
        for (String list : List.of("allOf", "anyOf", "oneOf")) {
            s.path(list).forEach(OpenApiMerger::nullableUnlessRequired);
        }
    }

    private static boolean has(ArrayNode list, JsonNode value) {
        for (JsonNode e : list) {
            if (e.equals(value)) {
                return true;
            }
        }
        return false;
    }

    private static ObjectNode nullable(ObjectNode p) {
        JsonNode type = p.get("type");
        if (type != null && type.isTextual()) {
            if (!type.asText().equals("null")) {
                p.putArray("type").add(type.asText()).add("null");
            }
        } else if (type instanceof ArrayNode types) {
            if (!has(types, F.textNode("null"))) {
                types.add("null");
            }
        } else if (p.has("$ref") || p.has("allOf")) {
            ObjectNode wrapper = F.objectNode();
            JsonNode description = p.remove("description");
            if (description != null) {
                wrapper.set("description", description);
            }
            wrapper.putArray("anyOf").add(p).addObject().put("type", "null");
            return wrapper;
        } else if (p.path("anyOf") instanceof ArrayNode any && !has(any, F.objectNode().put("type", "null"))) {
            any.addObject().put("type", "null");
            return p;
        } else {
            return p; // any value at all
        }
        if (p.path("enum") instanceof ArrayNode values && !has(values, F.nullNode())) {
            values.addNull(); // a value outside the enumeration breaks the schema whatever the types say
        }
        return p;
    }

    /**
     * Sets recorded answers as the examples of the document's JSON responses. {@code examples} maps "GET
     * /api/v1/cycles/{id}" to a status to a body (see system-test's {@code Answers}, which records them from the
     * suite's real answers and checks them against the document). A recorded answer of an operation or status the
     * document does not have is left out.
     */
    public static ObjectNode withExamples(ObjectNode doc, JsonNode examples) {
        withProblemExamples(doc, examples.path("problems"));
        examples.fields().forEachRemaining(op -> {
            String[] name = op.getKey().split(" ", 2);
            if (name.length < 2) {
                return;
            }
            JsonNode responses = doc.path("paths").path(name[1]).path(name[0].toLowerCase()).path("responses");
            op.getValue().fields().forEachRemaining(status -> {
                if (responses.path(status.getKey()).path("content")
                        .path("application/json") instanceof ObjectNode media) {
                    ObjectNode recorded = media.putObject("examples").putObject("recorded");
                    recorded.put("summary", "An answer the system tests received");
                    recorded.set("value", status.getValue());
                }
            });
        });
        return doc;
    }

    /**
     * Recorded refusals, one per status ({@code "problems"} in the examples: "400" to a problem body), become the
     * document's {@code components.examples} ("Problem400"...). Each operation's 4XX answer refers to all of them, and
     * an answer declared with its own 4xx status to the one of that status.
     */
    private static void withProblemExamples(ObjectNode doc, JsonNode problems) {
        if (!(problems instanceof ObjectNode byStatus) || byStatus.isEmpty()) {
            return;
        }
        ObjectNode shared = doc.withObjectProperty("components").withObjectProperty("examples");
        List<String> statuses = new ArrayList<>();
        byStatus.fields().forEachRemaining(p -> {
            ObjectNode example = shared.putObject("Problem" + p.getKey());
            example.put("summary", "A " + p.getKey() + " the system tests received");
            example.set("value", p.getValue());
            statuses.add(p.getKey());
        });
        statuses.sort(null);
        doc.path("paths").forEach(item -> METHODS.forEach(m -> item.path(m).path("responses").fields()
                .forEachRemaining(answer -> {
                    List<String> these = answer.getKey().equals("4XX")
                            ? statuses.stream().filter(x -> x.startsWith("4")).toList()
                            : statuses.contains(answer.getKey()) ? List.of(answer.getKey()) : List.of();
                    if (!these.isEmpty() && answer.getValue().path("content")
                            .path("application/problem+json") instanceof ObjectNode media) {
                        ObjectNode refs = media.putObject("examples");
                        these.forEach(x -> refs.putObject(x).put("$ref", "#/components/examples/Problem" + x));
                    }
                })));
    }

    private static String prefix(String service) {
        return Character.toUpperCase(service.charAt(0)) + service.substring(1);
    }

    static void rewriteRefs(JsonNode node, Map<String, String> renamed) {
        if (renamed.isEmpty()) {
            return;
        }
        if (node instanceof ObjectNode o) {
            JsonNode ref = o.get("$ref");
            if (ref != null && ref.isTextual() && ref.asText().startsWith(REF)) {
                String to = renamed.get(ref.asText().substring(REF.length()));
                if (to != null) {
                    o.set("$ref", TextNode.valueOf(REF + to));
                }
            }
            o.elements().forEachRemaining(c -> rewriteRefs(c, renamed));
        } else if (node instanceof ArrayNode a) {
            a.elements().forEachRemaining(c -> rewriteRefs(c, renamed));
        }
    }

    private static ObjectNode sortedMethods(JsonNode item) {
        ObjectNode out = F.objectNode();
        Map<String, JsonNode> rest = new TreeMap<>();
        item.fields().forEachRemaining(f -> rest.put(f.getKey(), f.getValue()));
        for (String m : METHODS) {
            if (rest.containsKey(m)) {
                out.set(m, rest.remove(m));
            }
        }
        rest.forEach(out::set);
        return out;
    }

    /**
     * Each operation's security names the document's one scheme, {@code bearer}, with the roles that may call it (the
     * services name theirs after whatever scheme they generated, which the merged document does not declare; Quarkus's
     * {@code **}, any signed-in caller, is spelled out as the six roles). An operation the services left without
     * security is public and says so with an empty list, which lifts the document-wide bearer requirement.
     */
    private static ObjectNode withSecurity(ObjectNode item) {
        for (String m : METHODS) {
            if (item.get(m) instanceof ObjectNode o) {
                JsonNode declared = o.get("security");
                ArrayNode security = F.arrayNode();
                if (declared != null && declared.size() > 0) {
                    Set<String> roles = new TreeSet<>();
                    declared.forEach(req -> req.elements().forEachRemaining(scopes -> scopes.forEach(r -> {
                        if (r.asText().equals("**")) {
                            roles.addAll(RouteTable.ALL_ROLES); // Quarkus's "any signed-in caller"
                        } else {
                            roles.add(r.asText());
                        }
                    })));
                    ArrayNode list = security.addObject().putArray("bearer");
                    roles.forEach(list::add);
                }
                o.set("security", security);
            }
        }
        return item;
    }

    /**
     * Every operation answers its errors as problems: a 4XX and a default response pointing at the schema. The
     * refusals the services declare without a body (SmallRye adds 400, 401 and 403 bare) get the problem body too:
     * a declared status wins over 4XX, so without it a client would be told that a 400 has no body, and its
     * violations would be typed as nothing.
     */
    private static ObjectNode withProblems(ObjectNode item) {
        for (String m : METHODS) {
            JsonNode op = item.get(m);
            if (op instanceof ObjectNode o) {
                ObjectNode responses = o.withObjectProperty("responses");
                Map<String, JsonNode> ordered = new LinkedHashMap<>();
                List<String> names = new ArrayList<>();
                responses.fieldNames().forEachRemaining(names::add);
                names.stream().sorted().forEach(n -> ordered.put(n, responses.get(n)));
                ordered.putIfAbsent("4XX", problemResponse("Bad input, missing or refused credentials, a conflict"));
                ordered.putIfAbsent("503", F.objectNode().put("$ref", UNAVAILABLE));
                ordered.putIfAbsent("default", problemResponse("Any other error, as a problem"));
                ordered.forEach((code, r) -> {
                    if ((code.startsWith("4") || code.startsWith("5")) && r instanceof ObjectNode bare
                            && !bare.has("content") && !bare.has("$ref")) {
                        bare.set("content", problemResponse("").get("content"));
                    }
                });
                responses.removeAll();
                ordered.forEach(responses::set);
            }
        }
        return item;
    }

    /**
     * A 503 is declared on every operation (one shared response), with its {@code Retry-After}: the service, its
     * database or its event broker cannot be reached just now, or the gateway's breaker for that service is open.
     * Nothing in the request is wrong, so a client's retry logic should see it as its own status rather than as "any
     * other error".
     */
    private static ObjectNode unavailableResponse() {
        ObjectNode r = problemResponse("Unavailable just now (the service, its database or its event broker does not"
                + " answer, or the gateway's breaker for it is open): send the same request again after Retry-After");
        ObjectNode h = r.putObject("headers").putObject("Retry-After");
        h.put("description", "Seconds to wait before sending the request again");
        h.putObject("schema").put("type", "integer").put("format", "int32").put("minimum", 1);
        return r;
    }

    private static ObjectNode problemResponse(String description) {
        ObjectNode r = F.objectNode();
        r.put("description", description);
        r.putObject("content").putObject("application/problem+json").putObject("schema").put("$ref",
                REF + "Problem");
        return r;
    }

    private static ObjectNode problemSchema() {
        ObjectNode s = F.objectNode();
        s.put("type", "object");
        s.put("description", "RFC 9457 problem details, with the correlation id and field violations");
        s.putArray("required").add("type").add("title").add("status");
        ObjectNode p = s.putObject("properties");
        p.putObject("type").put("type", "string").put("format", "uri");
        p.putObject("title").put("type", "string");
        p.putObject("status").put("type", "integer").put("format", "int32");
        p.putObject("detail").put("type", "string");
        p.putObject("instance").put("type", "string");
        p.putObject("requestId").put("type", "string");
        ObjectNode v = p.putObject("violations");
        v.put("type", "array");
        ObjectNode item = v.putObject("items");
        item.put("type", "object");
        ObjectNode ip = item.putObject("properties");
        ip.putObject("field").put("type", "string");
        ip.putObject("message").put("type", "string");
        ObjectNode ex = s.putObject("example");
        ex.put("type", "https://jixiao.io/problems/validation");
        ex.put("title", "Bad Request");
        ex.put("status", 400);
        ex.put("detail", "the request is not valid");
        ex.put("instance", "/api/v1/values");
        ex.put("requestId", "6f1c2d0e-8a51-4a4e-9f0c-2b7d1c1e0a11");
        ObjectNode viol = ex.putArray("violations").addObject();
        viol.put("field", "value");
        viol.put("message", "must be less than or equal to 1e15");
        return s;
    }

}
