package io.github.payguru.merchant.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The last {@link #SLOTS} notifications applied to a state item, kept on the item itself: the de-duplication set and
 * the callback timeline in one bounded place, written by the same conditional {@code UpdateItem} as the state change.
 * <p>
 * Slot {@code seen0} holds the newest, {@code seen1} the one before, and so on: each applied change writes
 * {@code seen0 = :new, seenN = if_not_exists(seen(N-1), "")}. DynamoDB evaluates every right-hand operand against the
 * item as it was before the update, so this shifts the window by one and drops the oldest, without a read. The
 * condition refuses a notification whose id {@code begins_with} a slot; the refusal returns the stored item
 * ({@code ALL_OLD}), which tells a duplicate from a stale or conflicting notification in the same call.
 * <p>
 * Why a bounded window is enough: a status never follows itself and subscription cycles only move to a newer txId,
 * so a notification older than the window is refused by the transition rules anyway (answered as stale, changing
 * nothing). The window makes a recent duplicate answered exactly as its first delivery; it never decides whether a
 * change is applied twice. The exception, an undocumented status, which takes no place in any ordering, is
 * remembered for good ({@link UnknownStatuses#NOTIFICATIONS}, {@link StateChange#rememberEveryNotification}), up to a
 * cap ({@code payguru.notifications.max-undocumented-per-item}). A slot is {@code "<id> <receivedAt> <status>"} (ids are 32 hex characters): about 60 bytes,
 * so six slots keep a transaction item well under the 1 KB of one write unit.
 */
public final class RecentNotifications {

    /** How many applied notifications an item remembers. */
    public static final int SLOTS = 6;

    private static final String PREFIX = "seen";

    /** One applied notification: its id (fingerprint), when it arrived and the status it carried (may be empty). */
    public record Entry(String id, String receivedAt, String status) {
    }

    private RecentNotifications() {
    }

    /** The attribute of slot {@code i} (0 is the newest). */
    public static String slot(int i) {
        return PREFIX + i;
    }

    static String encode(String id, String receivedAt, String status) {
        return id + " " + receivedAt + " " + (status == null ? "" : status);
    }

    /** A slot's text as an entry; empty for an unused slot. */
    public static Optional<Entry> decode(String slot) {
        if (slot == null || slot.isEmpty()) {
            return Optional.empty();
        }
        String[] parts = slot.split(" ", 3);
        return Optional.of(new Entry(parts[0], parts.length > 1 ? parts[1] : "", parts.length > 2 ? parts[2] : ""));
    }

    /** The entries of an item, oldest first (the order they were applied in). */
    public static List<Entry> of(List<String> slots) {
        List<Entry> out = new ArrayList<>();
        for (int i = slots.size() - 1; i >= 0; i--) {
            decode(slots.get(i)).ifPresent(out::add);
        }
        return out;
    }

    /** Whether the stored string set {@code set} already holds {@code max} values (or more). */
    static boolean full(Map<String, AttributeValue> item, String set, int max) {
        AttributeValue v = item == null ? null : item.get(set);
        return v != null && v.hasSs() && v.ss().size() >= max;
    }

    /**
     * Whether the stored item remembers notification {@code id} (the refusal of its change was a duplicate): in its
     * window, or in the string set {@code everySet} when the change keeps every id there
     * ({@link StateChange#rememberEveryNotification}; null when it does not).
     */
    static boolean remembers(Map<String, AttributeValue> item, String id, String everySet) {
        if (item == null || id == null) {
            return false;
        }
        AttributeValue every = everySet == null ? null : item.get(everySet);
        if (every != null && every.hasSs() && every.ss().contains(id)) {
            return true;
        }
        for (int i = 0; i < SLOTS; i++) {
            AttributeValue v = item.get(slot(i));
            if (v != null && v.s() != null && v.s().startsWith(id + " ")) {
                return true;
            }
        }
        return false;
    }
}
