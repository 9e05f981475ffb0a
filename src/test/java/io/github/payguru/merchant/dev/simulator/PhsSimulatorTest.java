package io.github.payguru.merchant.dev.simulator;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.github.payguru.merchant.payguru.PayguruKeys;
import io.github.payguru.merchant.payguru.PhsNotifyKeyInput;
import io.github.payguru.merchant.phs.PhsOrders;
import io.github.payguru.merchant.store.TableLayout;
import io.github.payguru.merchant.store.TransactionItem;
import io.github.payguru.merchant.support.Events;
import io.github.payguru.merchant.support.LedgerView;
import io.github.payguru.merchant.support.MutableClock;
import io.quarkus.test.junit.QuarkusTest;

/** The simulated PHS API and transfer page, with callbacks to the real PHS routes on the local DynamoDB emulator. */
@QuarkusTest
class PhsSimulatorTest extends SimulatorTestBase {

    static final String TCKN = "10000000146";

    @Inject
    LedgerView ledger;

    @Inject
    PhsOrders orders;

    String create(String token, String order, String amount, String tckn) {
        return phs(token).queryParam("code", "SHOP").queryParam("amount", amount).queryParam("bank", "isbank")
                .queryParam("order", order).queryParam("PaymentNotification[tc_no]", tckn)
                .queryParam("PaymentNotification[name]", "Ayse Yilmaz")
                .get("/_simulator/phs/paymentNotification/create")
                .then().statusCode(200).body("status", equalTo("000")).body("message", equalTo("Success"))
                .body("code", matchesPattern("\\d{8}")).extract().path("code");
    }

    @Test
    void getTokenAnswersAGuidAndChecksTheKey() {
        given().queryParam("merchant", Events.MERCHANT_ID)
                .queryParam("key", Events.PHS_TOKEN_KEY)
                .post("/_simulator/phs/getToken").then().statusCode(200)
                .body("status", equalTo("000")).body("message", equalTo("Success"))
                .body("token", matchesPattern("\\{[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}}"));
        given().queryParam("merchant", Events.MERCHANT_ID).queryParam("key", "0".repeat(32))
                .get("/_simulator/phs/getToken").then().statusCode(200)
                .body("status", equalTo("ERR_001")).body("token", nullValue());
        // printf '%s' '999127.0.0.1local-merchant-key' | md5sum: a right key for a merchant that is not ours
        given().queryParam("merchant", "999").queryParam("key", "7f280b21484bc25cb978055f84f3db80")
                .get("/_simulator/phs/getToken").then().body("status", equalTo("ERR_004"));
        // JSON body works the same
        given().contentType("application/json").body("{\"merchant\":\"" + Events.MERCHANT_ID + "\",\"key\":\""
                + Events.PHS_TOKEN_KEY + "\"}")
                .post("/_simulator/phs/getToken").then().body("status", equalTo("000"));
    }

    @Test
    void missingWrongExpiredTokens() {
        given().header("merchant", Events.MERCHANT_ID).get("/_simulator/phs/transaction/get?id=1")
                .then().statusCode(200).body("status", equalTo("ERR_015")).body("message", equalTo("Empty Token"));
        phs("{00000000-0000-0000-0000-000000000000}").get("/_simulator/phs/transaction/get?id=1")
                .then().body("status", equalTo("ERR_016")).body("message", equalTo("Invalid Token"));
        String token = phsToken();
        given().header("merchant", "999").header("token", token).get("/_simulator/phs/transaction/get?id=1")
                .then().body("status", equalTo("ERR_004"));
        phs(token).get("/_simulator/phs/transaction/get?id=1").then().body("status", equalTo("ERR_006"));
        sim.expireTokens();
        phs(token).get("/_simulator/phs/transaction/get?id=1").then().body("status", equalTo("ERR_016"));

        // lifetime: 10 minutes by default
        MutableClock clock = new MutableClock(Instant.now());
        sim.useClock(clock);
        String fresh = phsToken();
        clock.advance(Duration.ofMinutes(9));
        phs(fresh).get("/_simulator/phs/transaction/get?id=1").then().body("status", equalTo("ERR_006"));
        clock.advance(Duration.ofMinutes(2));
        phs(fresh).get("/_simulator/phs/transaction/get?id=1").then().body("status", equalTo("ERR_016"));
    }

    @Test
    void paymentNotificationCreateAndGetShapes() {
        String token = phsToken();
        String order = "ORD-PN" + Events.uniqueTxid();
        String code = create(token, order, "250.00", TCKN);
        long id = sim.paymentNotificationByCode(code).orElseThrow().id;
        phs(token).queryParam("id", id).get("/_simulator/phs/paymentNotification/get").then().statusCode(200)
                .body("status", equalTo("000"))
                .body("paymentNotification.id", equalTo((int) id))
                .body("paymentNotification.code", equalTo(code))
                .body("paymentNotification.bank_id", equalTo(4))
                .body("paymentNotification.bank_code", equalTo("isbank"))
                .body("paymentNotification.merchant", equalTo(1000))
                .body("paymentNotification.service_code", equalTo("SHOP"))
                .body("paymentNotification.order_refno", equalTo(order))
                .body("paymentNotification.tc_no", equalTo(TCKN))
                .body("paymentNotification.amount", equalTo("250.00"))
                .body("paymentNotification.create_time", matchesPattern("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d"))
                .body("paymentNotification.status", equalTo(0));
        // the documentation's curl form: the id in the path; POST form works too
        phs(token).get("/_simulator/phs/paymentNotification/get/" + id).then().body("paymentNotification.code", equalTo(code));
        phs(token).contentType("application/x-www-form-urlencoded").formParam("id", id)
                .post("/_simulator/phs/paymentNotification/get").then().body("paymentNotification.code", equalTo(code));
        phs(token).queryParam("id", 1).get("/_simulator/phs/paymentNotification/get").then()
                .body("status", equalTo("ERR_013"));
        // POST JSON with the nested PaymentNotification object
        phs(token).contentType("application/json").body("{\"code\":\"SHOP\",\"amount\":\"10.50\",\"bank\":\"yapikredibank\","
                + "\"order\":\"J-" + order + "\",\"PaymentNotification\":{\"tc_no\":\"" + TCKN + "\",\"email\":\"a@b.tr\"}}")
                .post("/_simulator/phs/paymentNotification/create").then().body("status", equalTo("000"));
        assertEquals("a@b.tr", sim.paymentNotifications().get(1).email);
        assertEquals(TCKN, sim.paymentNotifications().get(1).tcNo);
    }

    @Test
    void paymentNotificationCreateErrors() {
        String token = phsToken();
        String order = "ORD-E" + Events.uniqueTxid();
        Map<String, String> good = Map.of("code", "SHOP", "amount", "10.00", "bank", "isbank", "order", order);
        assertCreate(token, good, "code", "NOPE", "ERR_005");
        assertCreate(token, good, "amount", "ten", "ERR_017");
        assertCreate(token, good, "amount", "", "ERR_012");
        assertCreate(token, good, "bank", "000", "ERR_011");
        assertCreate(token, good, "order", "", "ERR_014");
        create(token, order, "10.00", TCKN);
        assertCreate(token, good, "amount", "10.00", "ERR_019");
    }

    void assertCreate(String token, Map<String, String> good, String field, String value, String status) {
        Map<String, String> p = new java.util.HashMap<>(good);
        p.put(field, value);
        phs(token).queryParams(p).get("/_simulator/phs/paymentNotification/create").then().statusCode(200)
                .body("status", equalTo(status)).body("message", notNullValue()).body("code", nullValue());
    }

    @Test
    void transactionRefundAndOrderLookupShapes() {
        String token = phsToken();
        PhsTransaction tx = sim.seedPhsTransaction("SHOP", "ORD-S" + Events.uniqueTxid(), "99.90", 3);
        phs(token).queryParam("id", tx.id).get("/_simulator/phs/transaction/get").then().statusCode(200)
                .body("status", equalTo("000"))
                .body("transaction.id", equalTo(Integer.parseInt(tx.id)))
                .body("transaction.merchant", equalTo(1000))
                .body("transaction.service_code", equalTo("SHOP"))
                .body("transaction.code", equalTo(tx.code))
                .body("transaction.amount", equalTo("99.90"))
                .body("transaction.currency", equalTo("TRY"))
                .body("transaction.order_refno", equalTo(tx.order))
                .body("transaction.transaction_type", equalTo("SALES"))
                .body("transaction.status", equalTo(3));
        PhsRefund r = sim.seedPhsRefund(tx.id, 1);
        phs(token).contentType("application/json").body("{\"id\":" + r.id + "}").post("/_simulator/phs/refund/get")
                .then().body("status", equalTo("000")).body("data.id", equalTo(Integer.parseInt(r.id)))
                .body("data.transaction_id", equalTo(Integer.parseInt(tx.id))).body("data.status", equalTo(1))
                .body("data.amount", equalTo("99.90")).body("data.refund_iban", notNullValue());
        phs(token).queryParam("id", "42").get("/_simulator/phs/refund/get").then().body("status", equalTo("ERR_006"));

        phs(token).queryParam("code", "SHOP").queryParam("order", tx.order).get("/_simulator/phs/orderToReference/check")
                .then().body("status", equalTo("000")).body("order", equalTo(tx.code)).body("payout", equalTo("99.90"))
                .body("fee", equalTo("0.00")).body("sub_merchant_id", nullValue());
        String ref = phs(token).queryParam("code", "SHOP").queryParam("order", "NEW-" + tx.order)
                .get("/_simulator/phs/orderToReference/check").then().body("status", equalTo("000"))
                .body("payout", nullValue()).extract().path("order");
        phs(token).queryParam("code", "SHOP").queryParam("order", "NEW-" + tx.order)
                .get("/_simulator/phs/orderToReference/check").then().body("order", equalTo(ref));
        phs(token).queryParam("code", "XX").queryParam("order", "A").get("/_simulator/phs/orderToReference/check")
                .then().body("status", equalTo("ERR_005"));
    }

    @Test
    void transferIsVerifiedThenNotifiedAndStoredByTheRealHandler() {
        String token = phsToken();
        String order = "ORD-T" + Events.uniqueTxid();
        orders.register("SHOP", order, "250.00", TCKN, null);
        String code = create(token, order, "250.00", TCKN);

        given().redirects().follow(false).queryParam("redirect", "http://shop.example/thanks")
                .queryParam("backUrl", "http://shop.example/cart").get("/_simulator/cp/phs/yonlendir/" + code)
                .then().statusCode(200).body(org.hamcrest.Matchers.containsString(code));
        given().redirects().follow(false).queryParam("redirect", "http://shop.example/thanks").queryParam("pay", "1")
                .get("/_simulator/cp/phs/yonlendir/" + code)
                .then().statusCode(302).header("Location", "http://shop.example/thanks");
        awaitDeliveries();

        List<Delivery> all = sim.deliveries();
        assertEquals(List.of("phs.tckn-verify", "phs.tckn-verify", "phs.notify"), all.stream().map(Delivery::kind).toList());
        Delivery verify = all.get(0);
        assertEquals("verify", verify.params().get("notification_type"));
        assertEquals(200, verify.status());
        assertTrue(verify.answer().contains(Events.TCKN_HASH_10000000146), verify.answer());
        assertEquals("verified", all.get(1).params().get("notification_type"));
        Delivery notify = all.get(2);
        assertEquals("OK", notify.answer());
        assertTrue(notify.accepted());
        assertTrue(notify.url().contains("/payguru/phs/notify?"), notify.url());
        String txid = notify.params().get("txid");
        assertEquals(PayguruKeys.md5(new PhsNotifyKeyInput(Events.MERCHANT_ID, Events.MERCHANT_KEY, "SHOP",
                Events.SHOP_KEY, txid, code, order, "250.00")), notify.params().get("key"));

        TransactionItem stored = ledger.transaction(TableLayout.phsTransaction(txid)).orElseThrow();
        assertEquals("3", stored.status);
        assertEquals(order, stored.orderRef);
        assertEquals("250.00", stored.amountWire);
        assertEquals("verified", ledger.order(TableLayout.phsOrder("SHOP", order)).orElseThrow().verification);

        PhsPaymentNotification pn = sim.paymentNotificationByCode(code).orElseThrow();
        assertEquals(10, pn.status);
        assertEquals(txid, pn.transactionId);
        phs(token).queryParam("id", txid).get("/_simulator/phs/transaction/get").then().body("transaction.status", equalTo(3));
        // a second transfer for the same notification is refused
        given().redirects().follow(false).queryParam("pay", "1").get("/_simulator/cp/phs/yonlendir/" + code)
                .then().statusCode(409);
    }

    @Test
    void transferFromAnotherPersonIsUnverifiedAndNotNotified() {
        String token = phsToken();
        String order = "ORD-U" + Events.uniqueTxid();
        orders.register("SHOP", order, "75.00", TCKN, null);
        String code = create(token, order, "75.00", TCKN);
        given().redirects().follow(false).queryParam("tckn", "10000000078").post("/_simulator/cp/phs/yonlendir/" + code)
                .then().statusCode(200);
        awaitDeliveries();
        List<Delivery> all = sim.deliveries();
        assertEquals(List.of("verify", "unverified"),
                all.stream().map(d -> d.params().get("notification_type")).toList());
        String txid = all.get(0).params().get("txid");
        assertEquals(5, sim.phsTransaction(txid).orElseThrow().status);
        assertTrue(ledger.transaction(TableLayout.phsTransaction(txid)).isEmpty());
        assertEquals("unverified", ledger.order(TableLayout.phsOrder("SHOP", order)).orElseThrow().verification);
    }

    @Test
    void testTransactionNotifiesAndAnswersWithTheMerchantsAnswer() {
        String token = phsToken();
        String order = "ORD-TT" + Events.uniqueTxid();
        String ref = phs(token).queryParam("code", "SHOP").queryParam("order", order)
                .get("/_simulator/phs/orderToReference/check").then().extract().path("order");
        String txid = phs(token).queryParam("code", "SHOP").queryParam("ref", ref).queryParam("amount", "12.34")
                .get("/_simulator/phs/transaction/test").then().statusCode(200)
                .body("status", equalTo("000")).body("response", equalTo("OK")).extract().path("txid");
        assertEquals("3", ledger.transaction(TableLayout.phsTransaction(txid)).orElseThrow().status);
        phs(token).queryParam("code", "SHOP").queryParam("ref", "nope").queryParam("amount", "1.00")
                .get("/_simulator/phs/transaction/test").then().body("status", equalTo("ERR_014"));
    }

    @Test
    void duplicatesAreDeliveredKTimesWithOneStoredEffect() {
        sim.setDelivery(3, 0, false);
        String token = phsToken();
        String order = "ORD-D" + Events.uniqueTxid();
        orders.register("SHOP", order, "40.00", TCKN, null);
        String code = create(token, order, "40.00", TCKN);
        given().redirects().follow(false).queryParam("pay", "1").get("/_simulator/cp/phs/yonlendir/" + code)
                .then().statusCode(200);
        awaitDeliveries();
        List<Delivery> notifies = sim.deliveries("phs.notify");
        assertEquals(3, notifies.size());
        assertEquals(List.of(1, 2, 3), notifies.stream().map(Delivery::copy).toList());
        assertTrue(notifies.stream().allMatch(d -> d.accepted() && "OK".equals(d.answer())));
        // the verify question is asked once; its "verified" follow-up is a notification, so it is duplicated
        assertEquals(1, sim.deliveries("phs.tckn-verify").stream()
                .filter(d -> "verify".equals(d.params().get("notification_type"))).count());
        String pk = TableLayout.phsTransaction(notifies.get(0).params().get("txid"));
        assertEquals("3", ledger.transaction(pk).orElseThrow().status);
        assertEquals(1, ledger.partition(pk).size());
    }

    @Test
    void reorderSendsTheBatchBackwards() {
        sim.setDelivery(1, 0, true);
        String token = phsToken();
        String order = "ORD-R" + Events.uniqueTxid();
        orders.register("SHOP", order, "41.00", TCKN, null);
        String code = create(token, order, "41.00", TCKN);
        given().redirects().follow(false).queryParam("pay", "1").get("/_simulator/cp/phs/yonlendir/" + code);
        awaitDeliveries();
        // verify (a batch of one), then the follow-up batch [verified, notify] reversed
        assertEquals(List.of("verify", "notify", "verified"), sim.deliveries().stream()
                .map(d -> d.kind().equals("phs.notify") ? "notify" : d.params().get("notification_type")).toList());
    }

    @Test
    void postJsonCallbacksAreAcceptedByTheRealHandlers() {
        sim.setPhsCallbackMethod("POST");
        String token = phsToken();
        String order = "ORD-J" + Events.uniqueTxid();
        orders.register("SHOP", order, "19.90", TCKN, null);
        String code = create(token, order, "19.90", TCKN);
        given().redirects().follow(false).queryParam("pay", "1").get("/_simulator/cp/phs/yonlendir/" + code)
                .then().statusCode(200);
        awaitDeliveries();
        assertTrue(sim.deliveries().stream().allMatch(d -> "POST".equals(d.method()) && d.accepted()));
        Delivery notify = sim.deliveries("phs.notify").get(0);
        assertEquals("OK", notify.answer());
        assertEquals("3", ledger.transaction(TableLayout.phsTransaction(notify.params().get("txid"))).orElseThrow().status);
    }

    @Test
    void synchronousDeliveryAndDelay() {
        sim.setSynchronous(true);
        sim.setDelivery(1, 150, false);
        String token = phsToken();
        String order = "ORD-SY" + Events.uniqueTxid();
        orders.register("SHOP", order, "8.00", TCKN, null);
        String code = create(token, order, "8.00", TCKN);
        long t0 = System.nanoTime();
        given().redirects().follow(false).queryParam("pay", "1").get("/_simulator/cp/phs/yonlendir/" + code)
                .then().statusCode(200);
        // delivered before the page answered: verify, verified, notify, each after 150 ms
        assertTrue(System.nanoTime() - t0 >= 450_000_000L);
        assertEquals(3, sim.deliveries().size());
        assertEquals("OK", sim.deliveries("phs.notify").get(0).answer());
    }

    @Test
    void refusedDeliveriesAreRetriedWithBackoff() {
        sim.setCallbackBaseUrl("http://localhost:1");
        String token = phsToken();
        String order = "ORD-X" + Events.uniqueTxid();
        String code = create(token, order, "5.00", TCKN);
        given().redirects().follow(false).queryParam("pay", "1").get("/_simulator/cp/phs/yonlendir/" + code);
        awaitDeliveries();
        List<Delivery> all = sim.deliveries();
        // the verify question got no answer after 3 attempts: the payment waits for the merchant (5)
        assertEquals(List.of(1, 2, 3, 1, 2, 3), all.stream().map(Delivery::attempt).toList());
        assertTrue(all.stream().noneMatch(Delivery::accepted));
        assertEquals(0, all.get(0).status());
        assertTrue(!all.get(1).at().isBefore(all.get(0).at()));
    }

    @Test
    void sandboxOnlyTestTransactionAndIpKnob() {
        String token = phsToken();
        String ref = phs(token).queryParam("code", "SHOP").queryParam("order", "ORD-SB" + Events.uniqueTxid())
                .get("/_simulator/phs/orderToReference/check").then().extract().path("order");
        sim.setPhsSandbox(false);
        phs(token).queryParam("code", "SHOP").queryParam("ref", ref).queryParam("amount", "1.00")
                .get("/_simulator/phs/transaction/test").then().statusCode(200).body("status", equalTo("ERR_039"));
        assertTrue(sim.deliveries().isEmpty());
        sim.allowIp(false);
        phs(token).get("/_simulator/phs/transaction/get?id=1").then().body("status", equalTo("ERR_002"));
        given().queryParam("merchant", Events.MERCHANT_ID).queryParam("key", "x").get("/_simulator/phs/getToken")
                .then().body("status", equalTo("ERR_002"));
    }

    @Test
    void failNextAndDelayNext() {
        String token = phsToken();
        sim.failNext("phs.transaction.get", 503, "ERR_010");
        phs(token).get("/_simulator/phs/transaction/get?id=1").then().statusCode(503)
                .body("status", equalTo("ERR_010")).body("message", equalTo("Internal Error"));
        phs(token).get("/_simulator/phs/transaction/get?id=1").then().statusCode(200).body("status", equalTo("ERR_006"));
        sim.delayNext("phs.transaction.get", Duration.ofMillis(700));
        long t0 = System.nanoTime();
        phs(token).get("/_simulator/phs/transaction/get?id=1").then().statusCode(200);
        assertTrue(System.nanoTime() - t0 >= 700_000_000L);
        assertEquals(3, sim.requests("phs.transaction.get").size());
        assertEquals(token, sim.requests("phs.transaction.get").get(0).headers().get("token"));
    }
}
