package io.github.payguru.merchant.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.github.payguru.merchant.phs.PhsStatus;

/** Amounts, masking and PHS transitions: one case per rule (Payguru's key formulas: payguru/PayguruKeysTest). */
class AmountsAndMaskingTest {

    @Test
    void amountsKeepTheWireStringAndCompareByValue() {
        Amount a = Amount.parse("2.00");
        assertEquals("2.00", a.wire());
        assertEquals(new BigDecimal("2.00"), a.value());
        assertEquals("2", a.canonical());
        assertEquals("2.5", Amount.parse("2.50").canonical());
        assertEquals("100", Amount.parse("100").canonical());
        for (String bad : new String[] { "", "-1", "1,50", "1e3", "1.", ".5", "1.23456", "abc", "NaN" }) {
            assertThrows(IllegalArgumentException.class, () -> Amount.parse(bad), bad);
        }
    }

    @Test
    void personalDataIsMasked() {
        assertEquals("**********67", Masking.msisdn("905321234567"));
        assertEquals("*********01", Masking.tckn("12345678901"));
        assertEquals("TR33" + "*".repeat(18) + "1326", Masking.iban("TR330006100519786457841326"));
        assertEquals("a***@example.com", Masking.email("ali@example.com"));
        assertEquals("<32 chars>", Masking.param("key", "0".repeat(32)));
        Map<String, String> m = Masking.params(Map.of("PaymentNotification[tc_no]", "12345678901", "order", "O-1",
                "phone", "5321234567", "name", "Ayşe Yılmaz"));
        assertEquals("*********01", m.get("PaymentNotification[tc_no]"));
        assertEquals("O-1", m.get("order"));
        assertEquals("********67", m.get("phone"));
        assertEquals("A***", m.get("name"));
    }

    @Test
    void phsTransitionsNeverGoBackwards() {
        PhsStatus s = PhsStatus.INSTANCE;
        assertTrue(s.allowedFrom("3").contains("1"));
        assertFalse(s.allowedFrom("1").contains("3"));
        assertTrue(s.allowedFrom("6").contains("3"));
        assertFalse(s.allowedFrom("3").contains("6"));
        assertFalse(s.allowedFrom("3").contains("3"), "a repeat is not a transition");
        // issue 9 §1: an undocumented status is never a transition, not even on a new item (it is kept beside the state)
        assertTrue(s.allowedFrom("99").isEmpty());
        assertFalse(s.allowedFrom("99").contains(StatusMachine.NONE));
        assertFalse(s.allowedFrom("99").contains("1"));
        assertTrue(s.terminal("3") && s.terminal("6") && !s.terminal("1"));
    }
}
