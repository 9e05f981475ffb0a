package io.github.payguru.merchant.dev.simulator;

import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One request that reached a simulated Payguru endpoint, as it arrived (dev/test only, in memory).
 *
 * @param operation the operation name, e.g. {@code mp.transaction.refund}
 * @param method HTTP method
 * @param path request path
 * @param params query, form and JSON body parameters (JSON objects flattened as {@code a[b]})
 * @param headers lower-case header names
 * @param at arrival time on the simulator's clock
 */
public record RecordedRequest(String operation, String method, String path, Map<String, String> params,
        Map<String, String> headers, Instant at) {

    /** As the control API lists it: parameters masked, headers left out. */
    public ObjectNode toMaskedJson() {
        ObjectNode o = SimJson.object();
        o.put("operation", operation);
        o.put("method", method);
        o.put("path", path);
        o.set("params", SimJson.maskedParams(params));
        o.put("at", at.toString());
        return o;
    }
}
