package io.github.payguru.merchant.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** {@link Identifiers}: one canonical spelling per number; every other spelling is a 400 naming the field. */
class IdentifierPropertiesTest {

    @Property
    void everyPositiveLongIsAcceptedAsWritten(@ForAll @LongRange(min = 1) long n) {
        assertEquals(Long.toString(n), Identifiers.parse("txId", Long.toString(n)));
    }

    @Property
    void leadingZerosAreRefused(@ForAll @LongRange(min = 0) long n, @ForAll @IntRange(min = 1, max = 4) int zeros) {
        refused("0".repeat(zeros) + n);
    }

    @Property
    void signsAreRefused(@ForAll @LongRange(min = 0) long n, @ForAll("signs") String sign) {
        refused(sign + n);
        refused(n + sign);
    }

    @Property
    void otherDigitsThanAsciiAreRefused(@ForAll @LongRange(min = 1) long n, @ForAll("zeroDigits") char zero) {
        StringBuilder b = new StringBuilder();
        Long.toString(n).chars().forEach(c -> b.append((char) (zero + (c - '0'))));
        refused(b.toString());
    }

    @Property
    void twentyDigitsOrMoreAreRefused(@ForAll("longDigitStrings") String digits) {
        refused(digits);
    }

    /** Against an oracle that reads the number: accepted exactly when the text is the number's own decimal form. */
    @Property(tries = 3000)
    void acceptedExactlyWhenTheTextIsTheNumbersOwnForm(@ForAll("idLike") String s) {
        boolean oracle;
        try {
            BigInteger v = new BigInteger(s);
            oracle = v.signum() > 0 && v.toString().equals(s) && s.length() <= Identifiers.MAX_DIGITS
                    && s.chars().allMatch(c -> c >= '0' && c <= '9');
        } catch (NumberFormatException e) {
            oracle = false;
        }
        assertEquals(oracle, Identifiers.canonical(s), s);
        if (!oracle) {
            refused(s);
        }
    }

    @Property
    void twoAcceptedSpellingsAreTheSameNumberOnlyWhenEqual(@ForAll("idLike") String a, @ForAll("idLike") String b) {
        if (Identifiers.canonical(a) && Identifiers.canonical(b)) {
            assertEquals(new BigInteger(a).equals(new BigInteger(b)), a.equals(b));
        }
    }

    @Property
    void zeroIsRefused(@ForAll @IntRange(min = 1, max = 5) int length) {
        refused("0".repeat(length));
        assertFalse(Identifiers.canonical(" 1"));
        assertTrue(Identifiers.canonical("1"));
    }

    static void refused(String s) {
        BadRequestException e = assertThrows(BadRequestException.class, () -> Identifiers.parse("txId", s), s);
        assertEquals(400, e.status());
        assertTrue(e.getMessage().startsWith(s.isBlank() ? "missing field: txId" : "malformed field: txId ("),
                e.getMessage());
    }

    @Provide
    Arbitrary<String> signs() {
        return Arbitraries.of("+", "-", " ", "\u2212");
    }

    @Provide
    Arbitrary<Character> zeroDigits() {
        // Arabic-Indic, Extended Arabic-Indic, Devanagari, Bengali, full-width
        return Arbitraries.of('\u0660', '\u06F0', '\u0966', '\u09E6', '\uFF10');
    }

    @Provide
    Arbitrary<String> longDigitStrings() {
        return Arbitraries.strings().withCharRange('0', '9').ofMinLength(19).ofMaxLength(30)
                .map(s -> "1" + s);
    }

    @Provide
    Arbitrary<String> idLike() {
        return Arbitraries.oneOf(
                Arbitraries.strings().withCharRange('0', '9').ofMinLength(1).ofMaxLength(22),
                Arbitraries.strings().withChars("0123456789+- .e\u0660\uFF11x").ofMinLength(0).ofMaxLength(6),
                Arbitraries.longs().map(Object::toString),
                Arbitraries.strings().ofMaxLength(5));
    }
}
