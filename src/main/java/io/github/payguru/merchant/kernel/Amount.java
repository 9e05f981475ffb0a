package io.github.payguru.merchant.kernel;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * A money amount as Payguru sent it: the exact wire string (what the keys hash) and its
 * exact decimal value (what is compared and stored). Never a {@code double}.
 *
 * @param wire the string as received, e.g. {@code "2.00"}
 * @param value the decimal value
 */
public record Amount(String wire, BigDecimal value) {

    /** Up to 10 integer digits and up to 4 decimals; a dot as separator; no sign. */
    private static final Pattern FORMAT = Pattern.compile("\\d{1,10}(\\.\\d{1,4})?");

    /** Parses an amount or throws {@link IllegalArgumentException} naming what is wrong. */
    public static Amount parse(String wire) {
        if (wire == null || wire.isEmpty()) {
            throw new IllegalArgumentException("amount is missing");
        }
        if (!FORMAT.matcher(wire).matches()) {
            throw new IllegalArgumentException("amount is not a positive decimal with a dot: " + wire);
        }
        return new Amount(wire, new BigDecimal(wire));
    }

    /** The canonical text of the value: {@code "2.00"} and {@code "2"} both give {@code "2"}. */
    public String canonical() {
        return canonical(value);
    }

    public static String canonical(BigDecimal value) {
        BigDecimal s = value.stripTrailingZeros();
        return s.scale() < 0 ? s.setScale(0).toPlainString() : s.toPlainString();
    }
}
