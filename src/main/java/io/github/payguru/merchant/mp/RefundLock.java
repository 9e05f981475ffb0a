package io.github.payguru.merchant.mp;

import java.util.Optional;

/**
 * The states of the lock item that keeps an MP refund ({@code TX#MP#<txId>}, {@code sk = REFUND}) or subscription
 * cancel ({@code SUB#MP#<subsId>}, {@code sk = CANCEL}) from being sent twice, attribute {@code status}; its holder
 * is named by {@code owner} ({@link RefundLocks}). The wire values are what the table holds.
 */
public enum RefundLock {

    /** One invocation is calling Payguru (or died doing so: then it expires, see {@link RefundLocks#ttl}). */
    SENDING("sending"),
    /** Payguru accepted the refund, or a query showed it done: never sent again. */
    DONE("done"),
    /** The answer was lost (timeout, 5xx): the next request queries before it may send. */
    UNCERTAIN("uncertain"),
    /** Payguru clearly refused, or nothing was sent: the merchant may try again. */
    RELEASED("released");

    private final String wire;

    RefundLock(String wire) {
        this.wire = wire;
    }

    /** The stored value of the lock's {@code status}. */
    public String wire() {
        return wire;
    }

    /** The state a stored {@code status} holds, empty for none or an unknown value. */
    public static Optional<RefundLock> fromWire(String stored) {
        for (RefundLock l : values()) {
            if (l.wire.equals(stored)) {
                return Optional.of(l);
            }
        }
        return Optional.empty();
    }
}
