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
            doc.path("components").path("schemas").fields().forEachRemaining(s -> {
                JsonNode known = schemas.get(s.getKey());
                if (known != null && !known.equals(s.getValue())) {
                    renamed.put(s.getKey(), prefix(service) + s.getKey());
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
        ObjectNode bearer = components.putObject("securitySchemes").putObject("bearer");
        bearer.put("type", "http");
        bearer.put("scheme", "bearer");
        bearer.put("bearerFormat", "JWT");
        out.putArray("security").addObject().putArray("bearer");
        return out;
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

    /** Every operation answers its errors as problems: a 4XX and a default response pointing at the schema. */
    private static ObjectNode withProblems(ObjectNode item) {
        for (String m : METHODS) {
            JsonNode op = item.get(m);
            if (op instanceof ObjectNode o) {
                ObjectNode responses = o.has("responses") ? (ObjectNode) o.get("responses") : o.putObject("responses");
                Map<String, JsonNode> ordered = new LinkedHashMap<>();
                List<String> names = new ArrayList<>();
                responses.fieldNames().forEachRemaining(names::add);
                names.stream().sorted().forEach(n -> ordered.put(n, responses.get(n)));
                ordered.putIfAbsent("4XX", problemResponse("Bad input, missing or refused credentials, a conflict"));
                ordered.putIfAbsent("default", problemResponse("Any other error, as a problem"));
                responses.removeAll();
                ordered.forEach(responses::set);
            }
        }
        return item;
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
