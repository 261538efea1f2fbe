package io.jixiao.gateway.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;

class OpenApiMergerTest {

    static final ObjectMapper JSON = new ObjectMapper();

    static JsonNode doc(String path, String schema, String shape) throws Exception {
        return JSON.readTree(
                """
                        {"openapi":"3.1.0","tags":[{"name":"T-%1$s"}],
                         "paths":{"%1$s":{"get":{"responses":{}},"put":{"security":[{"SecurityScheme":["**"]}]},
                                          "post":{"security":[{"SecurityScheme":["admin","department"]}],"responses":{"200":{"description":"ok","content":{"application/json":
                           {"schema":{"$ref":"#/components/schemas/%2$s"}}}},"400":{"description":"Bad Request"},
                           "404":{"description":"a CSV","content":{"text/csv":{}}}}}},"/q/health":{"get":{}}},
                         "components":{"schemas":{"%2$s":{"type":"%3$s"}}}}
                        """
                        .formatted(path, schema, shape));
    }

    static List<String> names(JsonNode n) {
        List<String> out = new java.util.ArrayList<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }

    @Test
    void pathsAndSchemasAreUnitedAndAClashingSchemaIsPrefixedWithItsReferencesRewritten() throws Exception {
        Map<String, JsonNode> docs = new LinkedHashMap<>();
        docs.put("indicator", doc("/api/v1/values", "Status", "string"));
        docs.put("budget", doc("/api/v1/budget/projects", "Status", "integer"));
        docs.put("survey", doc("/api/v1/surveys", "Status", "string"));
        JsonNode m = OpenApiMerger.merge(docs, List.of("evaluation"));
        assertEquals(List.of("/api/v1/budget/projects", "/api/v1/surveys", "/api/v1/values"),
                names(m.path("paths")));
        assertFalse(m.path("paths").has("/q/health"), "only the API paths");
        assertEquals("string", m.at("/components/schemas/Status/type").asText());
        assertEquals("integer", m.at("/components/schemas/BudgetStatus/type").asText());
        assertEquals("#/components/schemas/BudgetStatus", m.at("/paths/~1api~1v1~1budget~1projects/post/responses/200"
                + "/content/application~1json/schema/$ref").asText());
        assertEquals("#/components/schemas/Status", m.at("/paths/~1api~1v1~1surveys/post/responses/200"
                + "/content/application~1json/schema/$ref").asText(), "an identical schema is shared");
        assertEquals("#/components/schemas/Problem", m.at("/paths/~1api~1v1~1values/post/responses/4XX/content"
                + "/application~1problem+json/schema/$ref").asText());
        assertTrue(m.at("/components/schemas/Problem/properties").has("violations"));
        // every operation declares the 503 a client should retry, with the header that says when
        assertEquals("#/components/responses/Unavailable", m.at("/paths/~1api~1v1~1surveys/post/responses/503/$ref")
                .asText());
        assertEquals("#/components/responses/Unavailable", m.at("/paths/~1api~1v1~1values/post/responses/503/$ref")
                .asText());
        assertEquals("#/components/schemas/Problem", m.at("/components/responses/Unavailable/content"
                + "/application~1problem+json/schema/$ref").asText());
        assertEquals("integer", m.at("/components/responses/Unavailable/headers/Retry-After/schema/type").asText());
        // a refusal declared without a body answers a problem too; one declared with its own body keeps it
        assertEquals("#/components/schemas/Problem", m.at("/paths/~1api~1v1~1values/post/responses/400/content"
                + "/application~1problem+json/schema/$ref").asText());
        assertEquals("Bad Request", m.at("/paths/~1api~1v1~1values/post/responses/400/description").asText());
        assertEquals(List.of("text/csv"), names(m.at("/paths/~1api~1v1~1values/post/responses/404/content")));
        assertEquals("evaluation", m.at("/info/x-jixiao-missing/0").asText());
        assertEquals(3, m.path("tags").size());
        // the roles are kept under the one declared scheme; an operation without security is marked public
        assertTrue(m.at("/components/securitySchemes").has("bearer"));
        assertEquals("[{\"bearer\":[\"admin\",\"department\"]}]",
                m.at("/paths/~1api~1v1~1values/post/security").toString());
        assertEquals("[]", m.at("/paths/~1api~1v1~1values/get/security").toString());
        assertEquals("[{\"bearer\":[\"admin\",\"assessor\",\"department\",\"finance\",\"superior\",\"system\"]}]",
                m.at("/paths/~1api~1v1~1values/put/security").toString(), "any signed-in caller, spelled out");
        assertEquals("[{\"bearer\":[]}]", m.path("security").toString());
    }

    @Test
    void recordedAnswersBecomeTheExamplesOfTheResponsesTheyBelongTo() throws Exception {
        JsonNode m = OpenApiMerger.withExamples(OpenApiMerger.merge(Map.of("indicator", doc("/api/v1/values",
                "Value", "object")), List.of()), JSON.readTree("""
                        {"POST /api/v1/values": {"200": {"subject": "EDU"}, "201": {"no": "such status"}},
                         "GET /api/v1/values": {"200": {"not": "documented as JSON"}},
                         "DELETE /api/v1/values": {"200": {}}, "GET /api/v1/gone": {"200": {}},
                         "problems": {"400": {"status": 400}, "409": {"status": 409}}}
                        """));
        String values = "/paths/~1api~1v1~1values/";
        assertEquals("{\"subject\":\"EDU\"}",
                m.at(values + "post/responses/200/content/application~1json/examples/recorded/value").toString());
        assertFalse(m.at(values + "post/responses").has("201"), "a status the document does not have is not added");
        assertFalse(m.at(values + "get").has("responses") && m.at(values + "get/responses").has("200"));
        assertFalse(m.path("paths").has("/api/v1/gone"));
        assertFalse(m.at(values).has("delete"));
        // the refusals: shared examples, all of them under 4XX, and its own under a declared 400
        assertEquals("{\"status\":409}", m.at("/components/examples/Problem409/value").toString());
        assertEquals("{\"400\":{\"$ref\":\"#/components/examples/Problem400\"},"
                + "\"409\":{\"$ref\":\"#/components/examples/Problem409\"}}",
                m.at(values + "post/responses/4XX/content/application~1problem+json/examples").toString());
        assertEquals("{\"400\":{\"$ref\":\"#/components/examples/Problem400\"}}",
                m.at(values + "post/responses/400/content/application~1problem+json/examples").toString());
        assertTrue(m.at(values + "post/responses/default/content/application~1problem+json/examples").isMissingNode());
    }

    @Test
    void aPropertyOfARequestThatIsNotRequiredMayBeNull() throws Exception {
        JsonNode d = JSON.readTree(
                """
                        {"openapi":"3.1.0","paths":{"/api/v1/things":{"post":{
                           "requestBody":{"content":{"application/json":{"schema":{"type":"object","required":["code"],
                              "properties":{"code":{"type":"string"},"note":{"type":"string"}}}}}}},
                           "put":{"requestBody":{"content":{"application/json":{"schema":{"$ref":"#/components/schemas/Thing"}}}},
                           "responses":{"200":{"content":{"application/json":{"schema":{"$ref":"#/components/schemas/Thing"}}}}}}}},
                         "components":{"schemas":{"Thing":{"type":"object","required":["id"],"properties":{
                           "id":{"type":"integer"},"names":{"type":"array","items":{"type":"object",
                              "properties":{"en":{"type":"string"}}}},
                           "light":{"$ref":"#/components/schemas/Light","description":"its light"},
                           "kind":{"type":"string","enum":["A","B"]},"any":{},"both":{"type":["string","null"]}}},
                           "Light":{"type":"string","enum":["GREEN","RED"]}}}}
                        """);
        JsonNode m = OpenApiMerger.merge(Map.of("indicator", d), List.of());
        JsonNode thing = m.at("/components/schemas/Thing/properties");
        assertEquals("\"integer\"", thing.at("/id/type").toString(), "a required property is not");
        assertEquals("[\"array\",\"null\"]", thing.at("/names/type").toString());
        assertEquals("[\"string\",\"null\"]", thing.at("/names/items/properties/en/type").toString(), "nested");
        assertEquals("[{\"$ref\":\"#/components/schemas/Light\"},{\"type\":\"null\"}]",
                thing.at("/light/anyOf").toString());
        assertEquals("its light", thing.at("/light/description").asText());
        assertEquals("[\"A\",\"B\",null]", thing.at("/kind/enum").toString());
        assertEquals("{}", thing.path("any").toString());
        assertEquals("[\"string\",\"null\"]", thing.at("/both/type").toString(), "not twice");
        assertEquals("\"string\"", m.at("/components/schemas/Light/type").toString(), "a schema itself is not");
        JsonNode request = m
                .at("/paths/~1api~1v1~1things/post/requestBody/content/application~1json/schema/properties");
        assertEquals("\"string\"", request.at("/code/type").toString());
        assertEquals("[\"string\",\"null\"]", request.at("/note/type").toString());
        assertEquals("[\"id\"]", m.at("/components/schemas/Thing/required").toString(),
                "a schema that a request uses too keeps its own required");
    }

    @Test
    void anAnswerHasEveryPropertyAndOnlyTheDeclaredOnesMayBeNull() throws Exception {
        JsonNode d = JSON.readTree(
                """
                        {"openapi":"3.1.0","paths":{"/api/v1/things":{"get":{
                           "responses":{"200":{"content":{"application/json":{"schema":{"type":"array",
                              "items":{"$ref":"#/components/schemas/Thing"}}}}},
                              "400":{"content":{"application/problem+json":{"schema":{"$ref":"#/components/schemas/Problem"}}}}}}}},
                         "components":{"schemas":{"Thing":{"type":"object","properties":{
                           "id":{"type":"integer"},"nameEn":{"type":["string","null"]},
                           "part":{"$ref":"#/components/schemas/Part"},
                           "light":{"anyOf":[{"$ref":"#/components/schemas/Light"},{"type":"null"}]},
                           "kind":{"type":["string","null"],"enum":["A","B"]},
                           "scores":{"type":"object","additionalProperties":{"type":"number"}}}},
                           "Part":{"type":"object","properties":{"code":{"type":"string"},
                              "names":{"type":"array","items":{"type":"object","properties":{"en":{"type":"string"}}}}}},
                           "Light":{"type":"string","enum":["GREEN","RED"]},
                           "Unused":{"type":"object","properties":{"x":{"type":"string"}}}}}}
                        """);
        JsonNode m = OpenApiMerger.merge(Map.of("indicator", d), List.of());
        JsonNode thing = m.at("/components/schemas/Thing");
        assertEquals("[\"id\",\"nameEn\",\"part\",\"light\",\"kind\",\"scores\"]", thing.path("required").toString());
        assertEquals("\"integer\"", thing.at("/properties/id/type").toString());
        assertEquals("[\"string\",\"null\"]", thing.at("/properties/nameEn/type").toString(), "declared, kept");
        assertEquals("{\"$ref\":\"#/components/schemas/Part\"}", thing.at("/properties/part").toString());
        assertEquals("[{\"$ref\":\"#/components/schemas/Light\"},{\"type\":\"null\"}]",
                thing.at("/properties/light/anyOf").toString());
        assertEquals("[\"A\",\"B\",null]", thing.at("/properties/kind/enum").toString(),
                "a declared null is allowed by the enumeration too");
        assertEquals("[\"number\",\"null\"]", thing.at("/properties/scores/additionalProperties/type").toString(),
                "a map's values may be null");
        JsonNode part = m.at("/components/schemas/Part");
        assertEquals("[\"code\",\"names\"]", part.path("required").toString(), "reached through a reference");
        assertEquals("\"string\"", part.at("/properties/code/type").toString());
        assertEquals("[\"en\"]", part.at("/properties/names/items/required").toString(), "nested objects too");
        assertEquals("[\"type\",\"title\",\"status\"]", m.at("/components/schemas/Problem/required").toString(),
                "a problem leaves out what it does not have");
        assertTrue(m.at("/components/schemas/Unused").isMissingNode(), "a schema no operation reaches is left out");
    }

    @Test
    void aRenamedSchemaNeverTakesTheNameOfAnother() throws Exception {
        Map<String, JsonNode> docs = new LinkedHashMap<>();
        docs.put("indicator", doc("/api/v1/values", "Status", "string"));
        // survey has a Status of its own shape and, besides it, a schema already named SurveyStatus
        JsonNode survey = doc("/api/v1/surveys", "Status", "integer");
        ((com.fasterxml.jackson.databind.node.ObjectNode) survey.at("/components/schemas")).putObject("SurveyStatus")
                .put("type", "boolean");
        ((com.fasterxml.jackson.databind.node.ObjectNode) survey.path("paths")).set("/api/v1/surveys/{id}/status",
                JSON.readTree("""
                        {"get":{"responses":{"200":{"content":{"application/json":{"schema":
                           {"$ref":"#/components/schemas/SurveyStatus"}}}}}}}
                        """));
        docs.put("survey", survey);
        JsonNode m = OpenApiMerger.merge(docs, List.of());
        assertEquals("boolean", m.at("/components/schemas/SurveyStatus/type").asText(), "kept, not overwritten");
        assertEquals("integer", m.at("/components/schemas/SurveyStatus2/type").asText());
        assertEquals("#/components/schemas/SurveyStatus2", m.at("/paths/~1api~1v1~1surveys/post/responses/200"
                + "/content/application~1json/schema/$ref").asText());
    }
}
