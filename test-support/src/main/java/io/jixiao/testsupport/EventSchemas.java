package io.jixiao.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The JSON Schema of every event type, next to its sample in {@code docs/events/}: made from the producer's payload
 * record as Jackson sees it, by the API's rule (every property is always there; it may be null only where the record
 * declares {@code @Schema(nullable = true)}, which the kit's {@code DeclaredNulls} enforces when the event is written;
 * a map's values may be null). Other government systems that consume the topics read it; the producer's test keeps it
 * up to date and checks the sample against it.
 */
public final class EventSchemas {

    /** {@code -Djixiao.events.update=true} rewrites the schemas rather than failing when they are out of date. */
    public static final String UPDATE = "jixiao.events.update";

    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private EventSchemas() {
    }

    /** The schema of an event type whose payload is {@code payload}. */
    public static ObjectNode of(String type, Class<?> payload) {
        ObjectNode s = F.objectNode();
        s.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        s.put("title", type);
        s.setAll(object(MAPPER.constructType(payload)));
        return s;
    }

    /**
     * The differences between the stored schema of {@code type} and the one {@code payload} gives, and between the
     * sample and the schema ({@link ExampleCheck}, which also reports a field the schema does not name). Empty when all
     * agree. With {@link #UPDATE} set, the stored schema is rewritten first.
     */
    public static List<String> check(String type, Class<?> payload) {
        ObjectNode schema = of(type, payload);
        Path file = EventSamples.dir().resolve(type + ".schema.json");
        List<String> out = new ArrayList<>();
        try {
            String text = MAPPER.writeValueAsString(schema) + "\n";
            if (Boolean.getBoolean(UPDATE)) {
                Files.writeString(file, text, StandardCharsets.UTF_8);
            }
            if (!Files.exists(file) || !Files.readString(file, StandardCharsets.UTF_8).equals(text)) {
                out.add(file.getFileName() + " is not the schema of " + payload.getSimpleName()
                        + ": run the producer's test with -D" + UPDATE + "=true and review the change");
            }
            ExampleCheck.against(schema, schema, MAPPER.readTree(EventSamples.sample(type)), "$", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static ObjectNode object(JavaType type) {
        ObjectNode s = F.objectNode();
        s.put("type", "object");
        ObjectNode properties = s.putObject("properties");
        ArrayNode required = s.putArray("required");
        for (BeanPropertyDefinition p : MAPPER.getSerializationConfig().introspect(type).findProperties()) {
            if (!p.couldSerialize()) {
                continue;
            }
            JavaType t = p.getPrimaryType();
            ObjectNode ps = schema(t);
            Schema declared = p.getAccessor() == null ? null : p.getAccessor().getAnnotation(Schema.class);
            if (t.isTypeOrSubTypeOf(Optional.class) || declared != null && declared.nullable()) {
                ps = nullable(ps);
            }
            properties.set(p.getName(), ps);
            required.add(p.getName());
        }
        return s; // a field added later is not a breaking change (DESIGN section 7), so others are not refused
    }

    private static ObjectNode schema(JavaType t) {
        Class<?> c = t.getRawClass();
        ObjectNode s = F.objectNode();
        if (t.isTypeOrSubTypeOf(Optional.class)) {
            return schema(t.containedType(0));
        } else if (c == String.class) {
            s.put("type", "string");
        } else if (c == UUID.class) {
            s.put("type", "string").put("format", "uuid");
        } else if (c == OffsetDateTime.class) {
            s.put("type", "string").put("format", "date-time");
        } else if (c == LocalDate.class) {
            s.put("type", "string").put("format", "date");
        } else if (c == int.class || c == long.class || c == Integer.class || c == Long.class
                || c == BigInteger.class) {
            s.put("type", "integer");
        } else if (c == double.class || c == Double.class || c == BigDecimal.class) {
            s.put("type", "number");
        } else if (c == boolean.class || c == Boolean.class) {
            s.put("type", "boolean");
        } else if (c.isEnum()) {
            s.put("type", "string");
            ArrayNode values = s.putArray("enum");
            for (Object v : c.getEnumConstants()) {
                values.add(((Enum<?>) v).name());
            }
        } else if (t.isCollectionLikeType() || t.isArrayType()) {
            s.put("type", "array");
            s.set("items", schema(t.getContentType()));
        } else if (t.isMapLikeType()) {
            s.put("type", "object");
            s.set("additionalProperties", nullable(schema(t.getContentType()))); // a dimension not scored
        } else if (JsonNode.class.isAssignableFrom(c) || c == Object.class) {
            return s; // any JSON value
        } else if (c.getName().startsWith("io.jixiao.")) {
            return object(t);
        } else {
            throw new IllegalArgumentException("no JSON Schema for " + t);
        }
        return s;
    }

    private static ObjectNode nullable(ObjectNode s) {
        if (s.path("type").isTextual()) {
            String type = s.path("type").asText();
            s.putArray("type").add(type).add("null");
            if (s.path("enum") instanceof ArrayNode values) {
                values.addNull();
            }
        }
        return s;
    }
}
