package io.github.payguru.merchant.callback;

import io.github.payguru.merchant.mp.MpSubscriptionFact;
import io.github.payguru.merchant.mp.MpSubscriptions;
import io.github.payguru.merchant.support.MpEvents;

/** Puts a subscription cycle in place through the core service (as the outbound detail call would). */
final class SubscriptionCalls {

    private SubscriptionCalls() {
    }

    static void send(MpSubscriptions subscriptions, String subsId, String txId, String status, String order) {
        subscriptions.apply(new MpSubscriptionFact(subsId, txId, MpEvents.SERVICE, status, order, "5", "monthly", null,
                java.util.Map.of()));
    }
}
