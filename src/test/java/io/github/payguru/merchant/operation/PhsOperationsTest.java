package io.github.payguru.merchant.operation;

import static io.github.payguru.merchant.operation.OperationsTestSupport.call;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.github.payguru.merchant.dev.simulator.PayguruSimulator;
import io.github.payguru.merchant.dev.simulator.PhsTransaction;
import io.github.payguru.merchant.operation.OperationsTestSupport.Answer;
import io.github.payguru.merchant.lambda.PhsNotifyHandler;
import io.github.payguru.merchant.payguru.ServiceDirectory;
import io.github.payguru.merchant.phs.PhsConfig;
import io.github.payguru.merchant.phs.PhsQueries;
import io.github.payguru.merchant.phs.PhsTransactions;
import io.github.payguru.merchant.phs.api.PhsGateway;
import io.github.payguru.merchant.phs.api.PhsTokens;
import io.github.payguru.merchant.store.Ledger;
import io.github.payguru.merchant.store.TableLayout;
import io.github.payguru.merchant.support.ConfigVariants;
import io.github.payguru.merchant.support.Events;
import io.github.payguru.merchant.support.LedgerView;
import io.github.payguru.merchant.support.LogCapture;
import io.quarkus.test.junit.QuarkusTest;

/** PHS operations against the Payguru simulator: token cache and renewal, each code, state never backwards. */
@QuarkusTest
class PhsOperationsTest {

    @Inject
    PayguruSimulator payguru;

    @Inject
    PhsTokens tokens;

    @Inject
    LedgerView ledger;

    @Inject
    PhsNotifyHandler notify;

    @Inject
    ServiceDirectory services;

    @Inject
    PhsGateway gateway;

    @Inject
    Ledger writes;

    @Inject
    PhsConfig phsConfig;

    @BeforeEach
    void fresh() {
        payguru.reset();
        tokens.clear();
    }

    @AfterEach
    void clean() throws InterruptedException {
        OperationsTestSupport.settle(payguru);
        payguru.reset();
    }

    static String create(String order) {
        return "{\"service\":\"SHOP\",\"order\":\"" + order + "\",\"amount\":\"250.00\",\"bank\":\"isbank\","
                + "\"tckn\":\"12345678901\",\"name\":\"Ayse Yilmaz\",\"email\":\"ayse@example.com\",\"phone\":\"5321234567\","
                + "\"redirect\":\"https://shop.example/paid\",\"backUrl\":\"https://shop.example/cart\"}";
    }

    @Test
    void createRegistersTheOrderAndAnswersTheYonlendirRedirect() {
        String order = "PHS-" + Events.uniqueTxid();
        Answer a;
        try (LogCapture logs = LogCapture.open()) {
            a = call("phs-payment-notification-create", create(order)).expect(200);
            assertFalse(logs.all().contains("12345678901"), "no raw TCKN in any log line");
            assertFalse(logs.all().contains("ayse@example.com"), "no e-mail in any log line");
        }
        String code = a.body().get("code").asText();
        assertEquals(code, payguru.paymentNotifications().get(0).code);
        assertTrue(a.body().get("redirectUrl").asText().endsWith("/_simulator/cp/phs/yonlendir/" + code
                + "?redirect=https%3A%2F%2Fshop.example%2Fpaid&backUrl=https%3A%2F%2Fshop.example%2Fcart"),
                a.body().toString());
        Map<String, String> sent = payguru.requests("phs.paymentNotification.create").get(0).params();
        assertEquals("SHOP", sent.get("code"));
        assertEquals("250.00", sent.get("amount"));
        assertEquals("12345678901", sent.get("PaymentNotification[tc_no]"));
        var stored = ledger.order(TableLayout.phsOrder("SHOP", order)).orElseThrow();
        assertEquals(code, stored.payguruCode);
        assertEquals(Events.TCKN_HASH_12345678901, stored.tcknHash, "only md5(TCKN + key) kept");
        assertEquals(1, payguru.requests("phs.getToken").size());
        // the token is cached: a second call does not fetch another one
        call("phs-payment-notification-create", create("PHS-" + Events.uniqueTxid())).expect(200);
        assertEquals(1, payguru.requests("phs.getToken").size());
        // the yonlendir page the customer is sent to exists
        assertEquals(code, payguru.paymentNotificationByCode(code).orElseThrow().code);
    }

    @Test
    void createErrorsCarryPayguruCodeAndMessage() {
        payguru.failNext("phs.paymentNotification.create", 200, "ERR_005");
        Answer invalid = call("phs-payment-notification-create", create("PHS-" + Events.uniqueTxid())).expect(422);
        assertEquals("ERR_005", invalid.error());
        assertEquals("Invalid Service", invalid.body().path("error").path("message").asText());
        payguru.failNext("phs.paymentNotification.create", 200, "ERR_019");
        assertEquals("ERR_019", call("phs-payment-notification-create", create("PHS-" + Events.uniqueTxid())).expect(409).error());
        payguru.failNext("phs.paymentNotification.create", 200, "ERR_017");
        assertEquals("Invalid Amount", call("phs-payment-notification-create", create("PHS-" + Events.uniqueTxid()))
                .expect(422).body().path("error").path("message").asText());
        payguru.failNext("phs.paymentNotification.create", 200, "ERR_002");
        assertEquals("IP_NOT_ALLOWED", call("phs-payment-notification-create", create("PHS-" + Events.uniqueTxid()))
                .expect(502).body().path("error").path("outcome").asText());
        payguru.failNext("phs.paymentNotification.create", 429, "");
        assertEquals("HTTP_429", call("phs-payment-notification-create", create("PHS-" + Events.uniqueTxid())).expect(429).error());
        payguru.failNext("phs.paymentNotification.create", 200, "ERR_010");
        assertEquals(502, call("phs-payment-notification-create", create("PHS-" + Events.uniqueTxid())).status());
        assertEquals(6, payguru.requests("phs.paymentNotification.create").size(), "a write is never repeated");
    }

    @Test
    void aCreateThatTimesOutIsNotSentAgain() {
        OperationsTestSupport.delayed(payguru, "phs.paymentNotification.create", 1500);
        Answer a = call("phs-payment-notification-create", create("PHS-" + Events.uniqueTxid())).expect(504);
        assertEquals("TIMEOUT", a.error());
        assertTrue(a.body().path("error").path("message").asText().contains("not re-sent"));
        assertEquals(1, payguru.requests("phs.paymentNotification.create").size());
    }

    @Test
    void anExpiredTokenIsRenewedOnceAndTheCallRepeated() {
        PhsTransaction t = payguru.seedPhsTransaction("SHOP", "O-" + Events.uniqueTxid(), "10.00", 3);
        call("phs-transaction-get", "{\"id\":\"" + t.id + "\"}").expect(200);
        payguru.expireTokens();
        call("phs-transaction-get", "{\"id\":\"" + t.id + "\"}").expect(200);
        assertEquals(2, payguru.requests("phs.getToken").size());
        List<String> sent = payguru.requests("phs.transaction.get").stream().map(r -> r.headers().get("token")).toList();
        assertEquals(3, sent.size());
        assertEquals(sent.get(0), sent.get(1), "the cached token was used until refused");
        assertNotEquals(sent.get(1), sent.get(2), "the renewed token was used for the repeat");
        assertEquals("1000", payguru.requests("phs.transaction.get").get(0).headers().get("merchant"));
        // getToken key: md5(merchantId + serverIp + merchantKey)
        assertEquals(Events.PHS_TOKEN_KEY, payguru.requests("phs.getToken").get(0).params().get("key"));
        // a refused renewal is not retried in a loop
        payguru.expireTokens();
        payguru.failNext("phs.getToken", 200, "ERR_001");
        Answer refused = call("phs-transaction-get", "{\"id\":\"" + t.id + "\"}").expect(502);
        assertEquals("ERR_001", refused.error());
        assertEquals(4, payguru.requests("phs.transaction.get").size());
    }

    /**
     * Issue 17 case 3 through {@code phs-transaction-get}: a replayed notify's claim is confirmed when Payguru shows the
     * same status and replaced, confirmed, when Payguru shows another; a confirmed status never moves backwards.
     */
    @Test
    void case3_transactionGetConfirmsOrOverridesTheNotifyClaim() {
        PhsTransaction partial = payguru.seedPhsTransaction("SHOP", "O-" + Events.uniqueTxid(), "10.00", 8);
        assertEquals("OK", notify(Events.phsNotifyOf(partial, "8")));
        Map<String, String> replay = Events.phsNotifyOf(partial, "3");
        replay.put("transaction_date", "2026-11-22 23:59:59");
        assertEquals("OK", notify(replay));
        var claim = ledger.transaction(TableLayout.phsTransaction(partial.id)).orElseThrow();
        assertEquals("3", claim.status);
        assertEquals(Boolean.FALSE, claim.confirmed);

        Answer truth = call("phs-transaction-get", "{\"id\":\"" + partial.id + "\"}").expect(200);
        assertEquals("applied", truth.body().path("state").path("result").asText(), truth.body().toString());
        assertEquals("8", truth.body().path("state").path("status").asText());
        var stored = ledger.transaction(TableLayout.phsTransaction(partial.id)).orElseThrow();
        assertEquals("8", stored.status, "Payguru's truth replaces the unconfirmed claim");
        assertEquals(Boolean.TRUE, stored.confirmed);
        assertEquals("api-query", stored.cause);
        assertFalse(PhsTransactions.fulfillable(stored));
        Answer again = call("phs-transaction-get", "{\"id\":\"" + partial.id + "\"}").expect(200);
        assertEquals("stale", again.body().path("state").path("result").asText(), "nothing left to change");

        PhsTransaction paid = payguru.seedPhsTransaction("SHOP", "O-" + Events.uniqueTxid(), "10.00", 3);
        assertEquals("OK", notify(Events.phsNotifyOf(paid, "3")));
        assertFalse(PhsTransactions.fulfillable(ledger.transaction(TableLayout.phsTransaction(paid.id)).orElseThrow()));
        Answer confirmed = call("phs-transaction-get", "{\"id\":\"" + paid.id + "\"}").expect(200);
        assertEquals("applied", confirmed.body().path("state").path("result").asText());
        var settled = ledger.transaction(TableLayout.phsTransaction(paid.id)).orElseThrow();
        assertEquals(Boolean.TRUE, settled.confirmed);
        assertNull(settled.openpk, "confirmed success leaves the reconciliation index");
        assertTrue(PhsTransactions.fulfillable(settled));
        payguru.phsTransaction(paid.id).orElseThrow().status = 1; // a stale answer
        call("phs-transaction-get", "{\"id\":\"" + paid.id + "\"}").expect(200);
        assertEquals("3", ledger.transaction(TableLayout.phsTransaction(paid.id)).orElseThrow().status,
                "a confirmed status is never overridden");
    }

    @Test
    void transactionGetStatusesAreMappedOnlyWhenConfigured() {
        PhsQueries mapped = new PhsQueries(services, gateway, writes,
                ConfigVariants.with(PhsConfig.class, phsConfig, Map.of("transactionStatusMap", Optional.of("10=3"))));
        PhsTransaction t = payguru.seedPhsTransaction("SHOP", "O-" + Events.uniqueTxid(), "10.00", 10);
        assertEquals("3", mapped.refreshTransaction(t.id).path("state").path("status").asText());
        PhsTransaction plain = payguru.seedPhsTransaction("SHOP", "O-" + Events.uniqueTxid(), "10.00", 10);
        call("phs-transaction-get", "{\"id\":\"" + plain.id + "\"}").expect(200);
        var unknown = ledger.transaction(TableLayout.phsTransaction(plain.id)).orElseThrow();
        assertNull(unknown.status, "by default 10 is used as it is: undocumented, kept beside the state");
        assertEquals("10", unknown.unknownStatus);
        assertThrows(IllegalStateException.class, () -> PhsConfig.parse(Optional.of("3")));
    }

    String notify(Map<String, String> params) {
        return notify.handleRequest(Events.get("/payguru/phs/notify", params), null).getBody();
    }

    @Test
    void transactionGetAppliesTheStateButNeverBackwards() {
        PhsTransaction t = payguru.seedPhsTransaction("SHOP", "O-" + Events.uniqueTxid(), "10.00", 3);
        Answer paid = call("phs-transaction-get", "{\"id\":\"" + t.id + "\"}").expect(200);
        assertEquals("applied", paid.body().path("state").path("result").asText());
        var stored = ledger.transaction(TableLayout.phsTransaction(t.id)).orElseThrow();
        assertEquals("3", stored.status);
        assertEquals(t.code, stored.payguruCode);
        assertNull(stored.openpk, "a settled transaction stays out of the reconciliation index");

        payguru.phsTransaction(t.id).orElseThrow().status = 1; // a stale answer says "processing"
        Answer stale = call("phs-transaction-get", "{\"id\":\"" + t.id + "\"}").expect(200);
        assertEquals("stale", stale.body().path("state").path("result").asText());
        assertEquals("3", stale.body().path("state").path("status").asText());
        assertEquals("3", ledger.transaction(TableLayout.phsTransaction(t.id)).orElseThrow().status);

        assertEquals("ERR_006", call("phs-transaction-get", "{\"id\":\"9" + t.id + "\"}").expect(404).error());
    }

    @Test
    void readsAreRetriedOnServerErrorsAndTimeoutsButNotOnRefusals() {
        PhsTransaction t = payguru.seedPhsTransaction("SHOP", "O-" + Events.uniqueTxid(), "10.00", 1);
        payguru.failNext("phs.transaction.get", 500, "");
        call("phs-transaction-get", "{\"id\":\"" + t.id + "\"}").expect(200);
        OperationsTestSupport.delayed(payguru, "phs.transaction.get", 1500);
        call("phs-transaction-get", "{\"id\":\"" + t.id + "\"}").expect(200);
        assertEquals(4, payguru.requests("phs.transaction.get").size());
        payguru.failNext("phs.transaction.get", 200, "ERR_007");
        assertEquals("ERR_007", call("phs-transaction-get", "{\"id\":\"" + t.id + "\"}").expect(422).error());
        assertEquals(5, payguru.requests("phs.transaction.get").size(), "a refusal is not repeated");
        payguru.allowIp(false);
        Answer ip = call("phs-transaction-get", "{\"id\":\"" + t.id + "\"}").expect(502);
        assertEquals("IP_NOT_ALLOWED", ip.body().path("error").path("outcome").asText());
    }

    @Test
    void paymentNotificationGetRefundGetOrderLookupAndTestTransaction() throws InterruptedException {
        String order = "PHS-" + Events.uniqueTxid();
        call("phs-payment-notification-create", create(order)).expect(200);
        long pnId = payguru.paymentNotifications().get(0).id;
        Answer pn = call("phs-payment-notification-get", "{\"id\":\"" + pnId + "\"}").expect(200);
        assertEquals(order, pn.body().path("payguru").path("paymentNotification").path("order_refno").asText());
        assertEquals("ERR_013", call("phs-payment-notification-get", "{\"id\":\"9" + pnId + "\"}").expect(404).error());

        PhsTransaction t = payguru.seedPhsTransaction("SHOP", "O-" + Events.uniqueTxid(), "10.00", 3);
        call("phs-transaction-get", "{\"id\":\"" + t.id + "\"}").expect(200);
        String refundId = payguru.seedPhsRefund(t.id, 3).id;
        Answer refund = call("phs-refund-get", "{\"id\":\"" + refundId + "\"}").expect(200);
        assertEquals("applied", refund.body().path("state").path("result").asText());
        assertEquals("6", ledger.transaction(TableLayout.phsTransaction(t.id)).orElseThrow().status);

        Answer lookup = call("phs-order-lookup", "{\"service\":\"SHOP\",\"order\":\"" + t.order + "\"}").expect(200);
        assertEquals(t.code, lookup.body().path("payguru").path("order").asText(), "Payguru's reference of the order");

        // sandbox test transaction: Payguru sends a PHS notify for the reference, our callback stores it
        Answer test = call("phs-test-transaction", "{\"service\":\"SHOP\",\"ref\":\"" + code(order)
                + "\",\"amount\":\"250.00\",\"iban\":\"TR330006100519786457841326\"}").expect(200);
        assertEquals("TR330006100519786457841326", payguru.requests("phs.transaction.test").get(0).params().get("iban"));
        assertTrue(payguru.awaitDeliveries(Duration.ofSeconds(5)));
        String txid = test.body().path("payguru").path("txid").asText();
        assertEquals("3", ledger.transaction(TableLayout.phsTransaction(txid)).orElseThrow().status);
    }

    private String code(String order) {
        return payguru.paymentNotifications().stream().filter(p -> order.equals(p.order)).findFirst().orElseThrow().code;
    }
}
