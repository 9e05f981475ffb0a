package io.github.payguru.merchant.payguru;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** How an operation of either line reads Payguru's answer and shapes its own. */
public final class Answers {

    private Answers() {
    }

    /** Payguru's outcome when it is a success; otherwise the {@link PayguruFailure} the caller answers. */
    public static PayguruOutcome require(String operation, PayguruOutcome outcome) {
        if (!outcome.ok()) {
            throw PayguruFailure.of(operation, outcome);
        }
        return outcome;
    }

    /** The operation's success answer: Payguru's code and message and its whole answer under {@code payguru}. */
    public static ObjectNode answer(PayguruOutcome outcome) {
        ObjectNode out = OperationRequest.object().put("payguruCode", outcome.code())
                .put("payguruMessage", outcome.message());
        out.set("payguru", outcome.body());
        return out;
    }

    /** A scalar member as text (numbers as their exact decimal text), or null when absent or not a scalar. */
    public static String scalar(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        if (v == null || v.isNull() || v.isContainerNode()) {
            return null;
        }
        return v.isBigDecimal() ? v.decimalValue().toPlainString() : v.asText();
    }

    public static String firstNonNull(String a, String b) {
        return a != null ? a : b;
    }

    public static String trimSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
