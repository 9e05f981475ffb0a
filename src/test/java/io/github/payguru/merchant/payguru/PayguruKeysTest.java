package io.github.payguru.merchant.payguru;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Payguru's key formulas and their constant-time comparison: one case per rule. */
class PayguruKeysTest {

    // Every expected key below was computed outside this code, with
    //   printf '%s' '<the concatenation in the comment>' | md5sum
    // so a formula that hashes its parts in another order, or adds or re-formats one, fails here.

    @Test
    void phsNotifyKeyIsMd5OfThePlainConcatenation() {
        // "SHOP" + "1000" + "7000001" + "80012345" + "ORD-1001" + "150.00" + "mk" + "sk"
        // printf '%s' 'SHOP1000700000180012345ORD-1001150.00mksk' | md5sum
        assertEquals("115ca7da22a02e6bb3113d3f59598551", PayguruKeys.md5(new PhsNotifyKeyInput("1000", "mk", "SHOP",
                "sk", "7000001", "80012345", "ORD-1001", "150.00")));
        // src/site/markdown/callbacks-and-operations.md "Checking a key by hand":
        // printf '%s' 'SHOP1000555PG555ORD-55510.00local-merchant-keylocal-phs-service-key' | md5sum
        assertEquals("bbe0a81d86d443a84e1c09e440a6a65f", PayguruKeys.md5(new PhsNotifyKeyInput("1000",
                "local-merchant-key", "SHOP", "local-phs-service-key", "555", "PG555", "ORD-555", "10.00")));
    }

    @Test
    void tcknVerifyKeyAndTcknHash() {
        // "SHOP" + "1000" + "ORD-1" + "mk" + "sk": printf '%s' 'SHOP1000ORD-1mksk' | md5sum
        assertEquals("e127efa0bae8a441f0430f8123f2b2df",
                PayguruKeys.md5(new TcknVerifyKeyInput("1000", "mk", "SHOP", "sk", "ORD-1")));
        // the key of infra/events/tckn-verify/*-known-order.json:
        // printf '%s' 'SHOP1000ORD-2001local-merchant-keylocal-phs-service-key' | md5sum
        assertEquals("50bd78003f2cfc6b409701bc3e0d64ce", PayguruKeys.md5(new TcknVerifyKeyInput("1000",
                "local-merchant-key", "SHOP", "local-phs-service-key", "ORD-2001")));
        // "12345678901" + "sk": printf '%s' '12345678901sk' | md5sum
        assertEquals("c79799647ba8f8a13ab04882c334d5e7", PayguruKeys.md5(new TcknHashInput("12345678901", "sk")));
    }

    @Test
    void phsTokenKey() {
        // "1000" + "127.0.0.1" + "local-merchant-key": printf '%s' '1000127.0.0.1local-merchant-key' | md5sum
        assertEquals("72d536b898ccad94c2aed236208a6bc2",
                PayguruKeys.md5(new PhsTokenKeyInput("1000", "local-merchant-key", "127.0.0.1")));
    }

    @Test
    void mpCheckoutKeyAndSecureKey() {
        // "1000" + "2001" + "ORD-1" + "Gold" + "12.50" + "http://shop/ok" + "http://shop/fail" + "local-mp-game-key"
        // printf '%s' '10002001ORD-1Gold12.50http://shop/okhttp://shop/faillocal-mp-game-key' | md5sum
        assertEquals("20233d198affce41b9f706a1d54c5706", PayguruKeys.md5(new MpCheckoutKeyInput("1000", "2001",
                "local-mp-game-key", "ORD-1", "Gold", "12.50", "http://shop/ok", "http://shop/fail")));
        // "9300001" + "local-mp-secret": printf '%s' '9300001local-mp-secret' | md5sum
        assertEquals("ce2f623db7a5f3aaa2e123ed4bd73d30",
                PayguruKeys.md5(new MpSecureKeyInput("9300001", "local-mp-secret")));
    }

    @Test
    void md5IsTheRfcOneAndKeyInputsNeverPrintASecret() {
        assertEquals("900150983cd24fb0d6963f7d28e17f72", PayguruKeys.md5Hex(List.of("abc")), "RFC 1321 test vector");
        assertEquals("900150983cd24fb0d6963f7d28e17f72", PayguruKeys.md5Hex(List.of("a", "", "bc")),
                "parts are concatenated as they are, nothing between them");
        String shown = new PhsNotifyKeyInput("1000", "K3Y-merchant", "SHOP", "K3Y-service", "1", "c", "o", "1.00")
                + " " + new MpCheckoutKeyInput("1000", "2001", "K3Y-mp", "r", "i", "1", "s", "f")
                + " " + new TcknHashInput("12345678901", "K3Y-service");
        assertFalse(shown.contains("K3Y"), shown);
        assertFalse(shown.contains("12345678901"), shown);
        assertThrows(NullPointerException.class, () -> new MpSecureKeyInput("9300001", null),
                "a missing part is a bug, never hashed as the text null");
    }

    @Test
    void keysCompareIgnoringHexCaseAndNothingElse() {
        // printf '%s' 'x' | md5sum
        String k = "9dd4e461268c8034f5c8564e155c67a6";
        assertTrue(PayguruKeys.matches(k, k));
        assertTrue(PayguruKeys.matches(k, k.toUpperCase()));
        assertFalse(PayguruKeys.matches(k, k.substring(1)));
        assertFalse(PayguruKeys.matches(k, null));
        assertFalse(PayguruKeys.matches(k, ""));
    }
}
