package io.github.payguru.merchant.dev.console;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import com.fasterxml.jackson.databind.JsonNode;

import io.github.payguru.merchant.events.ChangeEvent;
import io.github.payguru.merchant.kernel.Line;
import io.github.payguru.merchant.mp.MpStatus;
import io.github.payguru.merchant.store.SubscriptionItem;
import io.github.payguru.merchant.store.TransactionItem;

/** The console's pages: the overview (controls, payments, orders, events) and one order's page (timeline). */
final class ConsolePages {

    /** The dev and test merchant's services (application.properties): MP one-off {@code 2001}, PHS {@code SHOP}. */
    static final String MP_SERVICE = "2001";
    static final String PHS_SERVICE = "SHOP";
    /** A made-up TCKN of valid shape (not a person's): the transfer's sender, hashed with the service key when stored. */
    static final String MADE_UP_TCKN = "10000000146";

    private ConsolePages() {
    }

    static String overview(ConsoleData.Items items, List<ChangeEvent> events, Duration staleAfter, String message) {
        String id = Long.toString(ThreadLocalRandom.current().nextLong(100_000, 1_000_000));
        StringBuilder b = new StringBuilder("<h2>Simulator: start a payment</h2>");
        b.append(Html.form("mp-checkout", "/mp-checkout", List.of(), List.of(new String[] { "service", MP_SERVICE },
                new String[] { "order", "CON-MP-" + id }, new String[] { "item", "Gold pack" },
                new String[] { "price", "12.50" }), "Start MP payment-page checkout"));
        b.append(Html.form("sms-purchase", "/sms", List.of(), List.of(new String[] { "service", MP_SERVICE },
                new String[] { "order", "CON-SMS-" + id }, new String[] { "refcode", refcode() },
                new String[] { "price", "5.00" }, new String[] { "keyword", "SUPERPOWER" }),
                "SMS purchase with a registered code"));
        b.append(Html.form("phs-transfer", "/phs-transfer", List.of(), List.of(new String[] { "service", PHS_SERVICE },
                new String[] { "order", "CON-PHS-" + id }, new String[] { "amount", "250.00" },
                new String[] { "tckn", MADE_UP_TCKN }), "Start PHS transfer"));
        b.append("<h2>Simulator: the next callback</h2>").append(nextDelivery());
        b.append("<h2>Reconciliation</h2>").append(Html.form("reconcile", "/reconcile", List.of(), List.of(),
                "Run reconciliation now"));
        b.append(" <span class=\"muted\">the scheduled function on a scheduled event; it asks Payguru about open items"
                + " unchanged for <code id=\"stale-after\">").append(staleAfter)
                .append("</code> (payguru.reconcile.stale-after; 0 in the local run)</span>");
        b.append("<h2>Payments</h2>").append(Html.table("payments", ItemRows.PAYMENT_HEADERS,
                ItemRows.payments(items.transactions(), items.subscriptions()), "No payments stored yet."));
        b.append("<h2>Orders</h2>").append(Html.table("orders", ItemRows.ORDER_HEADERS, ItemRows.orders(items.orders()),
                "No orders stored yet."));
        b.append("<h2>Change events</h2>").append(events(events.subList(0, Math.min(50, events.size()))));
        return Html.page("Local console", message, b.toString());
    }

    static String eventsPage(List<ChangeEvent> events) {
        return Html.page("Change events", null, "<p class=\"muted\">As published, newest first; refreshed every 2 s"
                + " with JavaScript on.</p>" + events(events));
    }

    /** The rows alone, for the script that refreshes the events table. */
    static String eventRows(List<ChangeEvent> events) {
        return Html.rows(ItemRows.events(events.subList(0, Math.min(50, events.size()))));
    }

    static String order(String ref, ConsoleData.Items items, LocalCalls.Answer view, List<ChangeEvent> events,
            List<JsonNode> deliveries, String message) {
        StringBuilder b = new StringBuilder("<p>Order <b id=\"order-ref\">").append(Html.esc(ref)).append("</b></p>");
        b.append("<h2>Payments</h2>").append(Html.table("payments", ItemRows.PAYMENT_HEADERS,
                ItemRows.payments(items.transactions(), items.subscriptions()), "No payment stored for this order yet."));
        b.append(actions(ref, items));
        b.append("<h2>Orders</h2>").append(Html.table("orders", ItemRows.ORDER_HEADERS, ItemRows.orders(items.orders()),
                "No order item stored."));
        b.append("<h2>Timeline</h2><p class=\"muted\">From <code>merchant-order-get</code> (POST /ops/merchant/order-get):"
                + " each applied notification once, and the last change by an API fact, operation or reconciliation.</p>");
        b.append(Html.table("timeline", List.of("at", "item", "status", "cause", "callback"), timeline(view),
                view.ok() ? "Nothing applied." : "merchant-order-get answered " + view.status()));
        b.append("<h2>Change events</h2>").append(Html.table("order-events", ItemRows.EVENT_HEADERS,
                ItemRows.events(events), "No change event for this order."));
        b.append("<h2>Callback deliveries</h2><p class=\"muted\">Every attempt the simulator made, copies and retries"
                + " included (parameters masked).</p>");
        b.append(Html.table("deliveries", List.of("seq", "kind", "status sent", "copy", "attempt", "HTTP", "answer",
                "accepted"), deliveryRows(deliveries), "No callback delivered for this order."));
        return Html.page("Order " + ref, message, b.toString());
    }

    private static String events(List<ChangeEvent> events) {
        StringBuilder b = new StringBuilder("<table id=\"events-table\"><thead><tr>");
        ItemRows.EVENT_HEADERS.forEach(h -> b.append("<th>").append(Html.esc(h)).append("</th>"));
        return b.append("</tr></thead><tbody id=\"events\" data-src=\"").append(ConsoleRoute.BASE)
                .append("/events?fragment=1\">").append(Html.rows(ItemRows.events(events))).append("</tbody></table>")
                .toString();
    }

    private static String nextDelivery() {
        return "<form method=\"post\" id=\"next-delivery\" action=\"" + ConsoleRoute.BASE + "/next-delivery\">"
                + Html.select("mode", List.of(new String[] { "deliver", "deliver normally" },
                        new String[] { "duplicate", "duplicate (each notification twice)" },
                        new String[] { "reorder", "reorder (the batch reversed)" },
                        new String[] { "delay", "delay (by delayMs before each)" },
                        new String[] { "fail", "fail the first attempt (then the retry)" }))
                + " <label>delayMs <input name=\"delayMs\" value=\"1000\"></label>"
                + "<button type=\"submit\">Set for the next callback</button></form>";
    }

    /** Per payment: ask Payguru (the get operation), and the money operations where they apply. */
    private static String actions(String ref, ConsoleData.Items items) {
        List<Html.Raw> forms = new ArrayList<>();
        for (TransactionItem t : items.transactions()) {
            boolean phs = Line.PHS.name().equals(t.line);
            List<String[]> hidden = List.of(new String[] { "order", ref }, new String[] { "line", t.line },
                    new String[] { "service", t.service }, new String[] { "id", t.txId });
            forms.add(Html.form("confirm-" + t.txId, "/confirm", hidden, List.of(),
                    "Ask Payguru about " + t.txId + (phs ? " (phs-transaction-get)" : " (mp-transaction-get)")));
            if (!phs && MpStatus.PAID.equals(t.status)) {
                forms.add(Html.form("refund-" + t.txId, "/refund", hidden, List.of(),
                        "Refund " + t.txId + " (mp-transaction-refund)"));
            }
        }
        for (SubscriptionItem s : items.subscriptions()) {
            List<String[]> hidden = List.of(new String[] { "order", ref }, new String[] { "line", "MPSUB" },
                    new String[] { "service", s.service }, new String[] { "id", s.subsId });
            forms.add(Html.form("confirm-" + s.subsId, "/confirm", hidden, List.of(),
                    "Ask Payguru about subscription " + s.subsId + " (mp-subscription-get)"));
            forms.add(Html.form("cancel-" + s.subsId, "/cancel", hidden, List.of(),
                    "Cancel subscription " + s.subsId + " (mp-subscription-cancel)"));
        }
        StringBuilder b = new StringBuilder("<div id=\"actions\">");
        forms.forEach(b::append);
        return b.append("</div>").toString();
    }

    private static List<List<Object>> timeline(LocalCalls.Answer view) {
        List<List<Object>> rows = new ArrayList<>();
        for (JsonNode e : view.json().path("timeline")) {
            String status = ItemRows.status(e.path("status"));
            rows.add(List.of(e.path("at").asText(""), e.path("item").asText(""), status, e.path("cause").asText(""),
                    e.path("kind").asText("")));
        }
        return rows;
    }

    private static List<List<Object>> deliveryRows(List<JsonNode> deliveries) {
        List<List<Object>> rows = new ArrayList<>();
        for (JsonNode d : deliveries) {
            rows.add(List.of(d.path("seq").asText(), d.path("kind").asText(), d.path("params").path("status").asText(""),
                    d.path("copy").asText(), d.path("attempt").asText(), d.path("status").asText(),
                    d.path("answer").asText(""), d.path("accepted").asText()));
        }
        return rows;
    }

    /** A fresh reference code (REFKOD) for the SMS form: letters only, as Payguru's examples. */
    private static String refcode() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 9; i++) {
            b.append((char) ('A' + ThreadLocalRandom.current().nextInt(26)));
        }
        return b.toString();
    }
}
