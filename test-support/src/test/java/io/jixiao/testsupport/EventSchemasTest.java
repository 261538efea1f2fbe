package io.jixiao.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class EventSchemasTest {

    enum Light {
        GREEN, RED
    }

    record Gate(String status, List<String> failed) {
    }

    record Computed(UUID id, String subject, @Schema(nullable = true) BigDecimal total, int n,
            @Schema(nullable = true) Light light, Map<String, BigDecimal> dimensions, Gate gate,
            OffsetDateTime computedAt) {
    }

    static final ObjectMapper JSON = new ObjectMapper();

    static List<String> problems(String json) throws Exception {
        List<String> out = new ArrayList<>();
        JsonNode schema = EventSchemas.of("t.v1", Computed.class);
        ExampleCheck.against(schema, schema, JSON.readTree(json), "$", out);
        return out;
    }

    static final String GOOD = """
            {"id":"4f1c0c43-3f5e-4a53-8a55-7d2f1b0c9a10","subject":"FIN","total":null,"n":3,"light":"RED",
             "dimensions":{"PUBLIC":82.5,"FINANCIAL":null},"gate":{"status":"PASSED","failed":[]},
             "computedAt":"2026-11-22T08:00:00Z"}""";

    @Test
    void everyFieldIsRequiredAndOnlyTheDeclaredOnesMayBeNull() {
        JsonNode s = EventSchemas.of("t.v1", Computed.class);
        assertEquals("t.v1", s.path("title").asText());
        assertEquals("[\"id\",\"subject\",\"total\",\"n\",\"light\",\"dimensions\",\"gate\",\"computedAt\"]",
                s.path("required").toString());
        assertEquals("{\"type\":\"string\",\"format\":\"uuid\"}", s.at("/properties/id").toString());
        assertEquals("[\"number\",\"null\"]", s.at("/properties/total/type").toString());
        assertEquals("\"integer\"", s.at("/properties/n/type").toString());
        assertEquals("[\"GREEN\",\"RED\",null]", s.at("/properties/light/enum").toString());
        assertEquals("[\"number\",\"null\"]", s.at("/properties/dimensions/additionalProperties/type").toString());
        assertEquals("[\"status\",\"failed\"]", s.at("/properties/gate/required").toString());
        assertEquals("date-time", s.at("/properties/computedAt/format").asText());
    }

    @Test
    void aSampleThatDoesNotFitItsSchemaIsToldWhere() throws Exception {
        assertEquals(List.of(), problems(GOOD));
        assertEquals(List.of("$.subject: null is not string"),
                problems(GOOD.replace("\"FIN\"", "null")));
        assertEquals(List.of("$.n: \"3\" is not integer"),
                problems(GOOD.replace("\"n\":3", "\"n\":\"3\"")));
        assertEquals(List.of("$.light: \"AMBER\" is not one of [\"GREEN\",\"RED\",null]"),
                problems(GOOD.replace("\"RED\"", "\"AMBER\"")));
        assertEquals(List.of("$.gate: status is required", "$.gate: unknown property state"),
                problems(GOOD.replace("\"status\"", "\"state\"")));
        assertEquals(List.of("$.gate.failed[0]: 1 is not string"),
                problems(GOOD.replace("\"failed\":[]", "\"failed\":[1]")));
    }
}
