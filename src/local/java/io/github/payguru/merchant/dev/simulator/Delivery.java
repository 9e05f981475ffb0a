package io.github.payguru.merchant.dev.simulator;

import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One attempt to deliver a callback to the merchant, and what the merchant answered.
 *
 * @param seq order in which attempts were made (1, 2, …)
 * @param kind {@code phs.notify}, {@code phs.tckn-verify}, {@code mp.billing} or {@code mp.subscription}
 * @param method GET or POST
 * @param url the full URL called (GET: with its query string)
 * @param params the callback's parameters (unmasked: these are made-up test values)
 * @param copy 1 for the original, 2.. for configured duplicates
 * @param attempt 1 for the first try, 2.. for retries of the same copy
 * @param status HTTP status answered, or 0 when no answer came (connection refused, timeout)
 * @param answer the body answered (or the error)
 * @param accepted whether the answer counts as accepted ({@code OK} for PHS notify, 2xx otherwise)
 * @param at when the attempt was made
 */
public record Delivery(long seq, String kind, String method, String url, Map<String, String> params, int copy,
        int attempt, int status, String answer, boolean accepted, Instant at) {

    /** The first attempt of a copy that the fail knob stops: recorded as not delivered, never sent. */
    static Delivery notSent(long seq, Callback c, String url, int copy, Instant at) {
        return new Delivery(seq, c.kind(), c.method(), url, c.params(), copy, 1, 0, "not sent: the simulator's fail knob",
                false, at);
    }

    /** As the control API lists it: parameters masked, the URL left out. */
    public ObjectNode toMaskedJson() {
        ObjectNode o = SimJson.object();
        o.put("seq", seq);
        o.put("kind", kind);
        o.put("method", method);
        o.set("params", SimJson.maskedParams(params));
        o.put("copy", copy);
        o.put("attempt", attempt);
        o.put("status", status);
        o.put("answer", answer);
        o.put("accepted", accepted);
        o.put("at", at.toString());
        return o;
    }
}
