package io.github.payguru.merchant.payguru;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.payguru.merchant.kernel.BadRequestException;

/**
 * The JSON body of an operation call (the merchant's backend, SigV4-signed in AWS). Numbers keep their
 * exact decimal text ({@code 12.50} stays {@code "12.50"}); every accessor names the field it refuses.
 *
 * @param body the JSON object sent (empty when there was no body)
 */
public record OperationRequest(ObjectNode body) {

    /** Numbers written into answers keep their exact decimal text, as numbers read by {@code lambda/EventReader} do. */
    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    /** A scalar field as text (numbers as their exact decimal text), or null when absent or null. */
    public String text(String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isContainerNode()) {
            throw new BadRequestException("malformed field: " + field + " (a string or number)");
        }
        return v.isBigDecimal() ? v.decimalValue().toPlainString() : v.asText();
    }

    /** A scalar field that must be present and not blank. */
    public String required(String field) {
        String v = text(field);
        if (v == null || v.isBlank()) {
            throw new BadRequestException("missing field: " + field);
        }
        return v;
    }

    /** A field of any JSON type, or null. */
    public JsonNode node(String field) {
        JsonNode v = body.get(field);
        return v == null || v.isNull() ? null : v;
    }

    public static ObjectNode object() {
        return NODES.objectNode();
    }
}
