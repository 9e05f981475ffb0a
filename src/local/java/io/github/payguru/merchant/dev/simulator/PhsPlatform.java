package io.github.payguru.merchant.dev.simulator;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The simulated PHS platform (bank transfer), in its parts: {@link PhsState} (what it holds),
 * {@link PhsApiFlows} (what a PHS API call does), {@link PhsTransferFlows} (a customer's transfer
 * arriving) and {@link PhsCallbacks} (the TCKN verify and notify it sends). Owned by
 * {@link PayguruSimulator}.
 */
record PhsPlatform(PhsState state, PhsApiFlows api, PhsTransferFlows transfers, PhsCallbacks callbacks) {

    static PhsPlatform create(SimContext ctx, CallbackSender sender) {
        PhsState state = new PhsState(ctx);
        PhsCallbacks callbacks = new PhsCallbacks(ctx);
        PhsApiFlows api = new PhsApiFlows(ctx, state);
        return new PhsPlatform(state, api, new PhsTransferFlows(ctx, state, api, callbacks, sender), callbacks);
    }

    /** Forgets everything; knobs back to their configured values. */
    void reset() {
        state.reset();
        transfers.reset();
        callbacks.reset();
    }

    Map<String, Object> knobs() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("phsCallbackMethod", callbacks.method());
        m.put("phsSandbox", transfers.sandbox());
        return m;
    }
}
