package io.jixiao.system;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.jixiao.testsupport.ExampleCheck;
import io.restassured.RestAssured;
import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;

/**
 * Every answer the system tests get from the API, held against the merged OpenAPI document: a successful JSON body must
 * fit the schema its operation documents for that status (the status itself must be documented), and a refusal must
 * be a problem that fits the problem schema. A test whose call gets an answer the document does not describe fails at
 * that call. One answer per operation and status is kept, and one refusal per status ({@value #PROBLEMS}); with {@code -Djixiao.api.examples=record} they are written,
 * shortened, to the gateway's {@code openapi/examples.json} when the test JVM ends, and the gateway serves them as the
 * merged document's response examples (see OpenApiIT). {@code -Djixiao.api.answers.lenient=true} prints what does not
 * fit instead of failing the call, to see every mismatch of a run at once.
 */
final class Answers implements Filter {

    static final Path EXAMPLES = OpenApiIT.ROOT.resolve("gateway/src/main/resources/openapi/examples.json");
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** The examples file's entry of refusals: one problem per status, whichever operation answered it. */
    static final String PROBLEMS = "problems";
    /** How many items of an array an example keeps. */
    static final int ITEMS = 2;

    private static Answers instance;

    private final String gateway;
    private final List<Map.Entry<Pattern, String>> templates = new ArrayList<>();
    private JsonNode doc;
    /** "GET /api/v1/cycles/{id}" → status → the kept body, and whether it came from a scenario or the sweep. */
    private final Map<String, Map<String, Kept>> kept = new TreeMap<>();

    private record Kept(JsonNode body, boolean scenario) {
    }

    private Answers(String gateway) {
        this.gateway = gateway;
    }

    /**
     * The recorder of the suite at {@code gateway}, created once per JVM and put in front of every RestAssured call;
     * its examples are written when the JVM ends if asked for.
     */
    static synchronized Answers at(String gateway) {
        if (instance == null) {
            instance = new Answers(gateway);
            RestAssured.filters(instance);
            if ("record".equals(System.getProperty("jixiao.api.examples"))) {
                Runtime.getRuntime().addShutdownHook(new Thread(instance::write, "answers-write"));
            }
        }
        return instance;
    }

    @Override
    public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification response,
            FilterContext ctx) {
        Response r = ctx.next(request, response);
        String problem = seen(request.getMethod(), URI.create(request.getURI()), r.statusCode(), r.contentType(),
                r.asString(), true);
        if (problem != null && Boolean.getBoolean("jixiao.api.answers.lenient")) {
            System.err.println("[answers] " + problem);
        } else if (problem != null) {
            throw new AssertionError(problem);
        }
        return r;
    }

    /**
     * Holds one answer against the document; what is wrong with it, or null. {@code scenario}: sent by a test that
     * follows a user's path (kept as an example in preference to the sweep's generated requests).
     */
    synchronized String seen(String method, URI uri, int status, String contentType, String body, boolean scenario) {
        String template = template(uri.getPath());
        if (template == null || template.startsWith("/auth/") || status >= 500) {
            return null; // not the API's (health, the portal, the token issuer); a 5xx is the tests' own business
        }
        String name = method.toUpperCase() + " " + template;
        JsonNode op = doc.path("paths").path(template).path(method.toLowerCase());
        if (op.isMissingNode()) {
            return null; // an undocumented method answers 405, which the sweep checks
        }
        String type = contentType == null ? "" : contentType.split(";")[0].trim();
        boolean json = type.equals("application/json") || type.equals("application/problem+json");
        if (!json || body == null || body.isBlank()) {
            return null;
        }
        JsonNode value;
        try {
            value = JSON.readTree(body);
        } catch (IOException e) {
            return name + " answered " + status + " with a body that is not JSON";
        }
        JsonNode schema;
        if (status >= 400) {
            schema = JSON.createObjectNode().put("$ref", "#/components/schemas/Problem");
        } else {
            JsonNode documented = op.path("responses").path(String.valueOf(status));
            if (documented.isMissingNode()) {
                return name + " answered " + status + ", which its document does not list ("
                        + op.path("responses").properties().stream().map(Map.Entry::getKey).toList() + ")";
            }
            schema = documented.path("content").path(type).path("schema");
            if (schema.isMissingNode()) {
                return name + " answered " + status + " with " + type + ", which its document does not list";
            }
        }
        List<String> problems = new ArrayList<>();
        ExampleCheck.against(doc, schema, value, name + " " + status, problems);
        if (!problems.isEmpty()) {
            return "the answer does not fit the document: " + String.join("; ", problems.subList(0,
                    Math.min(5, problems.size())));
        }
        keep(status < 300 ? name : PROBLEMS, String.valueOf(status), value, scenario);
        return null;
    }

    /** Keeps the first answer, or a later one that says more (a scenario's before the sweep's). */
    private void keep(String name, String status, JsonNode value, boolean scenario) {
        JsonNode shortened = shorten(value.deepCopy());
        Map<String, Kept> byStatus = kept.computeIfAbsent(name, k -> new TreeMap<>());
        Kept old = byStatus.get(status);
        if (old == null || scenario && !old.scenario()
                || scenario == old.scenario() && filled(shortened) > filled(old.body())) {
            byStatus.put(status, new Kept(shortened, scenario));
        }
    }

    /** How many values of a body are not null or empty: an example with more of them shows more of the schema. */
    private static int filled(JsonNode n) {
        if (n.isContainerNode()) {
            int sum = 0;
            for (JsonNode c : n) {
                sum += filled(c);
            }
            return sum;
        }
        return n.isNull() || n.isTextual() && n.asText().isEmpty() ? 0 : 1;
    }

    private static JsonNode shorten(JsonNode n) {
        if (n instanceof ArrayNode a) {
            while (a.size() > ITEMS) {
                a.remove(a.size() - 1);
            }
        }
        if (n instanceof ObjectNode || n instanceof ArrayNode) {
            for (JsonNode c : n) {
                shorten(c);
            }
        }
        if (n instanceof ObjectNode o) { // a long text (a comment, an answer) is cut to its first 200 characters
            for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getValue().isTextual() && e.getValue().asText().length() > 200) {
                    e.setValue(JSON.getNodeFactory().textNode(e.getValue().asText().substring(0, 200)));
                }
            }
        }
        return n;
    }

    /** The document's path template that {@code path} is an instance of, the one with fewest parameters. */
    private String template(String path) {
        if (doc == null) {
            load();
        }
        for (Map.Entry<Pattern, String> t : templates) {
            if (t.getKey().matcher(path).matches()) {
                return t.getValue();
            }
        }
        return null;
    }

    private void load() {
        try {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(gateway
                    + "/openapi.json")).timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            doc = JSON.readTree(r.body());
        } catch (IOException e) {
            throw new IllegalStateException("the merged OpenAPI document is not available", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        List<String> paths = new ArrayList<>();
        doc.path("paths").fieldNames().forEachRemaining(paths::add);
        paths.sort((a, b) -> Long.compare(a.chars().filter(c -> c == '{').count(), b.chars()
                .filter(c -> c == '{').count()));
        for (String p : paths) {
            templates.add(Map.entry(Pattern.compile(p.replaceAll("\\{[^}/]+}", "[^/]+")
                    .replace(".", "\\.")), p));
        }
    }

    /** Writes the kept answers into the examples file, replacing those of the operations this run saw. */
    synchronized void write() {
        try {
            ObjectNode all = Files.exists(EXAMPLES)
                    ? (ObjectNode) JSON.readTree(EXAMPLES.toFile())
                    : JSON.createObjectNode();
            kept.forEach((name, byStatus) -> {
                ObjectNode op = all.putObject(name);
                byStatus.forEach((status, k) -> op.set(status, k.body()));
            });
            ObjectNode sorted = JSON.createObjectNode();
            java.util.SortedSet<String> names = new java.util.TreeSet<>();
            all.fieldNames().forEachRemaining(names::add);
            names.forEach(n -> sorted.set(n, all.get(n)));
            Files.createDirectories(EXAMPLES.getParent());
            Files.writeString(EXAMPLES, JSON.writeValueAsString(sorted) + "\n");
            System.out.printf("[answers] %d operations' examples written to %s%n", kept.size(), EXAMPLES);
        } catch (IOException e) {
            System.err.println("[answers] examples not written: " + e);
        }
    }
}
