package io.github.payguru.merchant.kernel;

import java.math.BigInteger;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Personal data recognised by the shape of a value, whatever the parameter was called: an e-mail
 * address, an IBAN (ISO 13616 check digits, or {@code TR} + 24 digits), a Turkish mobile number
 * ({@code 5xx xxx xx xx} with or without {@code 0}, {@code 90}, {@code +90}, spaces, dashes) and a TCKN
 * (11 digits with valid check digits). {@link #scrub} masks each occurrence inside a text, whatever the text's length
 * ({@code ab@gmx.de} too), and leaves the rest of it as it was.
 */
public final class PiiShapes {

    static final Pattern EMAIL = Pattern.compile(
            "(?<![\\p{Alnum}._%+-])[\\p{Alnum}._%+-]+@[\\p{Alnum}-]+(?:\\.[\\p{Alnum}-]+)*\\.\\p{Alpha}{2,}");
    static final Pattern IBAN = Pattern.compile("(?<![A-Za-z0-9])[A-Za-z]{2}\\d{2}(?:[ -]?[A-Za-z0-9]){11,30}(?![A-Za-z0-9])");
    static final Pattern MOBILE = Pattern.compile(
            "(?<![0-9])(?:(?:\\+|00)?90[ .-]?|0[ .-]?)?\\(?5\\d{2}\\)?[ .-]?\\d{3}[ .-]?\\d{2}[ .-]?\\d{2}(?![0-9])");
    static final Pattern ELEVEN_DIGITS = Pattern.compile("(?<![0-9])[1-9]\\d{10}(?![0-9])");

    private PiiShapes() {
    }

    /** True when the value contains personal data of one of the recognised shapes. */
    public static boolean contains(String value) {
        return value != null && !scrub(value).equals(value);
    }

    /** The value with every recognised e-mail, IBAN, mobile number and TCKN masked. */
    public static String scrub(String value) {
        if (value == null || value.isEmpty()) {
            return value;
        }
        String v = replace(EMAIL, value, Masking::email);
        v = ibans(v);
        v = replace(MOBILE, v, PiiShapes::maskDigits);
        return replace(ELEVEN_DIGITS, v, m -> isTckn(m) ? Masking.tckn(m) : m);
    }

    /** 11 digits, no leading zero, both check digits right (the official TCKN algorithm). */
    public static boolean isTckn(String v) {
        if (v == null || v.length() != 11 || v.charAt(0) == '0') {
            return false;
        }
        int[] d = new int[11];
        for (int i = 0; i < 11; i++) {
            if (!Character.isDigit(v.charAt(i)) || v.charAt(i) > '9') {
                return false;
            }
            d[i] = v.charAt(i) - '0';
        }
        int odd = d[0] + d[2] + d[4] + d[6] + d[8];
        int even = d[1] + d[3] + d[5] + d[7];
        int tenth = Math.floorMod(odd * 7 - even, 10);
        int sum = 0;
        for (int i = 0; i < 10; i++) {
            sum += d[i];
        }
        return d[9] == tenth && d[10] == sum % 10;
    }

    /** A Turkish IBAN ({@code TR}, 2 digits, 22 digits) or any IBAN whose mod-97 check holds. */
    public static boolean isIban(String v) {
        String c = v.replace(" ", "").replace("-", "").toUpperCase(Locale.ROOT);
        if (c.length() < 15 || c.length() > 34 || !c.matches("[A-Z]{2}\\d{2}[A-Z0-9]+")) {
            return false;
        }
        if (c.startsWith("TR")) {
            return c.matches("TR\\d{24}");
        }
        StringBuilder digits = new StringBuilder();
        for (char ch : (c.substring(4) + c.substring(0, 4)).toCharArray()) {
            digits.append(Character.isDigit(ch) ? String.valueOf(ch) : String.valueOf(ch - 'A' + 10));
        }
        return new BigInteger(digits.toString()).mod(BigInteger.valueOf(97)).intValue() == 1;
    }

    /** Masks IBANs; a match that absorbed following text is shortened until its check holds. */
    private static String ibans(String in) {
        Matcher m = IBAN.matcher(in);
        StringBuilder out = new StringBuilder(in.length());
        int from = 0;
        int at = 0;
        while (at < in.length() && m.find(at)) {
            int end = m.end();
            while (end - m.start() >= 15 && !(atBoundary(in, end) && isIban(in.substring(m.start(), end)))) {
                end--;
            }
            if (end - m.start() < 15) {
                at = m.start() + 1;
                continue;
            }
            out.append(in, from, m.start()).append(Masking.iban(in.substring(m.start(), end)));
            from = end;
            at = end;
        }
        return out.append(in, from, in.length()).toString();
    }

    /** An IBAN ends at the end of a word, never inside one. */
    private static boolean atBoundary(String in, int end) {
        return Character.isLetterOrDigit(in.charAt(end - 1))
                && (end == in.length() || !Character.isLetterOrDigit(in.charAt(end)));
    }

    /** Every digit but the last two becomes {@code *}; separators stay. */
    static String maskDigits(String v) {
        int digits = (int) v.chars().filter(Character::isDigit).count();
        StringBuilder out = new StringBuilder(v.length());
        int seen = 0;
        for (char ch : v.toCharArray()) {
            if (Character.isDigit(ch)) {
                seen++;
                out.append(seen > digits - 2 ? ch : '*');
            } else {
                out.append(ch == '+' ? '*' : ch);
            }
        }
        return out.toString();
    }

    private static String replace(Pattern p, String in, Function<String, String> mask) {
        Matcher m = p.matcher(in);
        if (!m.find()) {
            return in;
        }
        StringBuilder out = new StringBuilder(in.length());
        do {
            m.appendReplacement(out, Matcher.quoteReplacement(mask.apply(m.group())));
        } while (m.find());
        m.appendTail(out);
        return out.toString();
    }
}
