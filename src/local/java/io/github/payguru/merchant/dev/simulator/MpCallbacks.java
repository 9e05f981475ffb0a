package io.github.payguru.merchant.dev.simulator;

import static io.github.payguru.merchant.dev.simulator.PayguruSimulator.MP_BILLING_PATH;
import static io.github.payguru.merchant.dev.simulator.PayguruSimulator.MP_SUBSCRIPTION_PATH;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.github.payguru.merchant.kernel.Masking;

/**
 * What the simulated MP platform sends to the merchant: the billing (transaction) and subscription
 * notifications of an object's current state, unsigned GETs carrying, besides Payguru's parameters,
 * the knobs' {@code token} and pass-through query string.
 */
final class MpCallbacks {

    private final SimulatorSettings settings;
    private volatile Optional<String> token = Optional.empty();
    private volatile Optional<String> passThroughQuery = Optional.empty();

    MpCallbacks(SimContext ctx) {
        this.settings = ctx.settings;
    }

    /** Knobs back to their configured values. */
    void reset() {
        token = settings.mpCallbackToken;
        passThroughQuery = settings.mpCallbackQuery;
    }

    /** What callbacks carry besides Payguru's parameters (null or empty: none). */
    void setExtras(String token, String passThroughQuery) {
        this.token = Optional.ofNullable(token).filter(t -> !t.isEmpty());
        this.passThroughQuery = Optional.ofNullable(passThroughQuery).filter(q -> !q.isEmpty());
    }

    Map<String, Object> knobs() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mpCallbackToken", token.map(Masking::secret).orElse(null));
        m.put("mpCallbackQuery", passThroughQuery.orElse(null));
        return m;
    }

    /** MP billing (transaction) notification of the transaction's current state (src/site/markdown/payguru-api.md §1.1). */
    Callback billing(MpTransaction tx) {
        Map<String, String> p = customer(tx);
        p.put("txId", tx.id);
        p.put("status", Integer.toString(tx.status));
        p.put("operator", Integer.toString(tx.operator));
        p.put("order", nz(tx.referenceCode));
        p.put("item", nz(tx.item));
        p.put("amount", tx.amount);
        p.put("service", tx.service);
        p.put("error", nz(tx.error));
        p.put("errorDesc", nz(tx.errorDetail));
        p.put("billingType", nz(tx.billingType));
        p.put("subsId", nz(tx.subscriptionId));
        addExtras(p);
        return Callback.notification("mp.billing", "GET", MP_BILLING_PATH, p);
    }

    /** MP subscription notification (src/site/markdown/payguru-api.md §1.2); {@code txId} grows with every event of the cycle. */
    Callback subscription(MpSubscription s, String txId) {
        Map<String, String> p = customer(s);
        p.put("subsId", s.id);
        p.put("txId", txId);
        p.put("status", s.status);
        p.put("operator", Integer.toString(s.operator));
        p.put("service", s.service);
        p.put("order", nz(s.referenceCode));
        p.put("billingType", "subscription");
        addExtras(p);
        return Callback.notification("mp.subscription", "GET", MP_SUBSCRIPTION_PATH, p);
    }

    /** The parameters start with the customer's masked line ({@code payguru.simulator.mp-callback-msisdn}). */
    private Map<String, String> customer(MpObject o) {
        Map<String, String> p = new LinkedHashMap<>();
        if (settings.mpCallbackMsisdn && o.msisdn != null) {
            p.put("msisdn", Masking.msisdn(o.msisdn));
        }
        return p;
    }

    private void addExtras(Map<String, String> p) {
        passThroughQuery.ifPresent(q -> {
            for (String pair : q.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    p.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        });
        token.ifPresent(t -> p.put("token", t));
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
