package io.github.payguru.merchant.orders;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.payguru.merchant.kernel.BadRequestException;
import io.github.payguru.merchant.kernel.ChangeCause;
import io.github.payguru.merchant.kernel.Line;
import io.github.payguru.merchant.kernel.Privacy;
import io.github.payguru.merchant.kernel.Validation;
import io.github.payguru.merchant.mp.MpBillingNotifications;
import io.github.payguru.merchant.mp.MpSubscriptionNotifications;
import io.github.payguru.merchant.mp.MpTransactions;
import io.github.payguru.merchant.payguru.OperationException;
import io.github.payguru.merchant.payguru.OperationInput;
import io.github.payguru.merchant.payguru.OperationRequest;
import io.github.payguru.merchant.payguru.ServiceDirectory;
import io.github.payguru.merchant.phs.PhsNotifications;
import io.github.payguru.merchant.phs.PhsTransactions;
import io.github.payguru.merchant.store.IndexedItem;
import io.github.payguru.merchant.store.LedgerReader;
import io.github.payguru.merchant.store.OrderItem;
import io.github.payguru.merchant.store.RecentNotifications;
import io.github.payguru.merchant.store.StatusItem;
import io.github.payguru.merchant.store.SubscriptionItem;
import io.github.payguru.merchant.store.TransactionItem;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@code merchant-order-get}: what we hold about one merchant order, across both lines, from the table alone
 * (Payguru is never called). One read path: the {@code by-order} index gives the order items, transactions and
 * subscription cycles of the order; each item remembers the notifications last applied to it
 * ({@link RecentNotifications}), the timeline of callback changes. A change made by an operation, an API query or
 * reconciliation is not remembered there: the item's {@code cause} and {@code updatedAt} show the last one. Only masked data is answered
 * ({@link Privacy}): identifiers, statuses, amounts and times, never an MSISDN, item text or parameter.
 */
@ApplicationScoped
public class MerchantOrders {

    public static final String ORDER_GET = "merchant-order-get";

    private final LedgerReader reader;
    private final ServiceDirectory services;
    private final Privacy privacy;
    private final MpTransactions mpTransactions;

    @Inject
    public MerchantOrders(LedgerReader reader, ServiceDirectory services, Privacy privacy,
            MpTransactions mpTransactions) {
        this.reader = reader;
        this.services = services;
        this.privacy = privacy;
        this.mpTransactions = mpTransactions;
    }

    /** {@code {"order":"…","service":"…"(optional)}} → the stored state; 404 {@code NOT_FOUND} when nothing is stored. */
    public ObjectNode get(OperationRequest req) {
        String order = OperationInput.required(req, "order", Validation.REFERENCE);
        Set<String> serviceIds = serviceIds(OperationInput.optional(req, "service", Validation.REFERENCE));
        List<IndexedItem> items = new ArrayList<>();
        for (Map<String, AttributeValue> raw : reader.byOrder(order)) {
            IndexedItem item = typed(raw);
            if (item != null && (serviceIds == null || serviceIds.contains(service(item)))) {
                items.add(item);
            }
        }
        if (items.isEmpty()) {
            throw new OperationException(404, "NOT_FOUND", "no order " + privacy.text(order) + " is stored",
                    OperationException.STATE, null);
        }
        ObjectNode out = OperationRequest.object().put("order", privacy.text(order));
        ArrayNode orders = out.putArray("orders");
        ArrayNode transactions = out.putArray("transactions");
        ArrayNode subscriptions = out.putArray("subscriptions");
        List<ObjectNode> timeline = new ArrayList<>();
        for (IndexedItem item : items) {
            switch (item) {
                case OrderItem o -> orders.add(OrderView.order(o));
                case TransactionItem t -> transactions.add(OrderView.transaction(t, Line.PHS.name().equals(t.line)
                        ? PhsTransactions.fulfillable(t) : mpTransactions.fulfillable(t)));
                case SubscriptionItem s -> subscriptions.add(OrderView.subscription(s));
                default -> throw new IllegalStateException("unexpected item type");
            }
            timeline.addAll(timeline(item));
        }
        timeline.sort(Comparator.comparing((ObjectNode e) -> Instant.parse(e.get("at").asText()))
                .thenComparing(e -> e.get("item").asText()));
        out.putArray("timeline").addAll(timeline);
        return out;
    }

    /** The ids the optional {@code service} selector names (MP id, PHS code or local name); null = every service. */
    private Set<String> serviceIds(String selector) {
        if (selector == null) {
            return null;
        }
        Set<String> ids = new TreeSet<>();
        for (Line line : Line.values()) {
            services.find(line, selector).ifPresent(s -> ids.add(s.payguruId()));
        }
        if (ids.isEmpty()) {
            throw new BadRequestException("unknown service: " + privacy.text(selector));
        }
        return ids;
    }

    private static IndexedItem typed(Map<String, AttributeValue> raw) {
        AttributeValue sk = raw.get("sk");
        if (sk == null) {
            return null;
        }
        return switch (sk.s()) {
            case OrderItem.SORT -> OrderItem.SCHEMA.mapToItem(raw);
            case TransactionItem.SORT -> TransactionItem.SCHEMA.mapToItem(raw);
            case SubscriptionItem.SORT -> SubscriptionItem.SCHEMA.mapToItem(raw);
            default -> null;
        };
    }

    /** The callback that changes this kind of item. */
    private static String callbackKind(StatusItem item) {
        if (item instanceof SubscriptionItem) {
            return MpSubscriptionNotifications.KIND;
        }
        return Line.PHS.name().equals(item.line) ? PhsNotifications.KIND : MpBillingNotifications.KIND;
    }

    private static String service(IndexedItem item) {
        return switch (item) {
            case OrderItem o -> o.service;
            case TransactionItem t -> t.service;
            case SubscriptionItem s -> s.service;
            default -> null;
        };
    }

    /**
     * The item's applied callbacks (the last {@link RecentNotifications#SLOTS} it remembers) and, when the last change
     * was not a callback, that change (an order's creation, an API query, reconciliation).
     */
    private List<ObjectNode> timeline(IndexedItem item) {
        List<ObjectNode> out = new ArrayList<>();
        if (item instanceof StatusItem s) {
            String kind = callbackKind(s);
            for (RecentNotifications.Entry e : s.recentNotifications()) {
                out.add(OrderView.event(e.receivedAt(), item, e.status(), ChangeCause.CALLBACK.label(), kind, privacy));
            }
        }
        String cause = item.cause;
        if (item instanceof OrderItem o && o.createdAt != null) {
            // an order item is created by an operation (payment page, PHS order registration)
            out.add(OrderView.event(o.createdAt, item, o.status, ChangeCause.OPERATION.label(), null, privacy));
        } else if (cause != null && !ChangeCause.CALLBACK.label().equals(cause) && item.updatedAt != null) {
            out.add(OrderView.event(item.updatedAt, item, OrderView.status(item), cause, null, privacy));
        }
        return out;
    }
}
