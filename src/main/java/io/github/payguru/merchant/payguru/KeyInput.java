package io.github.payguru.merchant.payguru;

import java.util.List;

/**
 * The strings one of Payguru's md5 formulas is computed from (src/site/markdown/payguru-api.md), one record per
 * formula, its components named as the documentation names them. A record's components are grouped by who they
 * belong to (merchant, service, then the message); the order the formula hashes them in is written once, in
 * {@link #parts()}. Each component must be present: the formulas hash the exact strings sent or received, and
 * a missing one is a bug, never the text {@code null}. {@code toString} shows secrets as their length only.
 */
public sealed interface KeyInput
        permits PhsNotifyKeyInput, TcknVerifyKeyInput, TcknHashInput, PhsTokenKeyInput, MpCheckoutKeyInput,
        MpSecureKeyInput {

    /** The parts in the formula's order; the key is the md5 of their UTF-8 concatenation ({@link PayguruKeys#md5}). */
    List<String> parts();
}
