package io.github.payguru.merchant.mp;

import java.util.Map;
import java.util.Set;

import io.github.payguru.merchant.kernel.StatusMachine;

/**
 * MP transaction status codes (Payguru /mp/en/api/codes, src/site/markdown/payguru-api.md §1.1): 1 waiting for the
 * customer; 3 paid; 4 operator charging error, 5 expired, 8 and -18 cancelled (another payment
 * pending), 9 cancelled (not confirmed), -5 price mismatch, -8 invalid phone number — failed for
 * good; 7 refund in progress; 6 refunded.
 * <p>
 * Order: waiting (1) → paid (3) or a failure; paid (3) → refund in progress (7) → refunded (6).
 * A late waiting after paid, anything after a confirmed failure, and a repeat change nothing.
 * <p>
 * Claims ({@link StatusMachine}): a callback's status is stored {@code confirmed=false}; a failure, paid or
 * refunded claim keeps the item open until {@code transaction/detail} reports it. Precedence among unconfirmed
 * claims ({@link #rank}): waiting (1) &lt; the failures, in the order 9, 5, 8, -18, 4, -5, -8 &lt; paid (3) &lt;
 * refund in progress (7) &lt; refunded (6). So a failure claim never swallows a paid one, whatever came first;
 * which failure claim stays matters only until Payguru's API settles it. A code this
 * version does not know is never a transition: {@link MpTransactions} stores it beside the status
 * ({@code unknownStatus}, {@code statusKnown=false}) and flags the item for reconciliation.
 */
public final class MpStatus implements StatusMachine {

    public static final MpStatus INSTANCE = new MpStatus();

    public static final String WAITING = "1";
    public static final String PAID = "3";
    public static final String CHARGING_ERROR = "4";
    public static final String EXPIRED = "5";
    public static final String REFUNDED = "6";
    public static final String REFUND_IN_PROGRESS = "7";
    public static final String CANCELLED_OTHER_PENDING = "8";
    public static final String CANCELLED_NOT_CONFIRMED = "9";
    public static final String CANCELLED_OTHER_PENDING_RENEWAL = "-18";
    public static final String PRICE_MISMATCH = "-5";
    public static final String INVALID_PHONE = "-8";

    /** The failures: terminal, nothing follows them. */
    public static final Set<String> FAILED = Set.of(CHARGING_ERROR, EXPIRED, CANCELLED_OTHER_PENDING,
            CANCELLED_NOT_CONFIRMED, CANCELLED_OTHER_PENDING_RENEWAL, PRICE_MISMATCH, INVALID_PHONE);

    private static final Set<String> BEFORE_OUTCOME = Set.of(NONE, CREATED, WAITING);

    private static final Map<String, Set<String>> FROM = Map.ofEntries(
            Map.entry(WAITING, Set.of(NONE, CREATED)),
            Map.entry(PAID, BEFORE_OUTCOME),
            Map.entry(CHARGING_ERROR, BEFORE_OUTCOME),
            Map.entry(EXPIRED, BEFORE_OUTCOME),
            Map.entry(CANCELLED_OTHER_PENDING, BEFORE_OUTCOME),
            Map.entry(CANCELLED_NOT_CONFIRMED, BEFORE_OUTCOME),
            Map.entry(CANCELLED_OTHER_PENDING_RENEWAL, BEFORE_OUTCOME),
            Map.entry(PRICE_MISMATCH, BEFORE_OUTCOME),
            Map.entry(INVALID_PHONE, BEFORE_OUTCOME),
            // a refund may be reported without the paid notification ever arriving
            Map.entry(REFUND_IN_PROGRESS, Set.of(NONE, CREATED, WAITING, PAID)),
            Map.entry(REFUNDED, Set.of(NONE, CREATED, WAITING, PAID, REFUND_IN_PROGRESS)));

    /** Every documented code in precedence order among claims (the index is the rank, 0 for none). */
    private static final java.util.List<String> PRECEDENCE = java.util.List.of(NONE, WAITING,
            CANCELLED_NOT_CONFIRMED, EXPIRED, CANCELLED_OTHER_PENDING, CANCELLED_OTHER_PENDING_RENEWAL,
            CHARGING_ERROR, PRICE_MISMATCH, INVALID_PHONE, PAID, REFUND_IN_PROGRESS, REFUNDED);

    private MpStatus() {
    }

    @Override
    public int rank(String status) {
        return Math.max(0, PRECEDENCE.indexOf(status));
    }

    @Override
    public Set<String> documented() {
        return FROM.keySet();
    }

    @Override
    public boolean known(String status) {
        return FROM.containsKey(status);
    }

    /** Paid, refunded and the failures: final once confirmed. (Paid may still be followed by 7 → 6.) */
    @Override
    public boolean terminal(String status) {
        return PAID.equals(status) || REFUNDED.equals(status) || FAILED.contains(status);
    }

    /** Unknown codes have no transitions (see the class comment): the empty set never matches. */
    @Override
    public Set<String> allowedFrom(String status) {
        return FROM.getOrDefault(status, Set.of());
    }

    /**
     * Whether a billing notification with this status must carry a valid amount: every status except the documented
     * failures (a failed charge moved no money and nothing can follow it). An undocumented status needs one too:
     * the item it creates must hold the amount any later status is checked against.
     */
    public static boolean amountRequired(String status) {
        return !FAILED.contains(status);
    }

    public static boolean paid(String status) {
        return PAID.equals(status);
    }

    private static final Map<String, String> NAMES = Map.ofEntries(
            Map.entry(WAITING, "waiting"),
            Map.entry(PAID, "paid"),
            Map.entry(CHARGING_ERROR, "charging-error"),
            Map.entry(EXPIRED, "expired"),
            Map.entry(REFUNDED, "refunded"),
            Map.entry(REFUND_IN_PROGRESS, "refund-in-progress"),
            Map.entry(CANCELLED_OTHER_PENDING, "cancelled-other-pending"),
            Map.entry(CANCELLED_NOT_CONFIRMED, "cancelled-not-confirmed"),
            Map.entry(CANCELLED_OTHER_PENDING_RENEWAL, "cancelled-other-pending-renewal"),
            Map.entry(PRICE_MISMATCH, "price-mismatch"),
            Map.entry(INVALID_PHONE, "invalid-phone"));

    /** Our name of a documented code (change events, order lookup); null for a code this version does not know. */
    public static String name(String code) {
        return code == null ? null : NAMES.get(code);
    }
}
