package io.github.payguru.merchant.kernel;

/** Payguru's two product lines. */
public enum Line {
    /** Mobile payment: carrier billing, one-off and subscription. */
    MP,
    /** Bank transfer / cash payment. */
    PHS
}
