package io.github.payguru.merchant.dev.console;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.vertx.core.MultiMap;

/**
 * What the console's buttons do, each through a route a client of the local run would call ({@link LocalCalls}):
 * the operations under {@code /ops/...}, the simulator's controls and hosted pages, and the scheduled reconciliation
 * as a raw event. Each answers where the browser goes next (a 303 after the POST): the simulator's page for a
 * checkout or a transfer, else the console with the answer as its message.
 */
final class ConsoleActions {

    private final LocalCalls calls;
    private final ObjectMapper json;

    ConsoleActions(LocalCalls calls, ObjectMapper json) {
        this.calls = calls;
        this.json = json;
    }

    /** The console's address for one order (the checkout's and the transfer's way back). */
    String orderUrl(String ref, String message) {
        return ConsoleRoute.BASE + "/order?ref=" + Html.url(ref) + (message == null ? "" : "&msg=" + Html.url(message));
    }

    static String overviewUrl(String message) {
        return ConsoleRoute.BASE + "?msg=" + Html.url(message);
    }

    /** {@code mp-payment-page}, then the customer on the simulator's hosted page; back to the order's page. */
    String mpCheckout(MultiMap f) {
        String ref = f.get("order");
        String back = calls.base() + ConsoleRoute.BASE + "/order?ref=" + Html.url(ref) + "&back=";
        ObjectNode body = object().put("service", f.get("service")).put("referenceCode", ref).put("item", f.get("item"))
                .put("price", f.get("price")).put("successUrl", back + "success").put("failureUrl", back + "failure");
        LocalCalls.Answer a = calls.post("/ops/mp/payment-page", body);
        String redirect = a.text("redirectUrl");
        return a.ok() && redirect != null ? redirect : overviewUrl(a.summary("mp-payment-page"));
    }

    /** {@code mp-refcode-create} registers the code for the order, then the customer's SMS in the simulator. */
    String smsPurchase(MultiMap f) {
        String ref = f.get("order");
        LocalCalls.Answer code = calls.post("/ops/mp/refcode-create", object().put("service", f.get("service"))
                .put("order", ref).put("code", f.get("refcode")).put("validMinutes", 30));
        if (!code.ok()) {
            return overviewUrl(code.summary("mp-refcode-create"));
        }
        LocalCalls.Answer sms = calls.post("/_simulator/control/mp/sms", object().put("service", f.get("service"))
                .put("price", f.get("price")).put("keyword", f.get("keyword")).put("referenceCode", f.get("refcode"))
                .put("confirmed", true));
        return orderUrl(ref, sms.ok() ? "SMS purchase made with the registered code " + f.get("refcode")
                : sms.summary("simulator SMS purchase"));
    }

    /** {@code phs-payment-notification-create}, then the customer on the simulator's transfer page. */
    String phsTransfer(MultiMap f) {
        String ref = f.get("order");
        ObjectNode body = object().put("service", f.get("service")).put("order", ref).put("amount", f.get("amount"))
                .put("bank", "isbank").put("tckn", f.get("tckn")).put("redirect", calls.base() + orderUrl(ref, null));
        LocalCalls.Answer a = calls.post("/ops/phs/payment-notification-create", body);
        String redirect = a.text("redirectUrl");
        return a.ok() && redirect != null ? redirect : overviewUrl(a.summary("phs-payment-notification-create"));
    }

    /** The simulator's knob for the next batch of callbacks. */
    String nextDelivery(MultiMap f) {
        String mode = f.get("mode") == null ? "deliver" : f.get("mode");
        ObjectNode body = object();
        switch (mode) {
            case "duplicate" -> body.put("duplicates", 2);
            case "reorder" -> body.put("reorder", true);
            case "delay" -> body.put("delayMs", parseLong(f.get("delayMs")));
            case "fail" -> body.put("fail", true);
            default -> mode = "deliver";
        }
        LocalCalls.Answer a = calls.post("/_simulator/control/next-delivery", body);
        return overviewUrl(a.ok() ? "The next callback: " + mode : a.summary("simulator next-delivery"));
    }

    /** Asks Payguru's API through the get operation of the payment's kind; what it reports is applied. */
    String confirm(MultiMap f) {
        String id = f.get("id");
        LocalCalls.Answer a = switch (f.get("line")) {
            case "PHS" -> calls.post("/ops/phs/transaction-get", object().put("id", id));
            case "MPSUB" -> calls.post("/ops/mp/subscription-get",
                    object().put("service", f.get("service")).put("subscriptionId", id));
            default -> calls.post("/ops/mp/transaction-get",
                    object().put("service", f.get("service")).put("transactionId", id));
        };
        return orderUrl(f.get("order"), a.summary("get " + id));
    }

    String refund(MultiMap f) {
        LocalCalls.Answer a = calls.post("/ops/mp/transaction-refund",
                object().put("service", f.get("service")).put("transactionId", f.get("id")));
        return orderUrl(f.get("order"), a.summary("mp-transaction-refund"));
    }

    String cancel(MultiMap f) {
        LocalCalls.Answer a = calls.post("/ops/mp/subscription-cancel",
                object().put("service", f.get("service")).put("subscriptionId", f.get("id")));
        return orderUrl(f.get("order"), a.summary("mp-subscription-cancel"));
    }

    /** The {@code reconcile} function on a scheduled event, as EventBridge's schedule would invoke it. */
    String reconcile() {
        ObjectNode event = object().put("version", "0").put("id", UUID.randomUUID().toString())
                .put("detail-type", "Scheduled Event").put("source", "aws.events").put("time", Instant.now().toString())
                .put("region", "eu-central-1");
        event.putObject("detail");
        return overviewUrl(calls.post("/_local/invoke/reconcile", event).summary("reconcile"));
    }

    private ObjectNode object() {
        return json.createObjectNode();
    }

    private static long parseLong(String s) {
        try {
            return Math.max(0, Long.parseLong(s == null ? "0" : s.strip()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
