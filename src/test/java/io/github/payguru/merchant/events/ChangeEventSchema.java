package io.github.payguru.merchant.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Holds derived events to {@code src/main/resources/events/change-event.v1.schema.json}: the envelope's
 * detail-type, every required detail field present and no other, each field's type, enum, const and pattern
 * (the keywords the schema uses; a full validator is not among the test dependencies).
 */
final class ChangeEventSchema {

    static final JsonNode SCHEMA = read();

    private ChangeEventSchema() {
    }

    static JsonNode read() {
        try {
            return new ObjectMapper().readTree(Path.of("src", "main", "resources", "events", "change-event.v1.schema.json").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void check(ChangeEvent e) {
        assertTrue(contains(SCHEMA.path("properties").path("detail-type").path("enum"), e.detailType()), e.detailType());
        JsonNode def = SCHEMA.path("$defs").path("detail");
        Set<String> required = new TreeSet<>();
        def.path("required").forEach(r -> required.add(r.asText()));
        Set<String> present = new TreeSet<>();
        e.detail().fieldNames().forEachRemaining(present::add);
        assertEquals(required, present, "detail fields of " + e.detail());
        Iterator<String> names = e.detail().fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            JsonNode rule = def.path("properties").path(name);
            if (rule.has("$ref")) {
                rule = SCHEMA.path("$defs").path(rule.get("$ref").asText().replace("#/$defs/", ""));
            }
            value(name, rule, e.detail().get(name));
        }
    }

    private static void value(String name, JsonNode rule, JsonNode v) {
        String where = name + "=" + v;
        if (rule.has("const")) {
            assertEquals(rule.get("const"), v, where);
        }
        if (rule.has("enum")) {
            assertTrue(contains(rule.get("enum"), v.isNull() ? null : v.asText()), where);
        }
        if (rule.has("type")) {
            assertTrue(typeOk(rule.get("type"), v), where + " is not " + rule.get("type"));
        }
        if (rule.has("pattern") && v.isTextual()) {
            assertTrue(v.asText().matches(rule.get("pattern").asText()), where + " does not match " + rule.get("pattern"));
        }
        if (v.isObject() && rule.has("properties")) {
            v.fieldNames().forEachRemaining(f -> assertTrue(rule.path("properties").has(f), name + "." + f));
            rule.path("required").forEach(r -> assertTrue(v.has(r.asText()), name + " lacks " + r.asText()));
            v.fields().forEachRemaining(f -> value(name + "." + f.getKey(), rule.path("properties").path(f.getKey()),
                    f.getValue()));
        }
    }

    private static boolean typeOk(JsonNode type, JsonNode v) {
        if (type.isArray()) {
            for (JsonNode t : type) {
                if (typeOk(t, v)) {
                    return true;
                }
            }
            return false;
        }
        return switch (type.asText()) {
            case "null" -> v.isNull();
            case "string" -> v.isTextual();
            case "boolean" -> v.isBoolean();
            case "integer" -> v.isIntegralNumber();
            case "object" -> v.isObject();
            default -> false;
        };
    }

    private static boolean contains(JsonNode values, String v) {
        for (JsonNode x : values) {
            if (v == null ? x.isNull() : !x.isNull() && x.asText().equals(v)) {
                return true;
            }
        }
        return false;
    }
}
