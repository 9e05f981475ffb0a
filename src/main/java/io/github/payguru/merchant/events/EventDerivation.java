package io.github.payguru.merchant.events;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.payguru.merchant.kernel.Line;
import io.github.payguru.merchant.kernel.Masking;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Turns one stream record (old and new image of an item) into at most one change event, from the difference
 * between the two states — never from what the record says happened — so that:
 * <ul>
 * <li>a write that changes no reported state (a reconciliation check moving {@code opensk}, an order registered
 * again as it was, a log or a rate counter) publishes nothing;</li>
 * <li>a refused write (duplicate, stale, conflict) publishes nothing: it leaves no stream record at all;</li>
 * <li>moto's extra {@code INSERT} of an {@code UpdateItem} that creates an item (keys only, no {@code version})
 * publishes nothing, and the record with the state publishes once, as DynamoDB's single record does.</li>
 * </ul>
 * The event id is derived from the item's key and its {@code version}, so redelivering a record (Lambda retries,
 * a bisected batch, a replay) gives the same id; {@code sequence} is that version, growing per item.
 */
public final class EventDerivation {

    /** {@code source} of every event. */
    public static final String SOURCE = "io.github.payguru.merchant";
    /** Version of the detail's shape; a breaking change gets a new one (and a new schema file). */
    public static final String VERSION = "1";

    public static final String TRANSACTION = "Payguru Transaction Status Changed";
    public static final String SUBSCRIPTION = "Payguru Subscription Status Changed";
    public static final String ORDER_CREATED = "Payguru Order Created";
    /** An order's own status moving after its creation (nothing writes that yet). */
    public static final String ORDER = "Payguru Order Status Changed";

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private EventDerivation() {
    }

    public static Optional<ChangeEvent> derive(Map<String, AttributeValue> oldImage, Map<String, AttributeValue> newImage) {
        Optional<StateImage> after = StateImage.of(newImage);
        if (after.isEmpty()) {
            return Optional.empty();
        }
        StateImage n = after.get();
        StateImage o = StateImage.of(oldImage).orElse(null);
        if (o != null && (n.sameStateAs(o) || n.version() <= o.version())) {
            return Optional.empty();
        }
        String change = change(o, n);
        if (change == null) {
            return Optional.empty();
        }
        String detailType = switch (n.kind()) {
            case TRANSACTION -> TRANSACTION;
            case SUBSCRIPTION -> SUBSCRIPTION;
            case ORDER -> "created".equals(change) ? ORDER_CREATED : ORDER;
        };
        String eventId = eventId(n.pk(), n.sk(), n.version());
        ObjectNode d = JSON.objectNode();
        d.put("version", VERSION);
        d.put("eventId", eventId);
        d.put("sequence", n.version());
        d.put("kind", n.kind().name().toLowerCase(java.util.Locale.ROOT));
        d.put("change", change);
        d.put("line", n.line());
        d.put("service", n.service());
        d.put("orderRef", Masking.text(n.orderRef()));
        d.put("txId", n.txId());
        d.put("subsId", n.subsId());
        d.set("previousStatus", status(n, o == null ? null : o.status()));
        d.set("status", status(n, n.status()));
        d.put("paid", StatusNames.paid(n));
        d.put("confirmed", confirmed(n));
        d.put("overrode", overrode(o, n));
        d.put("amount", n.amount());
        d.put("orderChange", orderChange(o, n));
        d.put("undocumentedStatus", Masking.text(n.unknownStatus()));
        d.put("occurredAt", n.updatedAt());
        d.put("cause", n.cause());
        return Optional.of(new ChangeEvent(detailType, eventId, n.version(), n.updatedAt(), n.pk(), d));
    }

    /** What changed, most significant first; null when nothing an event reports did. */
    private static String change(StateImage o, StateImage n) {
        String before = o == null ? null : o.status();
        if (!Objects.equals(before, n.status())) {
            return n.kind() == StateImage.Kind.ORDER && before == null ? "created" : "status";
        }
        if (o != null && !Objects.equals(o.confirmed(), n.confirmed())) {
            return "confirmed";
        }
        if (n.unknownStatusCount() != (o == null ? 0 : o.unknownStatusCount())) {
            return "undocumented-status";
        }
        if (o != null && !Objects.equals(o.statusKnown(), n.statusKnown())) {
            return "status-known";
        }
        return null;
    }

    /**
     * What the change means for the merchant's order: {@code created} (an order item), {@code paid} (the payment
     * became deliverable: paid and, under confirm-before-trust, confirmed by Payguru's API), {@code refunded} (likewise
     * confirmed); else null. An unconfirmed claim (a callback's status, a replayed PHS notify) publishes neither.
     */
    private static String orderChange(StateImage o, StateImage n) {
        if (n.kind() == StateImage.Kind.ORDER) {
            return o == null || o.status() == null ? "created" : null;
        }
        if (StatusNames.fulfillable(n) && !StatusNames.fulfillable(o)) {
            return "paid";
        }
        if (confirmedRefund(n) && !confirmedRefund(o)) {
            return "refunded";
        }
        return null;
    }

    /** Refunded and not a callback's unconfirmed claim: the merchant may act on it. */
    private static boolean confirmedRefund(StateImage s) {
        return StatusNames.refunded(s) && !Boolean.FALSE.equals(s.confirmed());
    }

    /**
     * Transactions: as stored — false while a callback's claim awaits Payguru's API (MP paid; PHS any notify status
     * under confirm-before-trust), true once the API showed it; a PHS item stored before PHS claims existed has none
     * and counts as confirmed. Others: null.
     */
    private static Boolean confirmed(StateImage n) {
        if (n.kind() == StateImage.Kind.ORDER) {
            return null;
        }
        if (Line.PHS.name().equals(n.line()) && n.confirmed() == null) {
            return Boolean.TRUE;
        }
        return n.confirmed();
    }

    /**
     * The status a callback only claimed that this confirmed change replaced (Payguru's API said otherwise); null
     * when the change confirms what was claimed or replaces nothing unconfirmed.
     */
    private static String overrode(StateImage o, StateImage n) {
        if (o == null || !Boolean.FALSE.equals(o.confirmed()) || !Boolean.TRUE.equals(n.confirmed())
                || Objects.equals(o.status(), n.status())) {
            return null;
        }
        return o.status();
    }

    private static ObjectNode status(StateImage n, String code) {
        if (code == null) {
            return null;
        }
        return JSON.objectNode().put("code", code).put("name", StatusNames.name(n.kind(), n.line(), code));
    }

    /** A UUID-shaped id from SHA-256 of the item's key and version. */
    static String eventId(String pk, String sk, long version) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256")
                    .digest((pk + "\n" + sk + "\n" + version).getBytes(StandardCharsets.UTF_8));
            String x = HexFormat.of().formatHex(h, 0, 16);
            return x.substring(0, 8) + "-" + x.substring(8, 12) + "-" + x.substring(12, 16) + "-" + x.substring(16, 20)
                    + "-" + x.substring(20);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
