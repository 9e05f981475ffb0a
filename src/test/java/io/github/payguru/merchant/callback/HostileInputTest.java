package io.github.payguru.merchant.callback;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.github.payguru.merchant.mp.MpConfig;
import io.github.payguru.merchant.payguru.PayguruConfig;
import io.github.payguru.merchant.store.TableLayout;
import io.github.payguru.merchant.support.Events;
import io.github.payguru.merchant.support.Fixtures;
import io.github.payguru.merchant.support.GatewayPort;
import io.github.payguru.merchant.support.LambdaMock;
import io.github.payguru.merchant.support.LeakScan;
import io.github.payguru.merchant.support.LedgerView;
import io.github.payguru.merchant.support.LogCapture;
import io.github.payguru.merchant.support.MpEvents;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * Every callback with hostile input through the real entry points (the local API gateway for all six
 * routes, the Lambda mock event server for phs-notify), on the DynamoDB emulator: misspelled tokens and
 * keys carrying the configured secrets, personal data under documented and invented names, secrets in
 * other parameters. Refusals answer a clear 4xx, change no state and leave at most one rejection
 * record; then EVERY item of the table and every captured log line is scanned: no configured secret,
 * no planted personal data, no unmasked TCKN/IBAN/e-mail/mobile shape.
 */
@ExtendWith(GatewayPort.class)
@QuarkusTest
class HostileInputTest {

    static final String TCKN = "12345678950";
    static final String IBAN = "TR330006100519786457841326";
    static final String EMAIL = "ayse.yilmaz@example.com.tr";
    static final String MOBILE = "0532 123 45 67";
    static final String MSISDN = "905321234567";
    static final String NAME = "Ayşe Yılmaz";

    @Inject
    LedgerView ledger;

    @Inject
    MpConfig mp;

    @Inject
    PayguruConfig payguru;

    @Inject
    DynamoDbClient dynamo;

    static Map<String, String> personalData() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("tc_no", TCKN);
        p.put("customerTckn", TCKN);
        p.put("e-mail", EMAIL);
        p.put("IBAN ", IBAN);
        p.put("gsm", MOBILE);
        p.put("ad_soyad", NAME);
        p.put("campaign", "winter " + IBAN);
        p.put("x1", EMAIL);
        p.put("x2", MSISDN);
        p.put("x3", TCKN);
        return p;
    }

    /** A raw query string: names are sent exactly as given here (only characters URLs cannot hold are escaped). */
    static String raw(Map<String, String> params, String... rawPairs) {
        StringJoiner j = new StringJoiner("&");
        params.forEach((k, v) -> j.add(enc(k) + "=" + enc(v)));
        for (String pair : rawPairs) {
            j.add(pair);
        }
        return j.toString();
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    Response get(String path, String rawQuery) {
        return given().urlEncodingEnabled(false).get(rawQuery.isEmpty() ? path : path + "?" + rawQuery);
    }

    int rejections() {
        return ledger.rejectionsOn(ledger.now().atOffset(java.time.ZoneOffset.UTC).toLocalDate()).size();
    }

    int itemsUnder(String pk) {
        return dynamo.query(QueryRequest.builder().tableName(ledger.tableName()).keyConditionExpression("pk = :p")
                .expressionAttributeValues(Map.of(":p", software.amazon.awssdk.services.dynamodb.model.AttributeValue
                        .fromS(pk))).build()).count();
    }

    /** A refusal: the status, nothing stored under {@code pk}, at most one new rejection record. */
    void refused(String what, String path, String rawQuery, int status, String pk) {
        int before = rejections();
        Response r = get(path, rawQuery);
        assertEquals(status, r.statusCode(), what + ": " + r.asString());
        assertTrue(!r.asString().isBlank(), what + ": the refusal says why");
        assertEquals(0, itemsUnder(pk), what + ": no state, no log entry");
        int added = rejections() - before;
        assertTrue(added <= 1, what + ": " + added + " rejection records");
    }

    List<String> secrets() {
        List<String> s = new ArrayList<>();
        mp.callbackToken().ifPresent(s::add);
        payguru.merchantPrivateKey().ifPresent(s::add);
        payguru.services().values().forEach(v -> v.privateKey().ifPresent(s::add));
        return s;
    }

    @Test
    void everyCallbackWithHostileInputKeepsNoSecretAndNoClearPersonalData() {
        String token = mp.callbackToken().orElseThrow();
        String t = enc(token);
        List<String> logLines;
        try (LogCapture logs = LogCapture.open()) {
            // MP billing: every misspelling of the token parameter is refused, its value kept nowhere
            for (String misspelled : List.of("Token=" + t, "token%20=" + t, "%20token=" + t, "token%5B%5D=" + t,
                    "amp;token=" + t, "%2574oken=" + t, "TOKEN%5B0%5D=" + t, "customer%5Btoken%5D=" + t)) {
                String tx = Events.uniqueTxid();
                Map<String, String> p = MpEvents.billing(tx, "3");
                p.remove("token");
                p.put("msisdn", MSISDN);
                p.putAll(personalData());
                refused("billing " + misspelled, MpEvents.BILLING, raw(p, misspelled), 403, TableLayout.mpTransaction(tx));
            }
            // admitted, but a configured secret rides in another parameter: refused, nothing stored
            for (String carrier : List.of("Token=" + t, "ref=" + enc(Events.MERCHANT_KEY), "note=x" + enc(MpEvents.SECRET))) {
                String tx = Events.uniqueTxid();
                refused("billing " + carrier, MpEvents.BILLING, raw(MpEvents.billing(tx, "3"), carrier), 400,
                        TableLayout.mpTransaction(tx));
            }
            // admitted with personal data everywhere: stored, masked
            String paid = Events.uniqueTxid();
            Map<String, String> p = MpEvents.billing(paid, "3");
            p.put("msisdn", MSISDN);
            p.put("item", "Gold for " + EMAIL);
            p.put("errorDesc", "call " + MOBILE);
            p.put("billingType", MSISDN);
            p.putAll(personalData());
            get(MpEvents.BILLING, raw(p, "password=hunter2hunter2")).then().statusCode(200);

            // MP subscription
            String subs = Events.uniqueTxid();
            Map<String, String> s = MpEvents.subscription(subs, Events.uniqueTxid(), "active", "L-" + subs);
            s.remove("token");
            s.put("msisdn", MSISDN);
            s.putAll(personalData());
            refused("subscription amp;token", MpEvents.SUBSCRIPTION, raw(s, "amp;token=" + t), 403,
                    TableLayout.mpSubscription(subs));
            get(MpEvents.SUBSCRIPTION, raw(s, "token=" + t)).then().statusCode(200);

            // MP credential service and refcode check
            String cs = Events.uniqueTxid();
            Map<String, String> c = MpEvents.credentials(cs, MpEvents.SECRET);
            c.remove("token");
            c.putAll(personalData());
            refused("credentials Token", MpEvents.CREDENTIALS, raw(c, "TOKEN=" + t), 403, TableLayout.mpSubscription(cs));
            Map<String, String> badKey = MpEvents.credentials(cs, "guess");
            badKey.putAll(personalData());
            refused("credentials secureKey", MpEvents.CREDENTIALS, raw(badKey, "secureKey=" + enc(MpEvents.SECRET)), 400,
                    TableLayout.mpSubscription(cs));
            get(MpEvents.CREDENTIALS, raw(badKey)).then().statusCode(403);
            Map<String, String> r = MpEvents.refcode(EMAIL);
            r.remove("token");
            refused("refcode token[]", MpEvents.REFCODE, raw(r, "token%5B%5D=" + t), 403, TableLayout.mpRefcode(EMAIL));
            get(MpEvents.REFCODE, raw(MpEvents.refcode(EMAIL))).then().statusCode(200);
            refused("refcode carrying the token", MpEvents.REFCODE, raw(MpEvents.refcode(TCKN + " " + token)), 400,
                    TableLayout.mpRefcode(TCKN));

            // PHS notify: wrong key, misspelled key carrying the merchant key, a secret elsewhere
            String ptx = Events.uniqueTxid();
            Map<String, String> n = Events.phsNotify(ptx, "H-" + ptx, "3", "150.00");
            n.putAll(personalData());
            Map<String, String> wrong = new LinkedHashMap<>(n);
            wrong.put("key", "0".repeat(32));
            refused("phs wrong key", "/payguru/phs/notify", raw(wrong, "amp;Key=" + enc(Events.MERCHANT_KEY)), 403,
                    TableLayout.phsTransaction(ptx));
            Map<String, String> noKey = new LinkedHashMap<>(n);
            String key = noKey.remove("key");
            refused("phs key%20", "/payguru/phs/notify", raw(noKey, "key%20=" + key), 400, TableLayout.phsTransaction(ptx));
            refused("phs secret elsewhere", "/payguru/phs/notify", raw(n, "note=" + enc(Events.SHOP_KEY)), 400,
                    TableLayout.phsTransaction(ptx));
            refused("phs no parameters", "/payguru/phs/notify", "", 400, TableLayout.phsTransaction(ptx));
            given().contentType("application/json").body("{\"txid\":\"" + ptx + "\",\"tckno\":\"" + TCKN + "\",")
                    .post("/payguru/phs/notify").then().statusCode(400);
            n.put("bank", EMAIL); // not covered by the key: free to carry anything, kept masked
            n.put("transaction_date", MOBILE);
            get("/payguru/phs/notify", raw(n)).then().statusCode(200).body(equalTo("OK"));

            // TCKN verify: wrong key with personal data and a misspelled key carrying a service key
            Map<String, String> v = Events.tcknVerify("H-" + ptx, "verify");
            v.putAll(personalData());
            v.put("key", "f".repeat(32));
            int before = rejections();
            get("/payguru/phs/tckn-verify", raw(v, "KEY%5B%5D=" + enc(Events.SHOP_KEY))).then().statusCode(403);
            assertTrue(rejections() - before <= 1);

            // the same through the Lambda runtime (mock event server: phs-notify in this profile)
            given().body(Fixtures.json("phs-notify", "get-wrong-key-with-personal-data")).post(LambdaMock.to("phs-notify"))
                    .then().statusCode(200).body("statusCode", equalTo(403)).body("body", equalTo("Wrong Data"));
            given().body(Fixtures.json("phs-notify", "get-success-with-personal-data")).post(LambdaMock.to("phs-notify"))
                    .then().statusCode(200).body("statusCode", equalTo(200)).body("body", equalTo("OK"));
            logLines = List.copyOf(logs.lines());
        }
        LeakScan scan = new LeakScan(secrets(), List.of(TCKN, IBAN, EMAIL, MSISDN, "5321234567", MOBILE, NAME,
                "hunter2hunter2"));
        int[] items = { 0 };
        List<LeakScan.Hit> hits = new ArrayList<>(scan.table(dynamo, ledger.tableName(), items));
        hits.addAll(scan.logs(logLines));
        assertTrue(items[0] > 10, "the scan saw the table: " + items[0]);
        assertTrue(logLines.size() > 10, "the scan saw the logs");
        assertEquals(List.of(), hits, "0 hits in " + items[0] + " items and " + logLines.size() + " log lines");
    }
}
