package io.github.payguru.merchant.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.payguru.merchant.lambda.EventReader;
import io.github.payguru.merchant.support.Events;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random spellings of secret and personal-data parameter names, sent through the real request parser
 * ({@link HttpRequest}: query string, form body, JSON body), masked by the one policy ({@link Privacy}):
 * the clear value never survives, whatever the spelling; personal data under unknown names is found by
 * its shape; a configured secret is redacted under any name.
 */
class PrivacyPropertiesTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String CONFIGURED = "cfg-Callback-Token-42";
    static final Privacy PRIVACY = new Privacy(List.of(CONFIGURED, "merchant-private-key-x"));

    record Spelled(String base, String name) {
    }

    /** Secret and personal-data names as a sender might misspell them. */
    static Arbitrary<Spelled> spell(List<String> bases) {
        return Combinators.combine(Arbitraries.of(bases), Arbitraries.longs(), Arbitraries.integers().between(0, 63))
                .as((base, seed, knobs) -> new Spelled(base, misspell(base, new Random(seed), knobs)));
    }

    static String misspell(String base, Random r, int knobs) {
        StringBuilder b = new StringBuilder();
        for (char c : base.toCharArray()) {
            b.append(r.nextBoolean() ? Character.toUpperCase(c) : c);
        }
        String n = b.toString();
        if ((knobs & 1) != 0) {
            n = List.of(" ", "\t", "  ", "\u00a0").get(r.nextInt(4)) + n + List.of(" ", "", "\t").get(r.nextInt(3));
        }
        if ((knobs & 2) != 0) {
            n = n + List.of("[]", "[0]", "[ ]", "[][]").get(r.nextInt(4));
        }
        if ((knobs & 4) != 0) {
            n = "amp;".repeat(1 + r.nextInt(3)) + n;
        }
        if ((knobs & 8) != 0) {
            n = "customer[" + n + "]";
        }
        if ((knobs & 16) != 0) {
            // percent-encoded once more than the transport needs: the parser decodes once, the policy the rest
            n = percentEncodeSome(n, r);
        }
        return n;
    }

    static String percentEncodeSome(String n, Random r) {
        StringBuilder b = new StringBuilder();
        for (char c : n.toCharArray()) {
            b.append(c < 0x80 && r.nextInt(3) == 0 ? String.format("%%%02X", (int) c) : String.valueOf(c));
        }
        return b.toString();
    }

    @Provide
    Arbitrary<Spelled> secretNames() {
        return spell(List.of("token", "key", "securekey", "password", "secret", "api_key", "privateKey",
                "access_token", "merchantKey", "passwd"));
    }

    @Provide
    Arbitrary<String> secretValues() {
        return Arbitraries.strings().alpha().numeric().ofMinLength(6).ofMaxLength(40).map(s -> "Sx9" + s);
    }

    /** How the request carried the parameter. */
    static HttpRequest parse(String name, String value, int transport) {
        String enc = URLEncoder.encode(name, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
        return switch (transport) {
            case 0 -> EventReader.callback(Events.event("GET", "/p", "txId=1&" + enc, null, null, false), 65536);
            case 1 -> EventReader.callback(Events.event("POST", "/p", "", "txId=1&" + enc,
                    "application/x-www-form-urlencoded", false), 65536);
            default -> EventReader.callback(Events.event("POST", "/p", "",
                    JSON.createObjectNode().put("txId", "1").put(name, value).toString(), "application/json", false), 65536);
        };
    }

    @Property(tries = 400)
    void aSecretUnderAnySpellingOfItsNameNeverLeaks(@ForAll("secretNames") Spelled n, @ForAll("secretValues") String v,
            @ForAll("transports") int transport) {
        HttpRequest req = parse(n.name(), v, transport);
        Map<String, String> kept = PRIVACY.params(req.params());
        assertFalse(kept.toString().contains(v), n.name() + " -> " + kept);
        assertEquals(ParamNames.Kind.SECRET, ParamNames.kind(req.params().keySet().stream()
                .filter(k -> !k.equals("txId")).findFirst().orElseThrow()), n.name());
        assertEquals("1", kept.get("txId"), "other parameters are kept");
    }

    @Provide
    Arbitrary<Integer> transports() {
        return Arbitraries.integers().between(0, 2);
    }

    record Pii(String base, String value, String mustSurvive) {
    }

    @Provide
    Arbitrary<Pii> personalData() {
        Arbitrary<String> tckn = Arbitraries.longs().between(100_000_000L, 999_999_999L).map(PrivacyPropertiesTest::tckn);
        Arbitrary<String> iban = Arbitraries.longs().between(0, Long.MAX_VALUE).map(PrivacyPropertiesTest::trIban);
        Arbitrary<String> mobile = Arbitraries.longs().between(0, 999_999_999L).map(l -> mobile(l, (int) (l % 5)));
        Arbitrary<String> email = Combinators.combine(Arbitraries.strings().alpha().ofMinLength(3).ofMaxLength(10),
                Arbitraries.strings().alpha().ofMinLength(3).ofMaxLength(8)).as((a, d) -> a + ".x@" + d + ".com.tr");
        return Arbitraries.oneOf(
                Combinators.combine(Arbitraries.of("tckn", "tc_no", "customerTckn", "TCKimlikNo", "tckno", "tc"), tckn)
                        .as((n, v) -> new Pii(n, v, v.substring(9))),
                Combinators.combine(Arbitraries.of("iban", "refund_iban", "customerIban"), iban)
                        .as((n, v) -> new Pii(n, v, digits(v).substring(digits(v).length() - 4))),
                Combinators.combine(Arbitraries.of("email", "e-mail", "E_Mail", "eposta", "customerEmail"), email)
                        .as((n, v) -> new Pii(n, v, v.substring(v.indexOf('@')))),
                Combinators.combine(Arbitraries.of("phone", "msisdn", "gsm", "mobile", "cep_tel"), mobile)
                        .as((n, v) -> new Pii(n, v, v.substring(v.length() - 2))),
                Combinators.combine(Arbitraries.of("name", "user_name", "ad_soyad", "customerName", "refund_contact"),
                        Arbitraries.of("Ayşe Yılmaz", "Mehmet Öztürk", "Zeynep Kaya")).as((n, v) -> new Pii(n, v, null)));
    }

    @Property(tries = 400)
    void personalDataUnderAnySpellingOfItsNameIsMasked(@ForAll("personalData") Pii pii, @ForAll long seed,
            @ForAll("knobs") int knobs, @ForAll("transports") int transport) {
        String name = misspell(pii.base(), new Random(seed), knobs);
        HttpRequest req = parse(name, pii.value(), transport);
        String kept = PRIVACY.params(req.params()).toString();
        assertFalse(kept.contains(pii.value()), name + " -> " + kept);
        assertFalse(kept.contains(digits(pii.value())) && digits(pii.value()).length() >= 7, name + " -> " + kept);
        if (pii.mustSurvive() != null) {
            assertTrue(kept.contains(pii.mustSurvive()), "what a merchant matches on survives: " + kept);
        }
    }

    @Provide
    Arbitrary<Integer> knobs() {
        return Arbitraries.integers().between(0, 31);
    }

    @Property(tries = 300)
    void personalDataUnderAnUnknownNameIsFoundByItsShape(@ForAll("personalData") Pii pii,
            @ForAll("unknownNames") String name, @ForAll("wrappers") String wrapper) {
        if (pii.mustSurvive() == null) {
            return; // a person's name has no shape: only its parameter name tells
        }
        String value = wrapper.replace("$", pii.value());
        String kept = PRIVACY.value(name, value);
        assertFalse(kept.contains(pii.value()), name + "=" + value + " -> " + kept);
        assertTrue(kept.contains(pii.mustSurvive()), kept);
    }

    @Provide
    Arbitrary<String> unknownNames() {
        return Arbitraries.of("campaign", "ref", "userRef", "note", "x1", "data", "aciklama", "extra[info]");
    }

    @Provide
    Arbitrary<String> wrappers() {
        return Arbitraries.of("$", " $ ", "customer $ called", "$,second", "(ref: $)");
    }

    @Property(tries = 300)
    void aConfiguredSecretIsRedactedUnderAnyName(@ForAll("anyName") String name, @ForAll("secretSpelling") String v) {
        assertEquals(Privacy.REDACTED, PRIVACY.value(name, v));
        assertFalse(PRIVACY.params(Map.of(name, v, v, "1")).toString().toLowerCase().contains(CONFIGURED.toLowerCase()));
    }

    @Provide
    Arbitrary<String> anyName() {
        return Arbitraries.strings().ofMinLength(1).ofMaxLength(20).alpha().numeric().withChars("_-[] ;%");
    }

    @Provide
    Arbitrary<String> secretSpelling() {
        return Arbitraries.of(CONFIGURED, CONFIGURED.toUpperCase(), " " + CONFIGURED + " ", "prefix-" + CONFIGURED,
                CONFIGURED + "&x=1", URLEncoder.encode(CONFIGURED + "/", StandardCharsets.UTF_8));
    }

    /** Short e-mails, the shapes shorter than the 10 characters below which nothing used to be masked. */
    @Provide
    Arbitrary<String> shortEmails() {
        return Combinators.combine(Arbitraries.strings().withChars("abcxyz019._-").ofMinLength(1).ofMaxLength(4)
                .filter(l -> Character.isLetterOrDigit(l.charAt(0))),
                Arbitraries.strings().withChars("abcgmx").ofMinLength(1).ofMaxLength(4),
                Arbitraries.of("de", "tr", "co", "io", "com")).as((l, d, t) -> l + "@" + d + "." + t);
    }

    /** Issue 17 case 8: PII shapes are masked at any length, as a value, inside a text, as an order ref. */
    @Property(tries = 400)
    void case8_shortPersonalDataIsMaskedAtAnyLength(@ForAll("shortEmails") String email,
            @ForAll("unknownNames") String name, @ForAll("wrappers") String wrapper) {
        String local = email.substring(0, email.indexOf('@'));
        String domain = email.substring(email.indexOf('@'));
        for (String kept : List.of(PRIVACY.value(name, wrapper.replace("$", email)), PRIVACY.value("order", email),
                Masking.text("order=" + email + " status=3"), PiiShapes.scrub(email))) {
            assertFalse(kept.contains(email), email + " -> " + kept);
            assertTrue(kept.contains(domain), "the domain a merchant matches on survives: " + kept);
            assertFalse(local.length() <= 2 && kept.contains(local + "@"), "a short local part is masked whole: " + kept);
        }
        assertTrue(PiiShapes.contains(email), email);
    }

    /** Issue 17 case 8: the mobile, TCKN and IBAN shapes alone (their shortest forms) are masked as they are. */
    @Property(tries = 200)
    void case8_theShortestFormsOfEveryShapeAreMasked(@ForAll("personalData") Pii pii) {
        if (pii.mustSurvive() == null) {
            return;
        }
        String v = pii.value().replace(" ", "").replace("-", "");
        assertFalse(PiiShapes.scrub(v).contains(v), v);
        assertFalse(PRIVACY.value("order", v).contains(v), v);
    }

    /** Issue 17 case 8 (KVKK): a source address is kept as its /24 or /48 network, which still contains it. */
    @Property(tries = 300)
    void case8_aSourceAddressIsKeptAsItsNetwork(@ForAll byte[] bytes, @ForAll boolean v6) throws Exception {
        byte[] a = java.util.Arrays.copyOf(bytes, v6 ? 16 : 4);
        String address = java.net.InetAddress.getByAddress(a).getHostAddress();
        String kept = Masking.sourceIp(address);
        assertTrue(kept.endsWith(v6 && !kept.contains(".") ? "::/48" : ".0/24"), address + " -> " + kept);
        assertTrue(Cidr.parse(kept).contains(address), address + " -> " + kept);
        if (!address.endsWith(".0")) {
            assertFalse(kept.contains(address), address + " -> " + kept);
        }
    }

    @Example
    void normalizationIsOnePlaceAndResolvesEveryKnownMisspelling() {
        for (String n : List.of("token", "TOKEN", " token ", "token[]", "token[0]", "amp;token", "amp;amp;Token",
                "%74oken", "%2574oken", "customer[token]", "to_ken", "ＴＯＫＥＮ", "&#38;token")) {
            assertEquals("token", ParamNames.normalize(n), n);
        }
        assertEquals("tcno", ParamNames.normalize("PaymentNotification[tc_no]"));
        assertEquals("email", ParamNames.normalize("e-mail"));
        assertEquals(ParamNames.Kind.NATIONAL_ID, ParamNames.kind("customerTckn"));
        assertEquals(ParamNames.Kind.OTHER, ParamNames.kind("txId"));
        assertEquals(ParamNames.Kind.OTHER, ParamNames.kind("order"));
        assertEquals(ParamNames.Kind.OTHER, ParamNames.kind("errorDesc"));
    }

    @Example
    void anAuthenticRequestCarryingASecretElsewhereIsRefusedWithoutQuotingIt() {
        BadRequestException e = assertThrows(BadRequestException.class,
                () -> PRIVACY.refuseSecrets(Map.of("txId", "1", "Token", CONFIGURED), null));
        assertEquals(400, e.status());
        assertFalse(e.getMessage().contains(CONFIGURED), e.getMessage());
        PRIVACY.refuseSecrets(Map.of("txId", "1", "token", CONFIGURED), "token");
        Privacy shortKey = new Privacy(List.of("1234"));
        shortKey.refuseSecrets(Map.of("amount", "1234"), null);
        assertEquals(Privacy.REDACTED, shortKey.value("amount", "1234"), "a short secret is still redacted");
        assertEquals("21234", shortKey.value("order", "21234"), "and only found whole");
    }

    @Example
    void shapesAreRecognisedPrecisely() {
        assertTrue(PiiShapes.isTckn("10000000078"));
        assertEquals("10000000078", tckn(100_000_000L));
        assertFalse(PiiShapes.isTckn("10000000079"), "wrong check digit");
        assertFalse(PiiShapes.isTckn("8000000001"), "ten digits");
        assertTrue(PiiShapes.isIban("TR330006100519786457841326"));
        assertTrue(PiiShapes.isIban("DE89370400440532013000"));
        assertFalse(PiiShapes.isIban("DE89370400440532013001"));
        assertEquals("order 8000000123 paid", PiiShapes.scrub("order 8000000123 paid"), "a txId is no phone number");
        assertEquals("TR33" + "*".repeat(18) + "1326 OK", PiiShapes.scrub("TR330006100519786457841326 OK"));
        assertEquals("call *** *** *** ** 67", PiiShapes.scrub("call +90 532 123 45 67"));
        assertEquals("a***@example.com", PiiShapes.scrub("ali@example.com"));
        assertEquals("90532*****67", Masking.storedMsisdn("90532*****67"), "already masked by Payguru: kept");
        assertEquals("**********77", Masking.storedMsisdn("905009998877"));
    }

    static String digits(String v) {
        return v.replaceAll("\\D", "");
    }

    static String tckn(long nine) {
        int[] d = new int[11];
        String s = Long.toString(nine);
        for (int i = 0; i < 9; i++) {
            d[i] = s.charAt(i) - '0';
        }
        d[9] = Math.floorMod((d[0] + d[2] + d[4] + d[6] + d[8]) * 7 - (d[1] + d[3] + d[5] + d[7]), 10);
        int sum = 0;
        for (int i = 0; i < 10; i++) {
            sum += d[i];
        }
        d[10] = sum % 10;
        StringBuilder b = new StringBuilder();
        for (int x : d) {
            b.append(x);
        }
        return b.toString();
    }

    static String trIban(long seed) {
        Random r = new Random(seed);
        StringBuilder bban = new StringBuilder();
        for (int i = 0; i < 22; i++) {
            bban.append(r.nextInt(10));
        }
        // TR = 29 27; check digits = 98 - (bban + "292700") mod 97
        int check = 98 - new BigInteger(bban + "292700").mod(BigInteger.valueOf(97)).intValue();
        String iban = "TR" + String.format("%02d", check) + bban;
        return r.nextBoolean() ? iban : iban.replaceAll("(.{4})(?!$)", "$1 ");
    }

    static String mobile(long nine, int style) {
        String n = "5" + String.format("%09d", nine);
        return switch (style) {
            case 0 -> n;
            case 1 -> "0" + n;
            case 2 -> "90" + n;
            case 3 -> "+90 " + n.substring(0, 3) + " " + n.substring(3, 6) + " " + n.substring(6, 8) + " " + n.substring(8);
            default -> "0" + n.substring(0, 3) + "-" + n.substring(3, 6) + "-" + n.substring(6);
        };
    }
}
