package io.github.payguru.merchant.kernel;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;

/**
 * Payguru's key formulas (md5 over a plain concatenation, lowercase hex) and their
 * constant-time check. Building the signed string is kept apart from hashing it, so
 * tests can show exactly which wire strings go in.
 */
public final class PayguruKeys {

    private PayguruKeys() {
    }

    /** PHS notify: md5(serviceCode + merchantId + txid + code + order + amount + merchantKey + serviceKey). */
    public static String phsNotifyKey(String serviceCode, String merchantId, String txid, String code, String order,
            String amountAsSent, String merchantKey, String serviceKey) {
        return md5Hex(serviceCode, merchantId, txid, code, order, amountAsSent, merchantKey, serviceKey);
    }

    /** PHS TCKN verify: md5(serviceCode + merchantId + order + merchantKey + serviceKey). */
    public static String tcknVerifyKey(String serviceCode, String merchantId, String order, String merchantKey,
            String serviceKey) {
        return md5Hex(serviceCode, merchantId, order, merchantKey, serviceKey);
    }

    /** The value the TCKN verify answer carries: md5(TCKN + serviceKey). The raw TCKN is never stored. */
    public static String tcknHash(String tckn, String serviceKey) {
        return md5Hex(tckn, serviceKey);
    }

    /**
     * MP payment page ({@code POST cp.payguru.com/token}):
     * md5(merchantId + serviceId + referenceCode + item + price + successUrl + failureUrl + secretKey).
     */
    public static String mpCheckoutKey(String merchantId, String serviceId, String referenceCode, String item,
            String price, String successUrl, String failureUrl, String secretKey) {
        return md5Hex(merchantId, serviceId, referenceCode, item, price, successUrl, failureUrl, secretKey);
    }

    /** md5 of the UTF-8 concatenation of the parts, lowercase hex. */
    public static String md5Hex(String... parts) {
        StringBuilder joined = new StringBuilder();
        for (String p : parts) {
            joined.append(p);
        }
        return hex(md5().digest(joined.toString().getBytes(StandardCharsets.UTF_8)));
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

    /** A short, non-reversible fingerprint of a value for ids and logs (sha-256, first 32 hex chars). */
    public static String fingerprint(String value) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return hex(d).substring(0, 32);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 unavailable", e);
        }
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    static String hex(byte[] bytes) {
        char[] out = new char[bytes.length * 2];
        for (int i = 0; i < bytes.length; i++) {
            out[2 * i] = HEX[(bytes[i] >> 4) & 0xf];
            out[2 * i + 1] = HEX[bytes[i] & 0xf];
        }
        return new String(out);
    }
}
