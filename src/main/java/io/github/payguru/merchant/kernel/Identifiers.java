package io.github.payguru.merchant.kernel;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Payguru's numeric identifiers ({@code txId}, {@code subsId}, PHS {@code txid}, the ids operations ask about):
 * one canonical spelling per number, so one number is always one item.
 * <p>
 * Canonical: 1 to {@value #MAX_DIGITS} ASCII digits, no sign, no leading zero, not zero. Every other spelling
 * ({@code 042}, {@code 0}, {@code +42}, {@code 4 2}, Arabic-Indic or full-width digits, 20 digits or more) is
 * refused with 400; nothing is normalized, so {@code 42} and {@code 042} can never become two items, and
 * {@code 042} is never silently read as {@code 42}. 19 digits hold every value of a signed 64-bit id.
 */
public final class Identifiers {

    /** The longest identifier accepted. */
    public static final int MAX_DIGITS = 19;

    private static final Pattern CANONICAL = Pattern.compile("[1-9][0-9]{0," + (MAX_DIGITS - 1) + "}");

    private Identifiers() {
    }

    /** Whether {@code value} is an identifier in canonical form. */
    public static boolean canonical(String value) {
        return value != null && CANONICAL.matcher(value).matches();
    }

    /**
     * The identifier, or a 400 naming the field: {@code missing field: txId} when absent or blank,
     * {@code malformed field: txId (...)} for any other spelling.
     */
    public static String parse(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new BadRequestException("missing field: " + field);
        }
        if (!canonical(value)) {
            throw new BadRequestException("malformed field: " + field + " (" + rule() + ")");
        }
        return value;
    }

    /** An identifier read from Payguru's answer: present only when canonical (an answer is never normalized). */
    public static Optional<String> fromAnswer(String value) {
        return canonical(value) ? Optional.of(value) : Optional.empty();
    }

    /** The rule as the 400 answers state it. */
    public static String rule() {
        return "1 to " + MAX_DIGITS + " ASCII digits without sign or leading zero, not 0";
    }
}
