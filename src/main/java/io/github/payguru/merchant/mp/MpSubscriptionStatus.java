package io.github.payguru.merchant.mp;

import java.util.Map;
import java.util.Set;

/**
 * MP subscription statuses (Payguru /mp/tr/api/codes, src/site/markdown/payguru-api.md §1.2): {@code unknown}
 * (process started), {@code active}, {@code retry} (charge failed, in the retry pool),
 * {@code cancelled}, {@code suspend} (retries exhausted, operator blacklist), {@code rejected}
 * (Vodafone). Any other string is kept beside the status ({@code unknownStatus}, {@code statusKnown=false}).
 * <p>
 * Subscriptions legitimately move back and forth (active ↔ retry), so there is no transition table:
 * the notification with the higher Payguru {@code txId} wins, whatever the arrival order
 * ({@link #sequence}). Two notifications about the same {@code txId} are ordered by {@link #rank}
 * (our reading: {@code unknown} starts a process, {@code cancelled} ends one).
 */
public final class MpSubscriptionStatus {

    public static final String UNKNOWN = "unknown";
    public static final String ACTIVE = "active";
    public static final String RETRY = "retry";
    public static final String CANCELLED = "cancelled";
    public static final String SUSPEND = "suspend";
    public static final String REJECTED = "rejected";

    private static final Map<String, Integer> RANK = Map.of(UNKNOWN, 1, ACTIVE, 2, RETRY, 2, REJECTED, 2,
            SUSPEND, 3, CANCELLED, 4);
    private static final Set<String> ENDED = Set.of(CANCELLED, SUSPEND, REJECTED);

    private MpSubscriptionStatus() {
    }

    public static boolean known(String status) {
        return RANK.containsKey(status);
    }

    /** Cancelled, suspended or rejected: the cycle is over (a restart gets a new subsId). */
    public static boolean terminal(String status) {
        return ENDED.contains(status);
    }

    /** Order among notifications of the same txId; unknown strings rank with active. */
    public static int rank(String status) {
        return RANK.getOrDefault(status, 2);
    }

    /**
     * The ordering number stored with the subscription: {@code txId} followed by the rank digit, so a
     * higher txId always wins and the same txId is ordered by rank. Up to 21 digits (DynamoDB numbers hold 38).
     */
    public static String sequence(String txId, String status) {
        return new java.math.BigInteger(txId) + Integer.toString(rank(status));
    }
}
