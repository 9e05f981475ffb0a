package io.github.payguru.merchant.kernel;

import java.util.Locale;

/**
 * What caused a state change, stored on the state item ({@code cause}) by the writers and carried by the
 * change event: a Payguru callback, an answer of Payguru's API read by an operation, the same read by the
 * scheduled reconciliation, or an operation of the merchant (payment page, order registration).
 * <p>
 * Reconciliation runs the same operations as the merchant's backend; it marks its thread with
 * {@link #reconciling(Runnable)} so that what they write is attributed to it ({@link #query()}).
 */
public enum ChangeCause {
    CALLBACK, API_QUERY, RECONCILIATION, OPERATION;

    private static final ThreadLocal<Boolean> RECONCILING = ThreadLocal.withInitial(() -> Boolean.FALSE);

    /** The stored spelling: {@code callback}, {@code api-query}, {@code reconciliation}, {@code operation}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The cause of a change read from Payguru's API: reconciliation while it runs, an API query otherwise. */
    public static ChangeCause query() {
        return RECONCILING.get() ? RECONCILIATION : API_QUERY;
    }

    /** Runs {@code work} with what it writes from Payguru's answers attributed to reconciliation. */
    public static void reconciling(Runnable work) {
        boolean outer = RECONCILING.get();
        RECONCILING.set(Boolean.TRUE);
        try {
            work.run();
        } finally {
            RECONCILING.set(outer);
        }
    }
}
