package io.jixiao.system;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.jixiao.testsupport.ExampleCheck;

/**
 * The merged OpenAPI served by the gateway covers every service, carries the problem schema, and is the one checked in
 * at docs/api/openapi.json; the TypeScript types generated from it with npm's openapi-typescript are the ones checked
 * in at clients/typescript/jixiao-api.d.ts. To accept an API change: {@code -Djixiao.api.update=true} rewrites both.
 */
class OpenApiIT {

    static final String GENERATOR = "openapi-typescript@7.13.0";
    static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();
    static final Path DOC = ROOT.resolve("docs/api/openapi.json");
    static final Path TYPES = ROOT.resolve("clients/typescript/jixiao-api.d.ts");
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @BeforeAll
    static void start() {
        Suite.atGateway();
    }

    @Test
    void theMergedDocumentCoversEveryServiceAndIsTheCheckedInOne() throws Exception {
        String body = given().get("/openapi.json").then().statusCode(200).extract().asString();
        JsonNode live = JSON.readTree(body);
        assertNull(live.path("info").get("x-jixiao-missing"), "every service answered");
        for (String path : List.of("/api/v1/subjects", "/api/v1/cycles/{id}/ratings", "/api/v1/surveys",
                "/api/v1/public/surveys/{id}/responses", "/api/v1/budget/projects", "/api/v1/portal/league",
                "/api/v1/reviews")) {
            assertTrue(live.path("paths").has(path), path);
        }
        assertEquals("#/components/schemas/Problem", live.at("/paths/~1api~1v1~1values/post/responses/4XX/content")
                .path("application/problem+json").path("schema").path("$ref").asText());
        Path fresh = Path.of("target", "openapi");
        Files.createDirectories(fresh);
        Path doc = fresh.resolve("openapi.json");
        Files.writeString(doc, JSON.writeValueAsString(live) + "\n");
        Path types = fresh.resolve("jixiao-api.d.ts");
        generateTypes(doc, types);
        if (Boolean.getBoolean("jixiao.api.update")) {
            Files.copy(doc, DOC, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Files.copy(types, TYPES, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        String hint = " is out of date: the API changed; run ./mvnw verify -pl system-test -Dit.test=OpenApiIT "
                + "-Djixiao.api.update=true and commit the result";
        assertEquals(JSON.readTree(DOC.toFile()), live, DOC + hint);
        assertEquals(Files.readString(TYPES), Files.readString(types), TYPES + hint);
    }

    /**
     * DESIGN section 8 asks for an OpenAPI document "with examples". Every JSON request body has at least one, and
     * each example is valid against its operation's own schema (types, required and unknown properties, enums,
     * bounds, lengths, patterns, formats), so an example cannot drift from the request it shows.
     */
    @Test
    void everyJsonRequestBodyHasExamplesThatFitItsSchema() throws Exception {
        JsonNode doc = JSON.readTree(given().get("/openapi.json").then().statusCode(200).extract().asString());
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (var path : (Iterable<Map.Entry<String, JsonNode>>) doc.path("paths")::fields) {
            for (var op : (Iterable<Map.Entry<String, JsonNode>>) path.getValue()::fields) {
                String name = op.getKey().toUpperCase() + " " + path.getKey();
                JsonNode json = op.getValue().path("requestBody").path("content").path("application/json");
                if (json.isMissingNode() || path.getKey().startsWith("/auth/")) {
                    continue;
                }
                JsonNode examples = json.path("examples");
                if (examples.size() == 0) {
                    problems.add(name + ": no example");
                }
                for (var example : (Iterable<Map.Entry<String, JsonNode>>) examples::fields) {
                    checked++;
                    ExampleCheck.against(doc, json.path("schema"), example.getValue().path("value"),
                            name + " example '" + example.getKey() + "' ", problems);
                }
            }
        }
        assertTrue(checked >= 37, "examples checked: " + checked);
        assertEquals(List.of(), problems);
        // and the check tells a wrong request: a missing field, a bad period, a word for a number, an unknown field
        List<String> wrong = new ArrayList<>();
        ExampleCheck.against(doc, doc.at("/paths/~1api~1v1~1values/post/requestBody/content/application~1json/schema"),
                JSON.readTree("{\"subject\": \"EDU\", \"period\": \"2026-13\", \"value\": \"high\", \"colour\": 1}"),
                "wrong", wrong);
        assertEquals(4, wrong.size(), wrong.toString());
    }

    /**
     * Every JSON answer of every operation has an example, and it fits the answer's schema. The examples are answers
     * the system tests received (see {@link Answers}, which also holds every answer of the suite against the document),
     * kept in the gateway's {@code openapi/examples.json}; the file names only operations and statuses the document
     * has, so none is silently dropped. Its refusals, one per status, are problems, and every 4XX answer shows them.
     */
    @Test
    void everyJsonAnswerHasARecordedExampleThatFitsItsSchema() throws Exception {
        JsonNode doc = JSON.readTree(given().get("/openapi.json").then().statusCode(200).extract().asString());
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (var path : (Iterable<Map.Entry<String, JsonNode>>) doc.path("paths")::fields) {
            if (path.getKey().startsWith("/auth/")) {
                continue;
            }
            for (var op : (Iterable<Map.Entry<String, JsonNode>>) path.getValue()::fields) {
                for (var answer : (Iterable<Map.Entry<String, JsonNode>>) op.getValue().path("responses")::fields) {
                    JsonNode json = answer.getValue().path("content").path("application/json");
                    if (!answer.getKey().startsWith("2") || json.isMissingNode()) {
                        continue;
                    }
                    String name = op.getKey().toUpperCase() + " " + path.getKey() + " " + answer.getKey();
                    JsonNode example = json.path("examples").path("recorded").path("value");
                    if (example.isMissingNode()) {
                        problems.add(name + ": no example");
                        continue;
                    }
                    checked++;
                    ExampleCheck.against(doc, json.path("schema"), example, name + " example", problems);
                }
            }
        }
        JsonNode file = JSON.readTree(Answers.EXAMPLES.toFile());
        // the refusals: one per status, each a problem, each shown where an operation answers that status
        List<String> statuses = new ArrayList<>();
        file.path(Answers.PROBLEMS).fieldNames().forEachRemaining(statuses::add);
        assertTrue(statuses.containsAll(List.of("400", "401", "403", "404", "409", "422")), statuses.toString());
        for (String status : statuses) {
            JsonNode example = doc.at("/components/examples/Problem" + status + "/value");
            if (!status.startsWith("4") || example.isMissingNode()) {
                problems.add("problem " + status + ": not a refusal, or not in the document");
                continue;
            }
            assertEquals(status, example.path("status").asText(), "problem " + status);
            ExampleCheck.against(doc, JSON.createObjectNode().put("$ref", "#/components/schemas/Problem"), example,
                    "problem " + status, problems);
        }
        JsonNode valueRefusals = doc.at("/paths/~1api~1v1~1values/post/responses");
        assertEquals("#/components/examples/Problem409", valueRefusals.at("/4XX/content/application~1problem+json"
                + "/examples/409/$ref").asText());
        assertEquals("#/components/examples/Problem400", valueRefusals.at("/400/content/application~1problem+json"
                + "/examples/400/$ref").asText());
        for (var op : (Iterable<Map.Entry<String, JsonNode>>) file::fields) {
            if (op.getKey().equals(Answers.PROBLEMS)) {
                continue;
            }
            String[] name = op.getKey().split(" ", 2);
            for (var status : (Iterable<Map.Entry<String, JsonNode>>) op.getValue()::fields) {
                if (doc.path("paths").path(name[1]).path(name[0].toLowerCase()).path("responses")
                        .path(status.getKey()).path("content").path("application/json").isMissingNode()) {
                    problems.add(op.getKey() + " " + status.getKey() + ": an example of an answer the document does"
                            + " not have");
                }
            }
        }
        assertTrue(checked >= 95, "answers with examples: " + checked);
        assertEquals(List.of(), problems, "record the examples again: ./mvnw verify -pl system-test "
                + "-Djixiao.api.examples=record, then rebuild the gateway and update the document");
    }

    static void generateTypes(Path doc, Path out) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("npx", "--yes", GENERATOR, doc.toAbsolutePath().toString(), "-o",
                out.toAbsolutePath().toString()).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(180, TimeUnit.SECONDS), "openapi-typescript did not finish");
        assertEquals(0, p.exitValue(), "openapi-typescript failed: " + log);
    }
}
