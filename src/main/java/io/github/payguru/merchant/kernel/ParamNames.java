package io.github.payguru.merchant.kernel;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The one place where a received parameter name is normalized and classified, for every callback
 * and every record or log line: what a name <em>means</em> (a secret, a national id, an e-mail…)
 * does not depend on how it was spelled. Lookups of documented fields stay exact (a misspelled
 * {@code token} is still refused); normalization only decides how a value is masked.
 * <p>
 * Normalizing, repeated until nothing changes (at most {@value #ROUNDS} rounds): Unicode compatibility
 * forms and accents folded (NFKD, marks dropped), percent-escapes decoded (so {@code %74oken} and
 * {@code %2574oken} are {@code token}), HTML-escaped separators dropped ({@code amp;token} from a URL
 * built with {@code &amp;amp;}), lower case, a bracket suffix resolved ({@code token[]} and {@code token[0]} are
 * {@code token}, {@code customer[e-mail]} is {@code e-mail}), and finally everything but {@code a-z0-9} removed
 * (whitespace, {@code _ - .}): {@code " Tc_No "} and {@code tcno} are one name.
 */
public final class ParamNames {

    /** What a parameter's name says about its value. */
    public enum Kind {
        /** Keys, tokens, passwords: only the length survives. */
        SECRET,
        /** TCKN: the last two digits survive. */
        NATIONAL_ID,
        /** Country code, check digits and the last four characters survive. */
        IBAN,
        /** The first character and the domain survive. */
        EMAIL,
        /** Phone numbers, MSISDN: the last two digits survive. */
        PHONE,
        /** Names, logins, contacts, addresses: the first character survives. */
        PERSON,
        /** Anything else: masked only when its value has the shape of personal data. */
        OTHER
    }

    static final int ROUNDS = 8;

    private static final Set<String> SECRET_EXACT = Set.of("key", "pin", "otp", "pwd", "pass", "cvv", "cvc");
    private static final List<String> SECRET_PARTS = List.of("token", "password", "passwd", "parola", "sifre",
            "secret", "apikey", "signature", "credential", "authorization", "cookie", "session");
    private static final Set<String> NATIONAL_EXACT = Set.of("tc", "tcno", "tcn", "tckno", "tcnumber", "identityno",
            "identitynumber");
    private static final List<String> NATIONAL_PARTS = List.of("tckn", "kimlik", "nationalid", "citizenid");
    private static final List<String> EMAIL_PARTS = List.of("email", "eposta", "mailaddress");
    private static final Set<String> PHONE_EXACT = Set.of("tel", "cep", "ceptel", "gsmno");
    private static final List<String> PHONE_PARTS = List.of("msisdn", "phone", "gsm", "mobile", "telefon", "cellular");
    private static final Set<String> PERSON_EXACT = Set.of("ad", "adsoyad", "isim", "user", "holder");
    private static final List<String> PERSON_PARTS = List.of("name", "surname", "soyad", "contact", "login", "address",
            "adres");

    private ParamNames() {
    }

    /** The canonical form of a parameter name: see the class comment. Never null. */
    public static String normalize(String name) {
        if (name == null) {
            return "";
        }
        String n = name;
        for (int round = 0; round < ROUNDS; round++) {
            String before = n;
            n = Normalizer.normalize(n, Normalizer.Form.NFKD).replaceAll("\\p{M}+", "");
            n = PercentDecoding.lenient(n).strip().toLowerCase(Locale.ROOT);
            n = n.replaceAll("^(?:&|amp;|#0*38;|#x0*26;|\\s)+", "");
            n = bracketSuffix(n);
            if (n.equals(before)) {
                break;
            }
        }
        return n.replaceAll("[^a-z0-9]", "");
    }

    /** What the (normalized) name says about the value. */
    public static Kind kind(String name) {
        String n = normalize(name);
        if (n.isEmpty()) {
            return Kind.OTHER;
        }
        if (SECRET_EXACT.contains(n) || n.endsWith("key") || containsAny(n, SECRET_PARTS)) {
            return Kind.SECRET;
        }
        if (NATIONAL_EXACT.contains(n) || containsAny(n, NATIONAL_PARTS)) {
            return Kind.NATIONAL_ID;
        }
        if (n.contains("iban")) {
            return Kind.IBAN;
        }
        if (n.equals("mail") || containsAny(n, EMAIL_PARTS)) {
            return Kind.EMAIL;
        }
        if (PHONE_EXACT.contains(n) || containsAny(n, PHONE_PARTS)) {
            return Kind.PHONE;
        }
        if (PERSON_EXACT.contains(n) || containsAny(n, PERSON_PARTS)) {
            return Kind.PERSON;
        }
        return Kind.OTHER;
    }

    /** {@code a[b]} → {@code b}; {@code a[]} and {@code a[0]} → {@code a}; anything else unchanged. */
    private static String bracketSuffix(String n) {
        if (!n.endsWith("]")) {
            return n;
        }
        int open = n.lastIndexOf('[');
        if (open < 0) {
            return n.substring(0, n.length() - 1);
        }
        String inner = n.substring(open + 1, n.length() - 1);
        if (inner.indexOf(']') >= 0) {
            return n.substring(n.indexOf('[') + 1, n.length() - 1); // nested: a[b[]] → b[] → b
        }
        return inner.isBlank() || inner.strip().chars().allMatch(Character::isDigit) ? n.substring(0, open) : inner;
    }

    private static boolean containsAny(String n, List<String> parts) {
        for (String p : parts) {
            if (n.contains(p)) {
                return true;
            }
        }
        return false;
    }
}
