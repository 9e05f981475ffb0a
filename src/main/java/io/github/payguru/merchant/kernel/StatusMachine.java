package io.github.payguru.merchant.kernel;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The rules of one status vocabulary, and the trust rule every vocabulary shares. The store turns them into a
 * DynamoDB condition, so that a transition is checked atomically by the database, never by read-then-write.
 * <p>
 * <b>Payguru's API is the truth; a callback is a claim.</b>
 * <ol>
 * <li>A status from a callback is stored as reported, with {@code confirmed=false}. A status that ends a payment
 * ({@link #terminal}: success, failure, refund) is not final while unconfirmed: the item stays in open-items
 * until Payguru's API reports it.</li>
 * <li>A status from Payguru's API is stored {@code confirmed=true} and overrides any unconfirmed state, backwards
 * too (a callback claimed a failure, the API says paid; or the reverse). A confirmed state moves only along
 * {@link #allowedFrom}.</li>
 * <li>Between unconfirmed claims, precedence decides ({@link #rank}): a claim replaces an unconfirmed stored
 * status of lower rank ({@link #claimMayReplace}), never one of equal or higher rank. The ranks are a total order
 * and every {@link #allowedFrom} step goes up in rank, so the same set of claims ends in the same state (the
 * highest-ranked claim) in any delivery order.</li>
 * </ol>
 * A vocabulary implements {@link #known}, {@link #terminal}, {@link #allowedFrom}, {@link #rank} and
 * {@link #documented}; the rest follows.
 */
public interface StatusMachine {

    /** Marks "no status stored yet" in {@link #allowedFrom(String)}. */
    String NONE = "";

    /** Our own status for an item the merchant created before Payguru reported anything. */
    String CREATED = "created";

    /** Whether Payguru documents this status. */
    boolean known(String status);

    /** A status that ends the payment: confirmed, the item leaves the reconciliation index. */
    boolean terminal(String status);

    /**
     * The stored statuses (and {@link #NONE}) from which {@code status} may be applied, confirmed or not.
     * A status never follows itself: a repeat changes nothing.
     */
    Set<String> allowedFrom(String status);

    /**
     * Precedence among unconfirmed claims: distinct for every documented status, higher for a status that says more
     * (paid beats a failure, a refund beats paid); {@link #NONE} and {@link #CREATED} rank lowest (0). A vocabulary
     * that defines no ranks (this default) lets a claim follow {@link #allowedFrom} only.
     */
    default int rank(String status) {
        return 0;
    }

    /** The documented statuses that {@link #rank} orders (by default none). */
    default Set<String> documented() {
        return Set.of();
    }

    /**
     * The stored statuses an unconfirmed claim of {@code status} may replace: {@link #allowedFrom} and every
     * documented status of lower {@link #rank}.
     */
    default Set<String> claimMayReplace(String status) {
        Set<String> out = new LinkedHashSet<>(allowedFrom(status));
        if (known(status)) {
            for (String s : documented()) {
                if (rank(s) < rank(status)) {
                    out.add(s);
                }
            }
        }
        return out;
    }
}
