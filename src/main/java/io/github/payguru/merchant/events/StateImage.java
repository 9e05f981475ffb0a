package io.github.payguru.merchant.events;

import java.util.Map;
import java.util.Optional;

import io.github.payguru.merchant.store.OrderItem;
import io.github.payguru.merchant.store.StateChange;
import io.github.payguru.merchant.store.SubscriptionItem;
import io.github.payguru.merchant.store.TableLayout;
import io.github.payguru.merchant.store.TransactionItem;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What of one stream image (old or new) a change event is made of. Only the state items publish: MP and PHS
 * transactions ({@code TX#…}/{@code TX}), MP subscription cycles ({@code SUB#MP#…}/{@code SUB}) and orders
 * ({@code ORDER#…}/{@code ORDER}); logs, rejections, locks, counters, credentials and reference codes do not.
 * An image without the {@code version} every state write increments holds no state yet (moto's first
 * {@code INSERT} of an {@code UpdateItem} that creates an item carries only the keys). {@code confirmedStatus} is
 * the PHS status Payguru's API last showed (absent on MP items and on PHS items from before PHS claims).
 */
record StateImage(Kind kind, String pk, String sk, long version, String line, String service, String orderRef,
        String txId, String subsId, String status, Boolean statusKnown, Boolean confirmed, String amount,
        String unknownStatus, long unknownStatusCount, String updatedAt, String cause, String confirmedStatus) {

    /** The three kinds of state item, each with its own detail-type. */
    enum Kind {
        TRANSACTION, SUBSCRIPTION, ORDER
    }

    static Optional<StateImage> of(Map<String, AttributeValue> image) {
        if (image == null || image.isEmpty()) {
            return Optional.empty();
        }
        String pk = s(image, TableLayout.PK);
        String sk = s(image, TableLayout.SK);
        Kind kind = kind(pk, sk);
        String version = s(image, "version");
        if (kind == null || version == null) {
            return Optional.empty();
        }
        String count = s(image, "unknownStatusCount");
        return Optional.of(new StateImage(kind, pk, sk, Long.parseLong(version), s(image, "line"), s(image, "service"),
                s(image, "orderRef"), s(image, "txId"), s(image, "subsId"), s(image, "status"),
                b(image, "statusKnown"), b(image, "confirmed"), s(image, "amount"), s(image, "unknownStatus"),
                count == null ? 0 : Long.parseLong(count), s(image, "updatedAt"), s(image, StateChange.CAUSE),
                s(image, "confirmedStatus")));
    }

    private static Kind kind(String pk, String sk) {
        if (pk == null || sk == null) {
            return null;
        }
        if (pk.startsWith("TX#") && TransactionItem.SORT.equals(sk)) {
            return Kind.TRANSACTION;
        }
        if (pk.startsWith("SUB#") && SubscriptionItem.SORT.equals(sk)) {
            return Kind.SUBSCRIPTION;
        }
        if (pk.startsWith("ORDER#") && OrderItem.SORT.equals(sk)) {
            return Kind.ORDER;
        }
        return null;
    }

    /** The part of the state an event reports: a write that changes none of it publishes nothing. */
    boolean sameStateAs(StateImage other) {
        return other != null && java.util.Objects.equals(status, other.status)
                && java.util.Objects.equals(confirmed, other.confirmed)
                && java.util.Objects.equals(statusKnown, other.statusKnown)
                && unknownStatusCount == other.unknownStatusCount;
    }

    private static String s(Map<String, AttributeValue> image, String name) {
        AttributeValue v = image.get(name);
        if (v == null) {
            return null;
        }
        return v.s() != null ? v.s() : v.n();
    }

    private static Boolean b(Map<String, AttributeValue> image, String name) {
        AttributeValue v = image.get(name);
        return v == null ? null : v.bool();
    }
}
