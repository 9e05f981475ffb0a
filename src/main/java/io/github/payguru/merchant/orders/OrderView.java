package io.github.payguru.merchant.orders;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.payguru.merchant.kernel.Line;
import io.github.payguru.merchant.kernel.Privacy;
import io.github.payguru.merchant.mp.MpStatus;
import io.github.payguru.merchant.mp.MpSubscriptionStatus;
import io.github.payguru.merchant.payguru.OperationRequest;
import io.github.payguru.merchant.phs.PhsStatus;
import io.github.payguru.merchant.store.IndexedItem;
import io.github.payguru.merchant.store.OrderItem;
import io.github.payguru.merchant.store.SubscriptionItem;
import io.github.payguru.merchant.store.TransactionItem;

/**
 * The JSON of {@code merchant-order-get}: what each stored item shows. Only identifiers, statuses (Payguru's code
 * and our name), amounts as their exact canonical text, flags and times; nothing received as free text.
 */
final class OrderView {

    private OrderView() {
    }

    static ObjectNode order(OrderItem o) {
        return OperationRequest.object().put("line", o.line).put("service", o.service).put("status", o.status)
                .put("amount", o.amount).put("payguruCode", o.payguruCode).put("verification", o.verification)
                .put("createdAt", o.createdAt).put("updatedAt", o.updatedAt);
    }

    /**
     * @param fulfillable paid and, under confirm-before-trust, confirmed by Payguru's API ({@code MpTransactions} /
     *        {@code PhsTransactions.fulfillable}): deliver the goods on this, not on {@code paid}
     */
    static ObjectNode transaction(TransactionItem t, boolean fulfillable) {
        boolean phs = Line.PHS.name().equals(t.line);
        ObjectNode out = OperationRequest.object().put("line", t.line).put("service", t.service).put("txId", t.txId)
                .put("subsId", t.subsId);
        out.set("status", status(t.status, phs ? PhsStatus.name(t.status) : MpStatus.name(t.status)));
        out.put("paid", phs ? PhsStatus.paid(t.status) : MpStatus.paid(t.status)).put("amount", t.amount);
        // false while a callback's claim awaits Payguru's API (MP: paid, null before; PHS: any notify status,
        // an item stored before PHS claims existed has none and counts as confirmed)
        out.put("confirmed", phs && t.confirmed == null ? Boolean.TRUE : t.confirmed);
        out.put("fulfillable", fulfillable);
        out.put("statusKnown", !Boolean.FALSE.equals(t.statusKnown)).put("cause", t.cause).put("version", t.version)
                .put("createdAt", t.createdAt).put("updatedAt", t.updatedAt);
        return out;
    }

    static ObjectNode subscription(SubscriptionItem s) {
        ObjectNode out = OperationRequest.object().put("line", s.line).put("service", s.service).put("subsId", s.subsId)
                .put("txId", s.txId);
        out.set("status", status(s.status, MpSubscriptionStatus.known(s.status) ? s.status : null));
        out.put("statusKnown", !Boolean.FALSE.equals(s.statusKnown)).put("cause", s.cause).put("version", s.version)
                .put("createdAt", s.createdAt).put("updatedAt", s.updatedAt);
        return out;
    }

    /** The item's stored status code. */
    static String status(IndexedItem item) {
        return switch (item) {
            case OrderItem o -> o.status;
            case TransactionItem t -> t.status;
            case SubscriptionItem s -> s.status;
            default -> null;
        };
    }

    /** One applied change: when, which item (its key, masked by shape), the status it set, and what caused it. */
    static ObjectNode event(String at, IndexedItem item, String status, String cause, String kind, Privacy privacy) {
        ObjectNode out = OperationRequest.object().put("at", at).put("item", privacy.text(item.pk));
        String name = switch (item) {
            case TransactionItem t -> Line.PHS.name().equals(t.line) ? PhsStatus.name(status) : MpStatus.name(status);
            case SubscriptionItem s -> MpSubscriptionStatus.known(status) ? status : null;
            default -> status;
        };
        out.set("status", status(privacy.text(status), name));
        return out.put("cause", cause).put("kind", kind);
    }

    private static ObjectNode status(String code, String name) {
        return OperationRequest.object().put("code", code).put("name", name);
    }
}
