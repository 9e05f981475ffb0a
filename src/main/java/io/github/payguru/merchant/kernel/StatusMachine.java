package io.github.payguru.merchant.kernel;

import java.util.Set;

/**
 * The rules of one status vocabulary: which stored statuses a new status may follow.
 * The store turns {@link #allowedFrom(String)} into a DynamoDB condition, so that a
 * transition is checked atomically by the database, never by read-then-write.
 */
public interface StatusMachine {

    /** Marks "no status stored yet" in {@link #allowedFrom(String)}. */
    String NONE = "";

    /** Our own status for an item the merchant created before Payguru reported anything. */
    String CREATED = "created";

    /** Whether Payguru documents this status. */
    boolean known(String status);

    /** A terminal status leaves the reconciliation index. */
    boolean terminal(String status);

    /**
     * The stored statuses (and {@link #NONE}) from which {@code status} may be applied.
     * A status never follows itself: a repeat changes nothing.
     */
    Set<String> allowedFrom(String status);
}
