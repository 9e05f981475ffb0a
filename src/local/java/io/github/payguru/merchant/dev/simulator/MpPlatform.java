package io.github.payguru.merchant.dev.simulator;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The simulated MP platform (carrier billing), in its parts: {@link MpState} (what it holds),
 * {@link MpApiFlows} (the MP API's checks and what a refund, a cancel or a renewal does),
 * {@link MpPaymentFlows} (the payment page and the SMS purchase) and {@link MpCallbacks} (the
 * notifications it sends). Owned by {@link PayguruSimulator}.
 */
record MpPlatform(MpState state, MpApiFlows api, MpPaymentFlows payments, MpCallbacks callbacks) {

    static MpPlatform create(SimContext ctx, CallbackSender sender) {
        MpState state = new MpState(ctx);
        MpCallbacks callbacks = new MpCallbacks(ctx);
        MpApiFlows api = new MpApiFlows(ctx, state, callbacks, sender);
        return new MpPlatform(state, api, new MpPaymentFlows(ctx, state, api, callbacks, sender), callbacks);
    }

    /** Forgets everything; knobs back to their configured values. */
    void reset() {
        state.reset();
        api.reset();
        callbacks.reset();
    }

    Map<String, Object> knobs() {
        Map<String, Object> m = new LinkedHashMap<>(callbacks.knobs());
        m.put("rateLimits", api.rateLimits());
        return m;
    }
}
