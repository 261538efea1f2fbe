package io.jixiao.testsupport;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Checks a JSON value against an OpenAPI 3.1 schema, as far as the services' documents use it: references, allOf and
 * anyOf (oneOf is checked as anyOf), types, required and unknown properties, maps, enums, numeric bounds, lengths, item
 * counts, patterns and the uuid, date and date-time formats. Enough to tell that an example is a request its operation
 * reads, that an answer is what its operation documents, and that an event's sample fits its schema.
 */
public final class ExampleCheck {

    private ExampleCheck() {
    }

    /**
     * Adds to {@code problems} where {@code value}, at {@code at}, does not fit {@code schema}; references are resolved
     * in {@code doc} (the OpenAPI document, or the schema itself when it has none).
     */
    public static void against(JsonNode doc, JsonNode schema, JsonNode value, String at, List<String> problems) {
        JsonNode s = resolve(doc, schema);
        for (JsonNode part : s.path("allOf")) {
            against(doc, part, value, at, problems);
        }
        JsonNode branches = s.has("anyOf") ? s.path("anyOf") : s.path("oneOf");
        if (branches.size() > 0) {
            List<String> closest = null;
            for (JsonNode branch : branches) {
                List<String> found = new ArrayList<>();
                against(doc, branch, value, at, found);
                if (found.isEmpty()) {
                    closest = List.of();
                    break;
                }
                if (closest == null || found.size() < closest.size()) {
                    closest = found;
                }
            }
            problems.addAll(closest);
        }
        String type = type(s, value);
        if (type == null) {
            return;
        }
        boolean ok = switch (type) {
            case "string" -> value.isTextual();
            case "integer" -> value.isIntegralNumber();
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            case "array" -> value.isArray();
            case "object" -> value.isObject();
            case "null" -> value.isNull();
            default -> true;
        };
        if (!ok) {
            problems.add(at + ": " + value + " is not " + type);
            return;
        }
        if (s.has("enum") && !contains(s.path("enum"), value)) {
            problems.add(at + ": " + value + " is not one of " + s.path("enum"));
        }
        switch (type) {
            case "string" -> string(s, value.asText(), at, problems);
            case "integer", "number" -> number(s, value, at, problems);
            case "array" -> {
                if (s.has("minItems") && value.size() < s.path("minItems").asInt()
                        || s.has("maxItems") && value.size() > s.path("maxItems").asInt()) {
                    problems.add(at + ": " + value.size() + " items, outside " + s.path("minItems") + ".."
                            + s.path("maxItems"));
                }
                for (int i = 0; i < value.size(); i++) {
                    against(doc, s.path("items"), value.get(i), at + "[" + i + "]", problems);
                }
            }
            case "object" -> object(doc, s, value, at, problems);
            default -> {
            }
        }
    }

    private static void object(JsonNode doc, JsonNode s, JsonNode value, String at, List<String> problems) {
        for (JsonNode required : s.path("required")) {
            if (!value.has(required.asText())) {
                problems.add(at + ": " + required.asText() + " is required");
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode property = s.path("properties").path(e.getKey());
            if (!property.isMissingNode()) {
                against(doc, property, e.getValue(), at + "." + e.getKey(), problems);
            } else if (s.path("additionalProperties").isObject()) {
                against(doc, s.path("additionalProperties"), e.getValue(), at + "." + e.getKey(), problems);
            } else if (s.has("properties")) {
                problems.add(at + ": unknown property " + e.getKey());
            }
        }
    }

    private static void string(JsonNode s, String v, String at, List<String> problems) {
        if (s.has("maxLength") && v.codePointCount(0, v.length()) > s.path("maxLength").asInt()
                || s.has("minLength") && v.codePointCount(0, v.length()) < s.path("minLength").asInt()) {
            problems.add(
                    at + ": length " + v.length() + " outside " + s.path("minLength") + ".." + s.path("maxLength"));
        }
        if (s.has("pattern") && !Pattern.compile(s.path("pattern").asText()).matcher(v).find()) {
            problems.add(at + ": '" + v + "' does not match " + s.path("pattern").asText());
        }
        try {
            switch (s.path("format").asText()) {
                case "uuid" -> UUID.fromString(v);
                case "date" -> LocalDate.parse(v);
                case "date-time" -> OffsetDateTime.parse(v);
                default -> {
                }
            }
        } catch (IllegalArgumentException | DateTimeParseException e) {
            problems.add(at + ": '" + v + "' is not a " + s.path("format").asText());
        }
    }

    private static void number(JsonNode s, JsonNode v, String at, List<String> problems) {
        double d = v.asDouble();
        if (s.has("minimum") && d < s.path("minimum").asDouble()
                || s.has("maximum") && d > s.path("maximum").asDouble()
                || s.path("exclusiveMinimum").isNumber() && d <= s.path("exclusiveMinimum").asDouble()
                || s.path("exclusiveMaximum").isNumber() && d >= s.path("exclusiveMaximum").asDouble()) {
            problems.add(at + ": " + v + " is out of bounds");
        }
    }

    private static JsonNode resolve(JsonNode doc, JsonNode schema) {
        JsonNode s = schema;
        while (s.has("$ref")) {
            s = doc.at(s.path("$ref").asText().substring(1));
        }
        return s;
    }

    /** The schema's type; of a 3.1 list of types, the one the value has, or the first. */
    private static String type(JsonNode s, JsonNode value) {
        JsonNode t = s.path("type");
        if (!t.isArray()) {
            return t.isTextual() ? t.asText() : null;
        }
        for (JsonNode one : t) {
            if (value.isNull() && one.asText().equals("null") || !value.isNull() && !one.asText().equals("null")) {
                return one.asText();
            }
        }
        return t.get(0).asText();
    }

    private static boolean contains(JsonNode list, JsonNode value) {
        for (JsonNode e : list) {
            if (e.equals(value)) {
                return true;
            }
        }
        return false;
    }
}
