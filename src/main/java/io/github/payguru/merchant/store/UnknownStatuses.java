package io.github.payguru.merchant.store;

import io.github.payguru.merchant.kernel.ChangeCause;

/**
 * How an undocumented status is kept — the same for PHS transactions, MP transactions and MP subscription cycles,
 * from callbacks and from Payguru's API alike: never as the item's {@code status} (so it can never block a
 * documented status that arrives before or after it), but beside it — the value as sent ({@code unknownStatus},
 * and every value in the set {@code unknownStatuses}), when ({@code unknownStatusAt}) and how often
 * ({@code unknownStatusCount}) — with the item flagged ({@code statusKnown=false}) and put in {@code open-items}
 * for reconciliation. The caller adds nothing that could overwrite what the documented statuses stored.
 */
public final class UnknownStatuses {

    /**
     * The ids of every notification that carried an undocumented status (a string set). Such a notification takes no
     * place in the ordering, so nothing else would refuse its redelivery once it left the item's recent window: the
     * item remembers them, up to {@code payguru.notifications.max-undocumented-per-item} (default 16): beyond, a
     * notification is answered as accepted and only counted in {@link #OVERFLOW}, so replays with new junk cannot
     * grow the item.
     */
    public static final String NOTIFICATIONS = "unknownNotifications";

    /** How many undocumented-status notifications arrived after {@link #NOTIFICATIONS} was full (a number). */
    public static final String OVERFLOW = "unknownOverflowCount";

    private UnknownStatuses() {
    }

    public static StateChange record(StateChange c, String status, String now) {
        return c.set("unknownStatus", status)
                .set("unknownStatusAt", now)
                .increment("unknownStatusCount")
                .addToSet("unknownStatuses", status)
                .set("statusKnown", false)
                .rememberEveryNotification(NOTIFICATIONS);
    }

    /** What a notification that finds {@link #NOTIFICATIONS} full writes: one counter, nothing else. */
    static StateChange overflow(String pk, String sk) {
        return StateChange.of(pk, sk).existingOnly().increment(OVERFLOW);
    }

    /**
     * Payguru's API reports the documented status already stored on a flagged item: the flag is lifted and a
     * settled item leaves {@code open-items} (the undocumented values stay on record). Refused (nothing written)
     * when the item is not flagged or its stored status differs.
     */
    public static StateChange lift(String pk, String sk, String status, boolean settled, String now) {
        StateChange c = StateChange.of(pk, sk).existingOnly()
                .onlyIfStored("statusKnown", false)
                .mustMatchStored("status", status)
                .set("statusKnown", true)
                .set("updatedAt", now)
                .cause(ChangeCause.query());
        if (settled) {
            c.remove(TableLayout.OPEN_PK).remove(TableLayout.OPEN_SK);
        }
        return c;
    }
}
