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
                           {"schema":{"$ref":"#/components/schemas/%2$s"}}}}}}},"/q/health":{"get":{}}},
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
}
