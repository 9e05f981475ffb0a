package io.github.payguru.merchant.mp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.github.payguru.merchant.kernel.Cidr;

/** The MP rules as plain code: status tables, subscription ordering numbers, CIDR matching. */
class MpRulesTest {

    @Test
    void transactionStatusTable() {
        MpStatus m = MpStatus.INSTANCE;
        for (String s : List.of("1", "3", "4", "5", "6", "7", "8", "9", "-18", "-5", "-8")) {
            assertTrue(m.known(s), s);
            assertFalse(m.allowedFrom(s).contains(s), s + " never follows itself");
        }
        assertFalse(m.known("2"));
        assertTrue(m.allowedFrom("2").isEmpty(), "an unknown code is never a transition");
        assertFalse(m.allowedFrom("1").contains("3"), "late waiting after paid");
        assertTrue(m.allowedFrom("7").contains("3"));
        assertTrue(m.allowedFrom("6").contains("7"));
        for (String f : MpStatus.FAILED) {
            assertTrue(m.terminal(f));
            assertFalse(m.allowedFrom("3").contains(f) || m.allowedFrom("7").contains(f), "nothing follows failure " + f);
        }
        assertFalse(m.terminal("1"));
        assertFalse(m.terminal("7"));
    }

    @Test
    void subscriptionSequenceOrdersByTxIdThenRank() {
        assertTrue(seq("10", "unknown").compareTo(seq("9", "cancelled")) > 0, "a higher txId always wins");
        assertTrue(seq("10", "active").compareTo(seq("10", "unknown")) > 0);
        assertTrue(seq("10", "cancelled").compareTo(seq("10", "active")) > 0);
        assertEquals(0, seq("10", "active").compareTo(seq("10", "retry")), "same txId, same rank: first one stays");
        assertEquals(new BigInteger("123456789012345678902"), seq("12345678901234567890", "active"));
        assertTrue(MpSubscriptionStatus.terminal("suspend"));
        assertFalse(MpSubscriptionStatus.terminal("paused"));
        assertFalse(MpSubscriptionStatus.known("paused"));
    }

    static BigInteger seq(String tx, String status) {
        return new BigInteger(MpSubscriptionStatus.sequence(tx, status));
    }

    @Test
    void cidrsMatchIpv4AndIpv6() {
        Cidr v4 = Cidr.parse("203.0.113.0/24");
        assertTrue(v4.contains("203.0.113.10"));
        assertTrue(v4.contains("::ffff:203.0.113.10"), "IPv4-mapped IPv6");
        assertFalse(v4.contains("203.0.114.10"));
        assertFalse(v4.contains("2001:db8::1"));
        assertFalse(v4.contains(null));
        assertFalse(v4.contains("example.com"), "no DNS lookups");
        Cidr v6 = Cidr.parse("2001:db8::/32");
        assertTrue(v6.contains("2001:db8:ffff::1"));
        assertFalse(v6.contains("2001:db9::1"));
        assertTrue(Cidr.parse("198.51.100.7").contains("198.51.100.7"));
        assertFalse(Cidr.parse("198.51.100.7").contains("198.51.100.8"));
        assertTrue(Cidr.parse("10.0.0.0/9").contains("10.127.255.255"));
        assertFalse(Cidr.parse("10.0.0.0/9").contains("10.128.0.0"));
        assertTrue(Cidr.parse("0.0.0.0/0").contains("192.0.2.1"));
        for (String bad : List.of("10.0.0.0/33", "10.0.0/8", "host.example", "2001:db8::/129", "10.0.0.0/x", "")) {
            assertThrows(IllegalArgumentException.class, () -> Cidr.parse(bad), bad);
        }
    }
}
