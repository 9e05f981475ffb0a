package io.github.payguru.merchant.payguru;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Locale;

import io.github.payguru.merchant.kernel.Digests;

/**
 * Payguru's key formulas (md5 over a plain concatenation, lowercase hex) and their constant-time check.
 * Each formula takes its own typed input ({@link KeyInput}: {@link PhsNotifyKeyInput}, {@link TcknVerifyKeyInput},
 * {@link TcknHashInput}, {@link PhsTokenKeyInput}, {@link MpCheckoutKeyInput}, {@link MpSecureKeyInput}): a call
 * site names the documented parts instead of lining up eight strings in the hashing order, and that order is
 * written once, in the input. The exact strings are hashed, as UTF-8, never re-formatted. Plain hex and
 * fingerprints are the kernel's ({@link Digests}).
 */
public final class PayguruKeys {

    private PayguruKeys() {
    }

    /** The key of a formula's input: md5 of the UTF-8 concatenation of its parts, lowercase hex. */
    public static String md5(KeyInput input) {
        return md5Hex(input.parts());
    }

    /** md5 of the UTF-8 concatenation of the parts, lowercase hex. */
    static String md5Hex(List<String> parts) {
        StringBuilder joined = new StringBuilder();
        for (String p : parts) {
            joined.append(p);
        }
        return Digests.hex(md5().digest(joined.toString().getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Compares a received key with the expected one in time independent of where they differ.
     * Hex case is ignored (Payguru sends lowercase; an uppercase copy is the same key).
     */
    public static boolean matches(String expectedHex, String receivedHex) {
        if (expectedHex == null || receivedHex == null) {
            return false;
        }
        byte[] a = expectedHex.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8);
        byte[] b = receivedHex.trim().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(a, b);
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 unavailable", e);
        }
    }
}
