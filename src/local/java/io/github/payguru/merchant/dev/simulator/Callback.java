package io.github.payguru.merchant.dev.simulator;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A call the simulated platform makes to the merchant.
 *
 * @param kind {@code phs.notify}, {@code phs.tckn-verify}, {@code mp.billing}, {@code mp.subscription}
 * @param method GET (parameters in the query string) or POST (parameters as a JSON object)
 * @param path merchant route, appended to {@code payguru.simulator.callback-base-url}
 * @param params parameters in wire order
 * @param query true for a question whose answer decides what follows (TCKN verify): never duplicated
 * @param then what to send after the final attempt of this call (given its last delivery; may be null)
 */
public record Callback(String kind, String method, String path, Map<String, String> params, boolean query,
        Function<Delivery, List<Callback>> then) {

    public static Callback notification(String kind, String method, String path, Map<String, String> params) {
        return new Callback(kind, method, path, params, false, null);
    }

    /** Whether the merchant's answer counts as accepted: exactly {@code OK} for PHS notify, any 2xx otherwise. */
    public boolean accepted(int status, String body) {
        if ("phs.notify".equals(kind)) {
            return body != null && "OK".equals(body.strip());
        }
        return status >= 200 && status < 300;
    }
}
