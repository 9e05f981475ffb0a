package io.github.payguru.merchant.core;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Masks personal data (KVKK) before anything is logged or kept in the notification log:
 * MSISDN and phone numbers, TCKN, IBAN, e-mail, names. Keys and tokens are never kept in clear.
 */
public final class Masking {

    private static final Set<String> PHONE = Set.of("msisdn", "phone", "gsm");
    private static final Set<String> NATIONAL_ID = Set.of("tckn", "tc_no", "tckno", "tc", "tcno");
    private static final Set<String> IBAN = Set.of("iban", "refund_iban");
    private static final Set<String> EMAIL = Set.of("email", "e-mail");
    private static final Set<String> NAME = Set.of("name", "user_name", "login", "refund_contact");
    private static final Set<String> SECRET = Set.of("key", "securekey", "token", "password");

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

    /** Keeps the first character of the local part and the domain. */
    public static String email(String value) {
        if (value == null) {
            return null;
        }
        int at = value.indexOf('@');
        if (at <= 0) {
            return stars(value.length());
        }
        return value.charAt(0) + "***" + value.substring(at);
    }

    /** Secrets: only their length survives. */
    public static String secret(String value) {
        return value == null ? null : "<" + value.length() + " chars>";
    }

    /** Masks a single parameter according to its name; values of unknown names are kept. */
    public static String param(String name, String value) {
        if (value == null) {
            return null;
        }
        String n = name.toLowerCase(Locale.ROOT);
        int bracket = n.indexOf('[');
        if (bracket >= 0 && n.endsWith("]")) {
            n = n.substring(bracket + 1, n.length() - 1);
        }
        if (PHONE.contains(n)) {
            return msisdn(value);
        }
        if (NATIONAL_ID.contains(n)) {
            return tckn(value);
        }
        if (IBAN.contains(n)) {
            return iban(value);
        }
        if (EMAIL.contains(n)) {
            return email(value);
        }
        if (NAME.contains(n)) {
            return value.isEmpty() ? value : value.charAt(0) + "***";
        }
        if (SECRET.contains(n)) {
            return secret(value);
        }
        return value;
    }

    /** A masked, key-sorted copy, fit for logs and the notification log. */
    public static Map<String, String> params(Map<String, String> params) {
        Map<String, String> out = new TreeMap<>();
        params.forEach((k, v) -> out.put(k, param(k, v)));
        return out;
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
