package io.jixiao.system;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.jixiao.testsupport.TestTokens;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;

/**
 * "No input ever yields a 500 or a stack trace", checked over the whole API rather than case by case: every operation
 * of the merged OpenAPI document, through the gateway, gets malformed and wrong-typed bodies, each body property
 * mutated in turn (missing, null, wrong type, oversized, extreme numbers, unknown enum), bad path and query values,
 * wrong content types and odd headers, with real object ids where the sweep made some and random ones otherwise, as
 * the office and as every other role and nobody. Every answer must be below 500; every refusal an RFC 9457 problem
 * whose status matches the answer's; no answer may carry a stack trace or a driver's message; a body that is not JSON
 * at all is never accepted; a role the document does not list for an operation is refused, and a caller without a
 * valid token gets 401 wherever a role is needed; and a refused request commits nothing anywhere in the cluster (see
 * {@link Commits}). It runs after the other system tests (class name order, see
 * junit-platform.properties): what its plausible requests create, such as an indicator common to every department,
 * would change their totals.
 */
class WholeApiBadInputSweepIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    static final String SUBJECT = "SWEEP";
    static final String INDICATOR = "SWEEP-IND";
    static final String PERIOD = "2040";
    /** What a leaked stack trace, exception or database error looks like in a body. */
    static final Pattern LEAK = Pattern.compile("\\tat |Exception|org\\.hibernate|org\\.postgresql|java\\.lang\\."
            + "|io\\.jixiao\\.|SQLState|ERROR: |duplicate key|violates");
    static final String HUGE = "字".repeat(100_000);

    static JsonNode doc;
    static HttpClient http;
    static String cycle;
    static String survey;
    static String project;

    @BeforeAll
    static void objectsToAimAt() throws Exception {
        Suite.atGateway();
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
                .build();
        doc = JSON.readTree(given().get("/openapi.json").then().statusCode(200).extract().asString());
        String admin = TestTokens.admin();
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("code", SUBJECT, "nameZh", "扫描单位", "level", "DEPARTMENT")).post("/api/v1/subjects");
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("code", INDICATOR, "nameZh", "扫描指标", "dimension", "PROCESS", "kind", "QUANTITATIVE",
                        "target", 100, "weight", 10))
                .post("/api/v1/indicators");
        cycle = ThinSliceIT.until(201, Duration.ofSeconds(30), () -> given().auth().oauth2(admin)
                .contentType(ContentType.JSON)
                .body(Map.of("name", "扫描", "period", PERIOD, "subjects", List.of(SUBJECT)))
                .post("/api/v1/cycles")).path("id");
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("assignments", List.of(Map.of("party", "SUPERIOR", "evaluator", "sweep-ev", "subject",
                        SUBJECT))))
                .post("/api/v1/cycles/{id}/assignments", cycle).then().statusCode(200);
        given().auth().oauth2(admin).post("/api/v1/cycles/{id}/open", cycle).then().statusCode(200);
        survey = ThinSliceIT.until(201, Duration.ofSeconds(30), () -> given().auth().oauth2(admin)
                .contentType(ContentType.JSON).body(Map.of("subject", SUBJECT, "period", PERIOD, "titleZh", "扫描问卷",
                        "groupWeights", Map.of("CITIZEN", 100), "questions", List.of(Map.of("code", "q1", "group",
                                "CITIZEN", "type", "LIKERT5", "textZh", "满意吗？", "required", true))))
                .post("/api/v1/surveys")).path("id");
        given().auth().oauth2(admin).post("/api/v1/surveys/{id}/open", survey).then().statusCode(200);
        project = ThinSliceIT.until(201, Duration.ofSeconds(30), () -> given().auth().oauth2(TestTokens.finance())
                .contentType(ContentType.JSON).body(Map.of("subject", SUBJECT, "fiscalYear", 2040, "category",
                        "GENERAL", "name", "扫描项目", "approvedAmount", 1000))
                .post("/api/v1/budget/projects")).path("id");
    }

    /** One request of the sweep. */
    record Call(String label, String method, String path, String contentType, byte[] body, String token,
            Map<String, String> headers, Refusal refusal) {

        Call(String label, String method, String path, String contentType, byte[] body, String token,
                Map<String, String> headers) {
            this(label, method, path, contentType, body, token, headers, null);
        }
    }

    /** What a caller the operation does not admit must get: one of these statuses. */
    record Refusal(String why, List<Integer> statuses) {
    }

    /**
     * Below the API: a Host header that is not a host is refused by Vert.x Web before any route runs. Every process,
     * the gateway and each service called directly, answers a 400 problem for it, not Quarkus's text body that reads
     * "500 - Internal Server Error".
     */
    @Test
    void aHostHeaderThatIsNotAHostIsA400ProblemInEveryProcess() throws Exception {
        Suite suite = Suite.started();
        for (String process : List.of("gateway", "indicator", "evaluation", "survey", "budget")) {
            String answer;
            try (java.net.Socket s = new java.net.Socket("127.0.0.1", suite.port(process))) {
                s.setSoTimeout(10_000);
                s.getOutputStream().write(("GET /api/v1/subjects HTTP/1.1\r\nHost: a:b:c\r\nAuthorization: Bearer "
                        + TestTokens.admin() + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.UTF_8));
                answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            }
            int split = answer.indexOf("\r\n\r\n");
            assertTrue(answer.startsWith("HTTP/1.1 400 ") && split > 0, process + ": " + answer);
            assertTrue(answer.substring(0, split).toLowerCase().contains("content-type: application/problem+json"),
                    process + ": " + answer);
            JsonNode problem = JSON.readTree(answer.substring(split + 4));
            assertEquals(400, problem.path("status").asInt(), process + ": " + answer);
            assertTrue(problem.path("detail").asText().contains("Host header"), process + ": " + answer);
        }
    }

    /**
     * A caller asking for another media type ({@code text/html}, {@code application/xml}) gets JSON from every service,
     * through the gateway and directly, never a Java object's {@code toString()} under the type it asked for.
     */
    @Test
    void aJsonAnswerIsJsonWhateverTheCallerAcceptsInEveryService() {
        Suite suite = Suite.started();
        Map<String, String> lists = Map.of("indicator", "/api/v1/subjects", "evaluation", "/api/v1/cycles", "survey",
                "/api/v1/surveys", "budget", "/api/v1/budget/projects");
        lists.forEach((service, path) -> {
            for (String base : List.of(suite.gateway(), suite.service(service))) {
                for (String accept : List.of("text/html", "application/xml")) {
                    given().baseUri(base).auth().oauth2(TestTokens.admin()).accept(accept).get(path).then()
                            .statusCode(200).contentType(org.hamcrest.Matchers.startsWith("application/json"))
                            .body("page", org.hamcrest.Matchers.equalTo(0));
                }
            }
        });
    }

    /**
     * A method a path does not answer is a 405 problem whose {@code Allow} header names the methods the document gives
     * the path (HEAD with GET, and OPTIONS), from every service and from the gateway's own resources, for a path that
     * is also the beginning of another resource's ({@code GET …/ledger/verify} was a 404) as for any other. A concrete
     * path that more than one template matches ({@code subjects/republish} is also {@code subjects/{code}}) answers the
     * methods of all of them. {@code OPTIONS} names the same methods.
     */
    @Test
    void aMethodAPathDoesNotAnswerIsA405ThatNamesTheMethodsItDoes() throws Exception {
        Map<Pattern, List<String>> templates = new LinkedHashMap<>();
        Map<String, String> concrete = new LinkedHashMap<>();
        doc.path("paths").fields().forEachRemaining(p -> {
            List<String> methods = new ArrayList<>();
            p.getValue().fieldNames().forEachRemaining(m -> {
                if (List.of("get", "post", "put", "patch", "delete").contains(m)) {
                    methods.add(m.toUpperCase());
                }
            });
            templates.put(Pattern.compile(p.getKey().replaceAll("\\{[^}]+}", "[^/]+")), methods);
            Map<String, String> values = new LinkedHashMap<>();
            java.util.regex.Matcher names = Pattern.compile("\\{([^}]+)}").matcher(p.getKey());
            while (names.find()) {
                values.put(names.group(1), realValue(p.getKey(), names.group(1)));
            }
            concrete.put(p.getKey(), fill(p.getKey(), values));
        });
        List<String> failures = new ArrayList<>();
        int refused = 0;
        for (Map.Entry<String, String> c : concrete.entrySet()) {
            java.util.TreeSet<String> allowed = new java.util.TreeSet<>();
            templates.forEach((pattern, methods) -> {
                if (pattern.matcher(c.getValue()).matches()) {
                    allowed.addAll(methods);
                }
            });
            if (allowed.contains("GET")) {
                allowed.add("HEAD");
            }
            allowed.add("OPTIONS");
            HttpResponse<String> options = http.send(HttpRequest.newBuilder(URI.create(RestAssured.baseURI
                    + c.getValue())).timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer "
                            + TestTokens.admin())
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (options.statusCode() != 200
                    || !String.join(", ", allowed).equals(options.headers().firstValue("Allow").orElse(null))) {
                failures.add("OPTIONS " + c.getKey() + " → " + options.statusCode() + ", Allow "
                        + options.headers().firstValue("Allow").orElse(null) + " (expected " + allowed + ")");
            }
            for (String method : List.of("GET", "POST", "PUT", "PATCH", "DELETE")) {
                if (allowed.contains(method)) {
                    continue;
                }
                HttpResponse<String> r = http.send(
                        HttpRequest.newBuilder(URI.create(RestAssured.baseURI + c.getValue()))
                                .timeout(Duration.ofSeconds(30))
                                .header("Authorization", "Bearer " + TestTokens.admin())
                                .header("Content-Type", "application/json")
                                .method(method, HttpRequest.BodyPublishers.ofString("{}")).build(),
                        HttpResponse.BodyHandlers.ofString());
                refused++;
                String allow = r.headers().firstValue("Allow").orElse(null);
                if (r.statusCode() != 405 || !String.join(", ", allowed).equals(allow)
                        || !r.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json")
                        || JSON.readTree(r.body()).path("status").asInt() != 405) {
                    failures.add(method + " " + c.getKey() + " → " + r.statusCode() + ", Allow " + allow
                            + " (expected " + allowed + ")");
                }
            }
        }
        System.out.printf("[sweep] %d requests with a method their path does not answer%n", refused);
        assertTrue(refused > 300, "the sweep tried the paths' other methods (" + refused + ")");
        assertTrue(failures.isEmpty(), failures.size() + " answers were not a 405 naming the path's methods:\n"
                + String.join("\n", failures.subList(0, Math.min(60, failures.size()))));
    }

    @Test
    void noInputYieldsAServerErrorAStackTraceOrAnUnexplainedRefusal() throws Exception {
        List<Call> calls = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields();
        int operations = 0;
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> p = paths.next();
            if (p.getKey().equals("/api/v1/portal/stream")) {
                continue; // a server-sent event stream: no input, and it never ends
            }
            Iterator<Map.Entry<String, JsonNode>> ops = p.getValue().fields();
            while (ops.hasNext()) {
                Map.Entry<String, JsonNode> op = ops.next();
                if (!List.of("get", "post", "put", "patch", "delete").contains(op.getKey())) {
                    continue;
                }
                operations++;
                calls.addAll(variants(p.getKey(), op.getKey().toUpperCase(), op.getValue()));
            }
        }
        List<String> failures = new ArrayList<>();
        Map<Integer, Integer> byStatus = new TreeMap<>();
        List<Call> wroteWhileRefused = new ArrayList<>();
        int rechecked;
        try (Commits commits = new Commits()) {
            detectorSeesWritesAndOnlyWrites(commits);
            for (Call c : calls) {
                long before = commits.next();
                HttpResponse<String> r;
                try {
                    r = http.send(request(c), HttpResponse.BodyHandlers.ofString());
                } catch (java.io.IOException e) {
                    failures.add(c.label() + ": no answer (" + e + ")");
                    continue;
                }
                byStatus.merge(r.statusCode(), 1, Integer::sum);
                String problem = check(c, r);
                if (problem == null) {
                    problem = Answers.at(RestAssured.baseURI).seen(c.method(), r.uri(), r.statusCode(),
                            r.headers().firstValue("Content-Type").orElse(null), r.body(), false);
                }
                if (problem != null) {
                    failures.add(c.label() + " → " + r.statusCode() + ": " + problem + " | "
                            + r.body().substring(0, Math.min(300, r.body().length())));
                } else if (r.statusCode() >= 400 && commits.committedBetween(before, commits.next()) > 0) {
                    // a refusal while something committed: this request, or an outbox relay or a consumer still at
                    // work on an earlier accepted one; sent again below once the cluster is quiet
                    wroteWhileRefused.add(c);
                }
            }
            rechecked = wroteWhileRefused.size();
            failures.addAll(refusalsThatWrite(commits, wroteWhileRefused));
        }
        System.out.printf("[sweep] %d requests over %d operations (%d of them by callers the operation does not admit);"
                + " answers by status: %s; %d refusals coincided with a commit and were sent again on a quiet"
                + " cluster%n", calls.size(), operations, calls.stream().filter(c -> c.refusal() != null).count(),
                byStatus, rechecked);
        assertTrue(operations > 90, "the sweep found the API's operations (" + operations + ")");
        assertTrue(failures.isEmpty(), failures.size() + " answers broke the rules:\n"
                + String.join("\n", failures.subList(0, Math.min(60, failures.size()))));
    }

    /** The commit check is not vacuous: an accepted write shows as a commit, a read on a quiet cluster does not. */
    static void detectorSeesWritesAndOnlyWrites(Commits commits) throws Exception {
        assertTrue(commits.awaitQuiet(1_000, 60_000), "the cluster goes quiet before the sweep");
        long before = commits.next();
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("code", "SWEEP-PROBE", "nameZh", "探针单位", "level", "DEPARTMENT")).post("/api/v1/subjects")
                .then().statusCode(201);
        assertTrue(commits.committedBetween(before, commits.next()) > 0, "an accepted write is seen as a commit");
        assertTrue(commits.awaitQuiet(1_000, 60_000), "the cluster goes quiet after the probe");
        before = commits.next();
        given().auth().oauth2(TestTokens.admin()).get("/api/v1/subjects/{code}", SUBJECT).then().statusCode(200);
        assertEquals(0, commits.committedBetween(before, commits.next()), "a read commits nothing");
    }

    /**
     * Refused requests change nothing: each of {@code suspects} is sent again once no transaction has taken an id for a
     * second, and if it is refused again while a transaction commits, that is a failure.
     */
    static List<String> refusalsThatWrite(Commits commits, List<Call> suspects) throws Exception {
        List<String> failures = new ArrayList<>();
        for (Call c : suspects) {
            if (!commits.awaitQuiet(1_000, 30_000)) {
                failures.add(c.label() + ": the cluster never went quiet to check that its refusal wrote nothing");
                continue;
            }
            long before = commits.next();
            HttpResponse<String> r = http.send(request(c), HttpResponse.BodyHandlers.ofString());
            long wrote = commits.committedBetween(before, commits.next());
            if (r.statusCode() >= 400 && wrote > 0) {
                failures.add(c.label() + " → " + r.statusCode() + ": refused, yet " + wrote + " transaction(s)"
                        + " committed on a quiet cluster | " + r.body().substring(0, Math.min(300, r.body().length())));
            }
        }
        return failures;
    }

    /** Null when the answer keeps the rules; otherwise what is wrong with it. */
    static String check(Call c, HttpResponse<String> r) {
        int status = r.statusCode();
        if (status >= 500) {
            return "a server error";
        }
        // exports are workbooks (a zip, whose bytes may happen to spell anything): only text bodies are read
        if (LEAK.matcher(r.body()).find() && !r.headers().firstValue("Content-Type").orElse("").contains("xml")) {
            return "the body leaks internals";
        }
        if (c.refusal() != null && !c.refusal().statuses().contains(status)) {
            return "a caller " + c.refusal().why() + " must get " + c.refusal().statuses();
        }
        if (c.label().contains("not JSON") && status < 400) {
            return "a body that is not JSON was accepted";
        }
        if (status >= 400) {
            String type = r.headers().firstValue("Content-Type").orElse("");
            if (!type.startsWith("application/problem+json")) {
                return "a refusal that is not application/problem+json (" + type + ")";
            }
            try {
                JsonNode p = JSON.readTree(r.body());
                if (p.path("status").asInt() != status || p.path("title").asText().isBlank()) {
                    return "a problem whose status or title does not match";
                }
            } catch (Exception e) {
                return "a problem that does not parse";
            }
        }
        return null;
    }

    static HttpRequest request(Call c) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(RestAssured.baseURI + c.path()))
                .timeout(Duration.ofSeconds(30));
        if (c.token() != null) {
            b.header("Authorization", "Bearer " + c.token());
        }
        if (c.contentType() != null) {
            b.header("Content-Type", c.contentType());
        }
        c.headers().forEach(b::header);
        return b.method(c.method(), c.body() == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(c.body())).build();
    }

    /** Every way of getting one operation wrong that the sweep knows. */
    List<Call> variants(String template, String method, JsonNode op) {
        List<Call> out = new ArrayList<>();
        String admin = TestTokens.admin();
        List<JsonNode> params = new ArrayList<>();
        op.path("parameters").forEach(params::add);
        Map<String, String> real = new LinkedHashMap<>();
        for (JsonNode p : params) {
            if (p.path("in").asText().equals("path")) {
                real.put(p.path("name").asText(), realValue(template, p.path("name").asText()));
            }
        }
        JsonNode content = op.path("requestBody").path("content");
        String mediaType = content.fieldNames().hasNext() ? content.fieldNames().next() : null;
        JsonNode schema = mediaType == null ? null : resolve(content.path(mediaType).path("schema"));
        byte[] plausible = schema == null ? null : bytes(plausible(schema, ""));
        String json = content.has("application/json") ? "application/json" : mediaType;
        String base = fill(template, real);
        String name = method + " " + template;

        // as the office, with real ids and a plausible body; then as every other role, and as nobody: a role the
        // document does not list for the operation is refused (or told the object does not exist), and nobody is 401
        out.add(new Call(name + " plausible", method, base, json, json == null ? null : body(content, plausible),
                admin, Map.of()));
        List<String> allowed = roles(op);
        Map<String, String> callers = new LinkedHashMap<>();
        callers.put("department FIN", TestTokens.department("FIN"));
        callers.put("department " + SUBJECT, TestTokens.department(SUBJECT));
        callers.put("superior", TestTokens.superior("sweep-ev"));
        callers.put("assessor", TestTokens.assessor("sweep-as", "SWEEP-CO"));
        callers.put("finance", TestTokens.finance());
        callers.put("system", TestTokens.system("sweep-system"));
        callers.put("nobody", null);
        callers.put("a token that is not a JWT", "not.a.jwt");
        for (Map.Entry<String, String> who : callers.entrySet()) {
            String role = who.getKey().split(" ")[0];
            Refusal refusal = allowed == null || allowed.contains(role)
                    ? null
                    : who.getValue() == null || who.getValue().equals("not.a.jwt")
                            ? new Refusal("without a valid token", List.of(401))
                            : new Refusal("the document does not admit " + role, List.of(401, 403, 404));
            out.add(new Call(name + " as " + who.getKey(), method, base, json,
                    json == null ? null : body(content, plausible), who.getValue(), Map.of(), refusal));
        }
        // bad path values
        for (JsonNode p : params) {
            if (!p.path("in").asText().equals("path")) {
                continue;
            }
            for (String bad : badValues(resolve(p.path("schema")), p.path("name").asText())) {
                Map<String, String> values = new LinkedHashMap<>(real);
                values.put(p.path("name").asText(), bad);
                out.add(new Call(name + " path " + p.path("name").asText() + "=" + shorten(bad), method,
                        fill(template, values), json, json == null ? null : body(content, plausible), admin,
                        Map.of()));
            }
        }
        // bad query values, one parameter at a time
        for (JsonNode p : params) {
            if (!p.path("in").asText().equals("query")) {
                continue;
            }
            for (String bad : badValues(resolve(p.path("schema")), p.path("name").asText())) {
                out.add(new Call(name + " query " + p.path("name").asText() + "=" + shorten(bad), method,
                        base + "?" + p.path("name").asText() + "=" + bad, json,
                        json == null ? null : body(content, plausible), admin, Map.of()));
            }
        }
        // odd headers the operation reads
        for (JsonNode p : params) {
            if (p.path("in").asText().equals("header") && !p.path("name").asText().equalsIgnoreCase("Host")) {
                for (String bad : List.of("", "k".repeat(300), "\"weird\"", "W/\"1\"", "*", "1, 2, 3")) {
                    out.add(new Call(name + " header " + p.path("name").asText() + "=" + shorten(bad), method, base,
                            json, json == null ? null : body(content, plausible), admin,
                            Map.of(p.path("name").asText(), bad)));
                }
            }
        }
        if (mediaType == null) {
            return out;
        }
        // bodies that are not what the operation reads
        for (String raw : !content.has("application/json")
                ? List.<String>of()
                : List.of("{", "[", "\"a string\"", "{\"a\": }", "\u0000\u0001", "{}}", "[".repeat(5000),
                        "{\"x\":" + "9".repeat(5000) + "}")) {
            out.add(new Call(name + " not JSON " + shorten(raw), method, base, json,
                    raw.getBytes(StandardCharsets.UTF_8), admin, Map.of()));
        }
        for (String raw : !content.has("application/json")
                ? List.<String>of()
                : List.of("", "null", "[]", "{}", "1", "true")) {
            out.add(new Call(name + " body " + (raw.isEmpty() ? "empty" : raw), method, base, json,
                    raw.getBytes(StandardCharsets.UTF_8), admin, Map.of()));
        }
        out.add(new Call(name + " text/plain", method, base, "text/plain", "hello".getBytes(StandardCharsets.UTF_8),
                admin, Map.of()));
        out.add(new Call(name + " no content type", method, base, null, plausible, admin, Map.of()));
        if (content.has("text/csv")) {
            for (String csv : List.of("", "subject,indicator,period,value\n\"unterminated", "\u0000\u0000\u0000",
                    "subject,indicator,period,value\n" + SUBJECT + "," + INDICATOR + "," + PERIOD + ",abc\n",
                    "subject,indicator,period,value\n" + SUBJECT + "," + INDICATOR + "," + PERIOD + ",5E-999999999\n",
                    "a;b;c\n" + "x".repeat(100_000))) {
                out.add(new Call(name + " csv " + shorten(csv), method, base, "text/csv",
                        csv.getBytes(StandardCharsets.UTF_8), admin, Map.of()));
            }
        }
        String xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
        if (content.has(xlsxType)) {
            for (byte[] xlsx : new byte[][]{new byte[0], "PK\u0003\u0004garbage".getBytes(StandardCharsets.UTF_8),
                    "not a workbook at all".getBytes(StandardCharsets.UTF_8)}) {
                out.add(new Call(name + " xlsx of " + xlsx.length + " bytes", method, base, xlsxType, xlsx, admin,
                        Map.of()));
            }
        }
        if (content.has("application/x-www-form-urlencoded")) {
            for (String form : List.of("", "%%%", "grant_type=client_credentials&client_id=x&client_secret=y",
                    "grant_type=" + "x".repeat(5000))) {
                out.add(new Call(name + " form " + shorten(form), method, base, "application/x-www-form-urlencoded",
                        form.getBytes(StandardCharsets.UTF_8), null, Map.of()));
            }
        }
        // the plausible body with each property wrong in turn, also inside the first item of its lists
        if (schema != null && "object".equals(schema.path("type").asText())) {
            ObjectNode whole = (ObjectNode) plausible(schema, "");
            for (Map.Entry<String, JsonNode> mutated : mutations(schema, whole, "").entrySet()) {
                out.add(new Call(name + " body " + mutated.getKey(), method, base, "application/json",
                        bytes(mutated.getValue()), admin, Map.of()));
            }
        }
        return out;
    }

    /** The roles the document admits to an operation; null when it is public. */
    static List<String> roles(JsonNode op) {
        if (op.path("security").isArray() && op.path("security").isEmpty()) {
            return null;
        }
        List<String> roles = new ArrayList<>();
        op.path("security").forEach(req -> req.path("bearer").forEach(r -> roles.add(r.asText())));
        return roles;
    }

    /** The plausible body, or for a non-JSON operation a small plausible file. */
    static byte[] body(JsonNode content, byte[] plausible) {
        if (content.has("application/json")) {
            return plausible;
        }
        if (content.has("application/x-www-form-urlencoded")) {
            return "grant_type=client_credentials".getBytes(StandardCharsets.UTF_8);
        }
        return ("subject,indicator,period,value\n" + SUBJECT + "," + INDICATOR + "," + PERIOD + ",1\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** Each property of an object missing, null, of another type, oversized or extreme: whole bodies, by label. */
    Map<String, JsonNode> mutations(JsonNode schema, ObjectNode whole, String prefix) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> props = schema.path("properties").fields();
        while (props.hasNext()) {
            Map.Entry<String, JsonNode> prop = props.next();
            String key = prop.getKey();
            JsonNode ps = resolve(prop.getValue());
            List<Map.Entry<String, JsonNode>> bad = new ArrayList<>();
            bad.add(Map.entry("null", NODES.nullNode()));
            String type = ps.path("type").asText();
            switch (type) {
                case "string" -> {
                    bad.add(Map.entry("object", NODES.objectNode().put("x", 1)));
                    bad.add(Map.entry("empty", NODES.textNode("")));
                    bad.add(Map.entry("huge", NODES.textNode(HUGE)));
                    bad.add(Map.entry("control characters", NODES.textNode("a\u0000b\u202e")));
                    if (ps.has("enum") || ps.has("format")) {
                        bad.add(Map.entry("unknown", NODES.textNode("NOPE-2026-02-30")));
                    }
                    // the ends of what Java's date types hold, far past what PostgreSQL stores
                    if ("date".equals(ps.path("format").asText())) {
                        bad.add(Map.entry("year +999999999", NODES.textNode("+999999999-12-31")));
                    } else if ("date-time".equals(ps.path("format").asText())) {
                        bad.add(Map.entry("year +999999999", NODES.textNode("+999999999-12-31T23:59:59Z")));
                        bad.add(Map.entry("year -999999999", NODES.textNode("-999999999-01-01T00:00:00Z")));
                    }
                }
                case "integer", "number" -> {
                    bad.add(Map.entry("text", NODES.textNode("abc")));
                    bad.add(Map.entry("1e400", NODES.numberNode(new java.math.BigDecimal("1e400"))));
                    bad.add(Map.entry("-1e18", NODES.numberNode(new java.math.BigDecimal("-1e18"))));
                    bad.add(Map.entry("1e-30", NODES.numberNode(new java.math.BigDecimal("1e-30"))));
                    bad.add(Map.entry("2147483648", NODES.numberNode(2147483648L)));
                    bad.add(Map.entry("3.5", NODES.numberNode(3.5)));
                    // short texts with exponents that rounding would expand to a billion digits
                    for (String e : List.of("5E-999999999", "1E+999999999", "0E-999999999")) {
                        bad.add(Map.entry(e, NODES.numberNode(new java.math.BigDecimal(e))));
                    }
                }
                case "boolean" -> bad.add(Map.entry("text", NODES.textNode("maybe")));
                case "array" -> {
                    bad.add(Map.entry("text", NODES.textNode("abc")));
                    bad.add(Map.entry("empty", NODES.arrayNode()));
                    ArrayNode many = NODES.arrayNode();
                    JsonNode item = plausible(resolve(ps.path("items")), key);
                    for (int i = 0; i < 2_000; i++) {
                        many.add(item.deepCopy());
                    }
                    bad.add(Map.entry("2000 items", many));
                    bad.add(Map.entry("[null]", NODES.arrayNode().addNull()));
                }
                case "object" -> {
                    bad.add(Map.entry("text", NODES.textNode("abc")));
                    bad.add(Map.entry("list", NODES.arrayNode().add(1)));
                    if (ps.has("additionalProperties")) {
                        bad.add(Map.entry("odd key", NODES.objectNode().put("NOPE", -1).put("", 1e300)));
                    }
                }
                default -> bad.add(Map.entry("object", NODES.objectNode().put("x", 1)));
            }
            ObjectNode without = whole.deepCopy();
            without.remove(key);
            out.put(prefix + key + " missing", without);
            for (Map.Entry<String, JsonNode> b : bad) {
                ObjectNode copy = whole.deepCopy();
                copy.set(key, b.getValue());
                out.put(prefix + key + " " + b.getKey(), copy);
            }
            // one level down: the first item of a list of objects, or a nested object
            JsonNode inner = "array".equals(type) ? resolve(ps.path("items")) : ps;
            if ("object".equals(inner.path("type").asText()) && inner.has("properties") && prefix.isEmpty()) {
                ObjectNode item = (ObjectNode) plausible(inner, key);
                for (Map.Entry<String, JsonNode> m : mutations(inner, item, key + ".").entrySet()) {
                    ObjectNode copy = whole.deepCopy();
                    copy.set(key, "array".equals(type) ? NODES.arrayNode().add(m.getValue()) : m.getValue());
                    out.put(m.getKey(), copy);
                }
            }
        }
        return out;
    }

    /** A value of the schema's shape that looks right, so that the mutations reach past the first check. */
    JsonNode plausible(JsonNode schema, String name) {
        schema = resolve(schema);
        if (schema.has("enum")) {
            return schema.path("enum").get(0);
        }
        switch (schema.path("type").asText()) {
            case "object" -> {
                ObjectNode o = NODES.objectNode();
                Iterator<Map.Entry<String, JsonNode>> props = schema.path("properties").fields();
                while (props.hasNext()) {
                    Map.Entry<String, JsonNode> p = props.next();
                    o.set(p.getKey(), plausible(p.getValue(), p.getKey()));
                }
                if (!schema.has("properties") && schema.has("additionalProperties")) {
                    o.set("CITIZEN", plausible(schema.path("additionalProperties"), "CITIZEN"));
                }
                return o;
            }
            case "array" -> {
                return NODES.arrayNode().add(plausible(schema.path("items"), name));
            }
            case "integer" -> {
                return NODES.numberNode(name.toLowerCase().contains("year") ? 2040 : 1);
            }
            case "number" -> {
                return NODES.numberNode(new java.math.BigDecimal("50"));
            }
            case "boolean" -> {
                return NODES.booleanNode(true);
            }
            default -> {
                return NODES.textNode(plausibleText(schema, name));
            }
        }
    }

    static String plausibleText(JsonNode schema, String name) {
        String format = schema.path("format").asText();
        switch (format) {
            case "uuid" :
                return UUID.randomUUID().toString();
            case "date" :
                return "2040-03-01";
            case "date-time" :
                return "2040-03-01T08:00:00+08:00";
            default :
                break;
        }
        String n = name.toLowerCase();
        List<String> candidates = new ArrayList<>();
        if (n.equals("subject") || n.endsWith("subjects")) {
            candidates.add(SUBJECT);
        }
        if (n.contains("indicator")) {
            candidates.add(INDICATOR);
        }
        if (n.contains("period")) {
            candidates.add(PERIOD);
        }
        if (n.contains("month")) {
            candidates.add(PERIOD + "-03");
        }
        if (n.contains("url")) {
            candidates.add("https://example.gov.cn/evidence/1");
        }
        candidates.addAll(List.of("SWEEP-1", "q1", "GOAL_ACHIEVEMENT", "2040", "扫描", "x"));
        String pattern = schema.path("pattern").asText("");
        for (String c : candidates) {
            if (pattern.isEmpty() || Pattern.compile(pattern).matcher(c).find()) {
                return c;
            }
        }
        return candidates.get(0);
    }

    /** Path and query values that are wrong for a parameter of this schema. */
    static List<String> badValues(JsonNode schema, String name) {
        List<String> out = new ArrayList<>();
        String type = schema.path("type").asText();
        if (type.equals("integer") || type.equals("number")) {
            // the largest int too: a page that large once made a negative offset and a 500
            out.addAll(List.of("abc", "-1", "99999999999999999999", "1.5", "2147483647", "-2147483648"));
        } else if (type.equals("boolean")) {
            out.addAll(List.of("maybe", "2"));
        } else {
            if ("uuid".equals(schema.path("format").asText())) {
                out.addAll(List.of("not-a-uuid", UUID.randomUUID().toString()));
            } else if ("date".equals(schema.path("format").asText())) {
                out.addAll(List.of("2026-02-30", "yesterday"));
            }
            if (schema.has("enum")) {
                out.add("NOPE");
            }
            out.addAll(List.of("NOSUCH", enc("x".repeat(3000)), enc("' or 1=1 --"), enc("..\\..\\etc"),
                    enc("\u202e中文"), "%00", "2026-13"));
        }
        if (name.equals("page") || name.equals("size")) {
            out.add("100000");
        }
        return out;
    }

    /** The object the sweep made for a path parameter, where it made one. */
    String realValue(String template, String name) {
        switch (name) {
            case "id" :
                if (template.startsWith("/api/v1/cycles")) {
                    return cycle;
                }
                if (template.startsWith("/api/v1/surveys") || template.startsWith("/api/v1/public/surveys")) {
                    return survey;
                }
                if (template.startsWith("/api/v1/budget/projects")) {
                    return project;
                }
                if (template.startsWith("/api/v1/quality")) {
                    return "1";
                }
                return UUID.randomUUID().toString();
            case "code" :
                return template.startsWith("/api/v1/indicators") ? INDICATOR : SUBJECT;
            case "subject" :
                return SUBJECT;
            case "period" :
            case "year" :
                return PERIOD;
            case "month" :
                return PERIOD + "-03";
            default :
                return UUID.randomUUID().toString();
        }
    }

    static String fill(String template, Map<String, String> values) {
        String path = template;
        for (Map.Entry<String, String> v : values.entrySet()) {
            path = path.replace("{" + v.getKey() + "}", v.getValue());
        }
        return path;
    }

    JsonNode resolve(JsonNode schema) {
        if (schema.has("$ref")) {
            String ref = schema.path("$ref").asText();
            return resolve(doc.at(ref.substring(1)));
        }
        if (schema.has("allOf") && schema.path("allOf").size() == 1) {
            return resolve(schema.path("allOf").get(0));
        }
        return schema;
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static String shorten(String s) {
        String one = s.replaceAll("[\\p{Cntrl}]", "?");
        return one.length() > 24 ? one.substring(0, 24) + "…(" + one.length() + ")" : one;
    }

    static byte[] bytes(JsonNode n) {
        try {
            return JSON.writeValueAsBytes(n);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
