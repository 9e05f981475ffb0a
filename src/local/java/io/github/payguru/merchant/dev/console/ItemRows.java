package io.github.payguru.merchant.dev.console;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.github.payguru.merchant.events.ChangeEvent;
import io.github.payguru.merchant.kernel.Line;
import io.github.payguru.merchant.mp.MpStatus;
import io.github.payguru.merchant.phs.PhsStatus;
import io.github.payguru.merchant.store.IndexedItem;
import io.github.payguru.merchant.store.OrderItem;
import io.github.payguru.merchant.store.StatusItem;
import io.github.payguru.merchant.store.SubscriptionItem;
import io.github.payguru.merchant.store.TransactionItem;

/** The console's tables of stored items and change events: one row per item or event, every cell escaped later. */
final class ItemRows {

    static final List<String> PAYMENT_HEADERS = List.of("line", "service", "order", "txId", "subsId", "status",
            "confirmed", "amount", "open / reconcile", "cause", "version", "updated");
    static final List<String> ORDER_HEADERS = List.of("line", "service", "order", "status", "amount", "payguru code",
            "verification", "open / reconcile", "updated");
    static final List<String> EVENT_HEADERS = List.of("time", "detail-type", "eventId", "sequence", "line", "order",
            "status", "confirmed", "orderChange", "cause");

    private ItemRows() {
    }

    static List<List<Object>> payments(List<TransactionItem> transactions, List<SubscriptionItem> subscriptions) {
        List<List<Object>> rows = new ArrayList<>();
        for (TransactionItem t : transactions) {
            boolean phs = Line.PHS.name().equals(t.line);
            rows.add(List.of(t.line, t.service, orderLink(t.orderRef), nn(t.txId), nn(t.subsId),
                    status(t, phs ? PhsStatus.name(t.status) : MpStatus.name(t.status)), confirmed(t),
                    nn(t.amountWire == null ? t.amount : t.amountWire),
                    open(t), nn(t.cause), nn(t.version), nn(t.updatedAt)));
        }
        for (SubscriptionItem s : subscriptions) {
            rows.add(List.of(s.line, s.service, orderLink(s.orderRef), nn(s.txId), nn(s.subsId), status(s, s.status), "–",
                    "–", open(s), nn(s.cause), nn(s.version), nn(s.updatedAt)));
        }
        return rows;
    }

    static List<List<Object>> orders(List<OrderItem> orders) {
        List<List<Object>> rows = new ArrayList<>();
        for (OrderItem o : orders) {
            rows.add(List.of(nn(o.line), nn(o.service), orderLink(o.orderRef), nn(o.status), nn(o.amount),
                    nn(o.payguruCode), nn(o.verification), open(o), nn(o.updatedAt)));
        }
        return rows;
    }

    static List<List<Object>> events(List<ChangeEvent> events) {
        List<List<Object>> rows = new ArrayList<>();
        for (ChangeEvent e : events) {
            String status = status(e.detail().path("status"));
            String order = e.text("orderRef");
            rows.add(List.of(nn(e.occurredAt()), e.detailType(), e.eventId(), e.sequence(), nn(e.text("line")),
                    order == null ? "" : orderLink(order), status, nn(e.text("confirmed")),
                    nn(e.text("orderChange")), nn(e.text("cause"))));
        }
        return rows;
    }

    /** A status as the events and {@code merchant-order-get} give it: {@code {"code","name"}}, the name when it adds one. */
    static String status(com.fasterxml.jackson.databind.JsonNode st) {
        String code = st.path("code").asText("");
        String name = st.path("name").isTextual() ? st.path("name").asText() : "";
        return name.isEmpty() || name.equals(code) ? code : code + " " + name;
    }

    /** The status code with its documented name; an undocumented status flagged. */
    private static Object status(StatusItem i, String name) {
        String shown = nn(i.status) + (name == null || name.isEmpty() || name.equals(i.status) ? "" : " " + name);
        Set<String> undocumented = i.unknownStatuses;
        if (Boolean.FALSE.equals(i.statusKnown) || (undocumented != null && !undocumented.isEmpty())) {
            return new Html.Raw(Html.esc(shown) + " " + Html.flag("undocumented: "
                    + (undocumented == null ? i.unknownStatus : String.join(",", new java.util.TreeSet<>(undocumented)))));
        }
        return shown;
    }

    /** PHS items stored before PHS claims existed have no flag and count as confirmed (as {@code merchant-order-get}). */
    private static String confirmed(TransactionItem t) {
        if (t.confirmed == null) {
            return Line.PHS.name().equals(t.line) ? "true" : "–";
        }
        return t.confirmed.toString();
    }

    private static String open(IndexedItem i) {
        return i.openpk == null ? "settled" : "open (" + i.openpk + ")";
    }

    static Object orderLink(String orderRef) {
        return orderRef == null ? "" : Html.link(ConsoleRoute.BASE + "/order?ref=" + Html.url(orderRef), orderRef);
    }

    private static String nn(Object v) {
        return v == null ? "" : v.toString();
    }
}
