package io.github.payguru.merchant.operation;

import static io.github.payguru.merchant.operation.OperationsTestSupport.call;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.github.payguru.merchant.callback.PhsNotifyHandler;
import io.github.payguru.merchant.core.PayguruKeys;
import io.github.payguru.merchant.operation.OperationsTestSupport.Answer;
import io.github.payguru.merchant.payguru.PhsTokens;
import io.github.payguru.merchant.store.Ledger;
import io.github.payguru.merchant.store.TableLayout;
import io.github.payguru.merchant.support.Events;
import io.github.payguru.merchant.support.LogCapture;
import io.github.payguru.merchant.support.StubPayguru;
import io.quarkus.test.junit.QuarkusTest;

/** PHS operations against a Payguru stand-in: token cache and renewal, each code, state never backwards. */
@QuarkusTest
class PhsOperationsTest {

    @Inject
    StubPayguru payguru;

    @Inject
    PhsTokens tokens;

    @Inject
    Ledger ledger;

    @Inject
    PhsNotifyHandler notify;

    @BeforeEach
    void fresh() {
        payguru.reset();
        tokens.clear();
    }

    static String create(String order) {
        return "{\"service\":\"SHOP\",\"order\":\"" + order + "\",\"amount\":\"250.00\",\"bank\":\"isbank\","
                + "\"tckn\":\"12345678901\",\"name\":\"Ayse Yilmaz\",\"email\":\"ayse@example.com\",\"phone\":\"5321234567\","
                + "\"redirect\":\"https://shop.example/paid\",\"backUrl\":\"https://shop.example/cart\"}";
    }

    @Test
    void createRegistersTheOrderAndAnswersTheYonlendirRedirect() {
        String order = "PHS-" + Events.uniqueTxid();
        try (LogCapture logs = LogCapture.open()) {
            Answer a = call("phs-payment-notification-create", create(order)).expect(200);
            assertEquals("PN" + order, a.body().get("code").asText());
            assertTrue(a.body().get("redirectUrl").asText().endsWith("/_simulator/cp/phs/yonlendir/PN" + order
                    + "?redirect=https%3A%2F%2Fshop.example%2Fpaid&backUrl=https%3A%2F%2Fshop.example%2Fcart"));
            assertFalse(logs.all().contains("12345678901"), "no raw TCKN in any log line");
            assertFalse(logs.all().contains("ayse@example.com"));
        }
        Map<String, String> sent = payguru.requests("phs.paymentNotification.create").get(0);
        assertEquals("SHOP", sent.get("code"));
        assertEquals("250.00", sent.get("amount"));
        assertEquals("12345678901", sent.get("PaymentNotification[tc_no]"));
        var stored = ledger.order(TableLayout.phsOrder("SHOP", order)).orElseThrow();
        assertEquals("PN" + order, stored.payguruCode);
        assertEquals(PayguruKeys.tcknHash("12345678901", Events.SHOP_KEY), stored.tcknHash);
        assertEquals(1, payguru.requests("phs.getToken").size());
        // the token is cached: a second call does not fetch another one
        call("phs-payment-notification-create", create("PHS-" + Events.uniqueTxid())).expect(200);
        assertEquals(1, payguru.requests("phs.getToken").size());
    }

    @Test
    void createErrorsCarryPayguruCodeAndMessage() {
        payguru.failNext("phs.paymentNotification.create", 200, "ERR_005");
        Answer invalid = call("phs-payment-notification-create", create("PHS-" + Events.uniqueTxid())).expect(422);
        assertEquals("ERR_005", invalid.error());
        assertEquals("Message ERR_005", invalid.body().path("error").path("message").asText());
        payguru.failNext("phs.paymentNotification.create", 200, "ERR_019");
        assertEquals("ERR_019", call("phs-payment-notification-create", create("PHS-" + Events.uniqueTxid())).expect(409).error());
        payguru.failNext("phs.paymentNotification.create", 403, null);
        assertEquals("HTTP_403", call("phs-payment-notification-create", create("PHS-" + Events.uniqueTxid())).expect(502).error());
        payguru.failNext("phs.paymentNotification.create", 429, null);
        assertEquals("HTTP_429", call("phs-payment-notification-create", create("PHS-" + Events.uniqueTxid())).expect(429).error());
    }

    @Test
    void aCreateThatTimesOutIsNotSentAgain() {
        payguru.delayNext("phs.paymentNotification.create", Duration.ofMillis(1500));
        Answer a = call("phs-payment-notification-create", create("PHS-" + Events.uniqueTxid())).expect(504);
        assertEquals("TIMEOUT", a.error());
        assertTrue(a.body().path("error").path("message").asText().contains("not re-sent"));
        assertEquals(1, payguru.requests("phs.paymentNotification.create").size());
    }

    @Test
    void anExpiredTokenIsRenewedOnceAndTheCallRepeated() {
        String id = Events.uniqueTxid();
        payguru.seedPhsTransaction(id, "O-" + id, "10.00", "3");
        call("phs-transaction-get", "{\"id\":\"" + id + "\"}").expect(200);
        payguru.expireTokens();
        call("phs-transaction-get", "{\"id\":\"" + id + "\"}").expect(200);
        assertEquals(2, payguru.requests("phs.getToken").size());
        assertEquals(3, payguru.requests("phs.transaction.get").size());
        var tokensSent = payguru.requests("phs.transaction.get").stream().map(r -> r.get("header:token")).toList();
        assertEquals(tokensSent.get(0), tokensSent.get(1), "the cached token was used until refused");
        assertFalse(tokensSent.get(1).equals(tokensSent.get(2)), "the renewed token was used for the repeat");
        // getToken key: md5(merchantId + serverIp + merchantKey)
        assertEquals(PayguruKeys.md5Hex("1000", "127.0.0.1", Events.MERCHANT_KEY),
                payguru.requests("phs.getToken").get(0).get("key"));
    }

    @Test
    void transactionGetAppliesTheStateButNeverBackwards() {
        String id = Events.uniqueTxid();
        payguru.seedPhsTransaction(id, "O-" + id, "10.00", "3");
        Answer paid = call("phs-transaction-get", "{\"id\":\"" + id + "\"}").expect(200);
        assertEquals("applied", paid.body().path("state").path("result").asText());
        assertEquals("3", ledger.transaction(TableLayout.phsTransaction(id)).orElseThrow().status);

        payguru.seedPhsTransaction(id, "O-" + id, "10.00", "1"); // a stale answer says "processing"
        Answer stale = call("phs-transaction-get", "{\"id\":\"" + id + "\"}").expect(200);
        assertEquals("stale", stale.body().path("state").path("result").asText());
        assertEquals("3", stale.body().path("state").path("status").asText());
        var stored = ledger.transaction(TableLayout.phsTransaction(id)).orElseThrow();
        assertEquals("3", stored.status);
        assertNull(stored.openpk, "a settled transaction stays out of the reconciliation index");

        assertEquals("ERR_006", call("phs-transaction-get", "{\"id\":\"9" + id + "\"}").expect(404).error());
    }

    @Test
    void queryAndNotifyAgreeOnTheSameTransaction() {
        String id = Events.uniqueTxid();
        // the notify stored 3 with code PG<id>; the query reports the same transaction
        assertEquals(200, notify.handleRequest(Events.get("/payguru/phs/notify",
                Events.phsNotify(id, "O-" + id, "3", "10.00")), null).getStatusCode());
        payguru.seedPhsTransaction(id, "O-" + id, "10.00", "3");
        assertEquals("stale", call("phs-transaction-get", "{\"id\":\"" + id + "\"}").expect(200).body().path("state")
                .path("result").asText());
        // a query reporting another amount is a conflict, not a change
        payguru.seedPhsTransaction(id, "O-" + id, "11.00", "6");
        assertEquals("conflict", call("phs-transaction-get", "{\"id\":\"" + id + "\"}").expect(200).body()
                .path("state").path("result").asText());
        assertEquals("3", ledger.transaction(TableLayout.phsTransaction(id)).orElseThrow().status);
    }

    @Test
    void readsAreRetriedOnServerErrorsAndTimeouts() {
        String id = Events.uniqueTxid();
        payguru.seedPhsTransaction(id, "O-" + id, "10.00", "1");
        payguru.failNext("phs.transaction.get", 500, null);
        call("phs-transaction-get", "{\"id\":\"" + id + "\"}").expect(200);
        payguru.delayNext("phs.transaction.get", Duration.ofMillis(1500));
        call("phs-transaction-get", "{\"id\":\"" + id + "\"}").expect(200);
        assertEquals(4, payguru.requests("phs.transaction.get").size());
        payguru.failNext("phs.transaction.get", 200, "ERR_010");
        payguru.allowIp(false);
        Answer ip = call("phs-transaction-get", "{\"id\":\"" + id + "\"}").expect(502);
        assertEquals("HTTP_403", ip.error());
    }

    @Test
    void paymentNotificationGetRefundGetOrderLookupAndTestTransaction() {
        assertEquals(10, call("phs-payment-notification-get", "{\"id\":\"15\"}").expect(200).body().path("payguru")
                .path("paymentNotification").path("status").asInt());
        payguru.failNext("phs.paymentNotification.get", 200, "ERR_013");
        assertEquals("ERR_013", call("phs-payment-notification-get", "{\"id\":\"15\"}").expect(404).error());

        String id = Events.uniqueTxid();
        notify.handleRequest(Events.get("/payguru/phs/notify", Events.phsNotify(id, "O-" + id, "3", "10.00")), null);
        Answer refund = call("phs-refund-get", "{\"id\":\"9" + id + "\"}").expect(200);
        assertEquals("applied", refund.body().path("state").path("result").asText());
        assertEquals("6", ledger.transaction(TableLayout.phsTransaction(id)).orElseThrow().status);

        assertEquals("PHS-1", call("phs-order-lookup", "{\"service\":\"SHOP\",\"order\":\"PHS-1\"}").expect(200).body()
                .path("payguru").path("order").asText());
        payguru.failNext("phs.orderToReference.check", 200, "ERR_014");
        assertEquals("ERR_014", call("phs-order-lookup", "{\"service\":\"SHOP\",\"order\":\"PHS-1\"}").expect(404).error());

        call("phs-test-transaction", "{\"service\":\"SHOP\",\"ref\":\"80012345\",\"amount\":\"250.00\",\"iban\":\"TR330006100519786457841326\"}")
                .expect(200);
        assertEquals("TR330006100519786457841326", payguru.requests("phs.transaction.test").get(0).get("iban"));
    }
}
