package io.github.payguru.merchant.dev.simulator;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.payguru.merchant.kernel.Masking;

/** How the simulated objects write their JSON: exact decimals, Payguru's numeric ids, its bank fields. */
final class SimJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    private SimJson() {
    }

    static ObjectNode object() {
        return NODES.objectNode();
    }

    /** An id held as text written as the number Payguru sends, or null. */
    static void putId(ObjectNode o, String field, String id) {
        if (id == null) {
            o.putNull(field);
        } else {
            o.put(field, Long.parseLong(id));
        }
    }

    /** Request or callback parameters with personal data and keys masked, for the control API. */
    static JsonNode maskedParams(Map<String, String> params) {
        return SimHttp.JSON.valueToTree(Masking.params(params));
    }

    /** {@code bank_id}, {@code bank_code}, {@code bank_name} of a PHS object. */
    static void putBank(ObjectNode o, PhsBank bank) {
        o.put("bank_id", bank.id());
        o.put("bank_code", bank.code());
        o.put("bank_name", bank.name());
    }
}
