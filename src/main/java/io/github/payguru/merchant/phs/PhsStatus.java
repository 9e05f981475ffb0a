package io.github.payguru.merchant.phs;

import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.payguru.merchant.kernel.StatusMachine;

/**
 * PHS transaction statuses (Payguru /phs/tr/api/status-code): 1 processing, 2 could not
 * notify, 3 success, 5 waiting approval from the merchant, 6 refund, 8 partial payment.
 * <p>
 * Order: processing (1) → could not notify (2) → waiting approval (5) → partial (8) → success (3) → refund (6).
 * "Could not notify" (2) is Payguru's own delivery state and may precede success.
 * A late lower status never overwrites a higher one; success and refund are terminal. The same order is the
 * precedence among unconfirmed claims ({@link #rank}, the kernel's rule in {@link StatusMachine}). A status the
 * documentation does not list is never a transition, in any order: {@link PhsTransactions} keeps it
 * beside the state ({@link UnknownStatuses}) and flags the item.
 */
public final class PhsStatus implements StatusMachine {

    public static final PhsStatus INSTANCE = new PhsStatus();

    public static final String PROCESSING = "1";
    public static final String NOT_NOTIFIED = "2";
    public static final String SUCCESS = "3";
    public static final String WAITING_APPROVAL = "5";
    public static final String REFUND = "6";
    public static final String PARTIAL = "8";

    private static final Map<String, Set<String>> FROM = Map.of(
            PROCESSING, Set.of(NONE, CREATED),
            WAITING_APPROVAL, Set.of(NONE, CREATED, PROCESSING, NOT_NOTIFIED),
            NOT_NOTIFIED, Set.of(NONE, CREATED, PROCESSING),
            PARTIAL, Set.of(NONE, CREATED, PROCESSING, NOT_NOTIFIED, WAITING_APPROVAL),
            SUCCESS, Set.of(NONE, CREATED, PROCESSING, NOT_NOTIFIED, WAITING_APPROVAL, PARTIAL),
            REFUND, Set.of(NONE, CREATED, PROCESSING, NOT_NOTIFIED, WAITING_APPROVAL, PARTIAL, SUCCESS));

    /**
     * Every documented code in precedence order among claims (the index is the rank, 0 for none): the forward order
     * itself, so a claim replaces exactly what the order allows and any set of claims ends at the highest one.
     */
    private static final List<String> PRECEDENCE = List.of(NONE, PROCESSING, NOT_NOTIFIED, WAITING_APPROVAL, PARTIAL,
            SUCCESS, REFUND);

    private PhsStatus() {
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

    /**
     * Success and refund end a payment. Reported by a notify they are claims, never final: Payguru's key does not
     * cover {@code status}, so the item stays unconfirmed and in {@code open-items} until {@code transaction/get}
     * shows the status (confirm before trust, {@link PhsTransactions}). Confirmed, they need no reconciliation: a
     * later refund arrives as a notify.
     */
    @Override
    public boolean terminal(String status) {
        return SUCCESS.equals(status) || REFUND.equals(status);
    }

    /** Undocumented statuses have no transitions (the empty set never matches; see the class comment). */
    @Override
    public Set<String> allowedFrom(String status) {
        return FROM.getOrDefault(status, Set.of());
    }

    /** Whether the money for this status has arrived (the status alone; fulfil on {@link PhsTransactions#fulfillable}). */
    public static boolean paid(String status) {
        return SUCCESS.equals(status);
    }

    private static final Map<String, String> NAMES = Map.of(PROCESSING, "processing", NOT_NOTIFIED, "not-notified",
            SUCCESS, "success", WAITING_APPROVAL, "waiting-approval", REFUND, "refund", PARTIAL, "partial");

    /** Our name of a documented code (change events, order lookup); null for a code this version does not know. */
    public static String name(String code) {
        return code == null ? null : NAMES.get(code);
    }
}
