package io.github.payguru.merchant.kernel;

import java.util.Map;
import java.util.TreeMap;

/**
 * The masking policy (KVKK) for everything received that is logged or kept: log lines,
 * rejection records, pass-through attributes, free text. MSISDN and phone numbers, TCKN, IBAN, e-mail,
 * names; keys and tokens keep only their length. Decides by the normalized parameter name
 * ({@link ParamNames}) and by the value's shape ({@link PiiShapes}); what a merchant needs to match a
 * record survives (last digits, e-mail domain). Configured secrets on top: {@link Privacy}.
 */
public final class Masking {

    private Masking() {
    }

    /** Keeps the last two digits: {@code 905321234567} → {@code **********67}. */
    public static String msisdn(String value) {
        return keepLast(value, 2);
    }

    /** Keeps the last two digits of an 11-digit national id. */
    public static String tckn(String value) {
        return keepLast(value, 2);
    }

    /** Keeps the country code and check digits and the last four characters. */
    public static String iban(String value) {
        if (value == null) {
            return null;
        }
        String v = value.replace(" ", "");
        if (v.length() <= 8) {
            return stars(v.length());
        }
        return v.substring(0, 4) + stars(v.length() - 8) + v.substring(v.length() - 4);
    }

    /**
     * Keeps the domain and, of a local part longer than {@value #SHORT_LOCAL_PART} characters, its first character:
     * {@code ayse@gmx.de} → {@code a***@gmx.de}, {@code ab@gmx.de} → {@code ***@gmx.de}.
     */
    public static String email(String value) {
        if (value == null) {
            return null;
        }
        int at = value.indexOf('@');
        if (at <= 0) {
            return stars(value.length());
        }
        return (at <= SHORT_LOCAL_PART ? "" : value.substring(0, 1)) + "***" + value.substring(at);
    }

    /** A local part this short would be half shown by its first character: it is masked whole. */
    static final int SHORT_LOCAL_PART = 2;

    /** A source address as logged and stored: its /24 (IPv4) or /48 (IPv6) network ({@link Cidr#keptNetwork}). */
    public static String sourceIp(String address) {
        return Cidr.keptNetwork(address);
    }

    /** Secrets: only their length survives. */
    public static String secret(String value) {
        return value == null ? null : "<" + value.length() + " chars>";
    }

    /**
     * Masks a single parameter: by what its normalized name says ({@link ParamNames#kind}) and, whatever
     * the name, by the shape of its value ({@link PiiShapes}): an unknown parameter holding an IBAN, a
     * TCKN, an e-mail or a mobile number is masked too.
     */
    public static String param(String name, String value) {
        if (value == null) {
            return null;
        }
        return switch (ParamNames.kind(name)) {
            case SECRET -> secret(value);
            case NATIONAL_ID -> tckn(value);
            case IBAN -> iban(value);
            case EMAIL -> email(value);
            case PHONE -> value.chars().anyMatch(Character::isLetter) ? PiiShapes.scrub(value) : msisdn(value);
            case PERSON -> value.isEmpty() ? value : value.charAt(0) + "***";
            case OTHER -> PiiShapes.scrub(value);
        };
    }

    /** A parameter name fit to be kept: personal data inside a name is masked like in a value. */
    public static String name(String name) {
        return PiiShapes.scrub(name);
    }

    /** A masked, key-sorted copy, fit for log lines, rejection records and pass-through attributes. */
    public static Map<String, String> params(Map<String, String> params) {
        Map<String, String> out = new TreeMap<>();
        params.forEach((k, v) -> out.merge(name(k), param(k, v), (a, b) -> a));
        return out;
    }

    /** Free text (item, error description, a refusal message): personal data inside it masked. */
    public static String text(String value) {
        return PiiShapes.scrub(value);
    }

    /**
     * An MSISDN as it may be stored: a clear number (digits and separators only) keeps its last two digits;
     * what Payguru already masked or encrypted (letters, {@code *}) is kept as sent, minus any clear shape.
     */
    public static String storedMsisdn(String value) {
        if (value == null || value.indexOf('*') >= 0 || value.chars().anyMatch(Character::isLetter)) {
            return PiiShapes.scrub(value);
        }
        return value.chars().filter(Character::isDigit).count() >= 7 ? msisdn(value) : value;
    }

    private static String keepLast(String value, int keep) {
        if (value == null) {
            return null;
        }
        if (value.length() <= keep + 2) {
            return stars(value.length());
        }
        return stars(value.length() - keep) + value.substring(value.length() - keep);
    }

    private static String stars(int n) {
        return "*".repeat(Math.max(0, n));
    }
}
