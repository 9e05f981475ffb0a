package io.github.payguru.merchant.operation;

import static io.github.payguru.merchant.operation.OperationsTestSupport.call;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.github.payguru.merchant.core.PayguruKeys;
import io.github.payguru.merchant.operation.OperationsTestSupport.Answer;
import io.github.payguru.merchant.payguru.RateLimiter;
import io.github.payguru.merchant.store.Ledger;
import io.github.payguru.merchant.store.TableLayout;
import io.github.payguru.merchant.support.Events;
import io.github.payguru.merchant.support.StubPayguru;
import io.quarkus.test.junit.QuarkusTest;

/** MP operations against a Payguru stand-in on the app's HTTP port: success, each failure, retries, refund safety. */
@QuarkusTest
class MpOperationsTest {

    static final String GOLD = "501";

    @Inject
    StubPayguru payguru;

    @Inject
    RateLimiter limiter;

    @Inject
    Ledger ledger;

    @BeforeEach
    void fresh() {
        payguru.reset();
        limiter.useClock(OperationsTestSupport.freshDay());
    }

    @AfterEach
    void realTime() {
        limiter.useClock(Clock.systemUTC());
    }

    static String tx(String id) {
        return "{\"service\":\"" + GOLD + "\",\"transactionId\":\"" + id + "\"}";
    }

    @Test
    void paymentPageSignsStoresAndAnswersTheRedirect() {
        String ref = "MP-" + Events.uniqueTxid();
        String body = "{\"service\":\"gold\",\"referenceCode\":\"" + ref + "\",\"item\":\"Gold membership\",\"price\":12.50,"
                + "\"successUrl\":\"https://shop.example/ok\",\"failureUrl\":\"https://shop.example/fail\",\"hasTrialPeriod\":true,\"trialPeriodDay\":7}";
        Answer a = call("mp-payment-page", body).expect(200);
        assertEquals("https://cp.example/pay/" + ref, a.body().get("redirectUrl").asText());
        Map<String, String> sent = payguru.requests("cp.token").get(0);
        assertEquals("12.50", sent.get("price"));
        assertEquals("true", sent.get("hasTrialPeriod"));
        assertEquals(PayguruKeys.md5Hex("1000", GOLD, ref, "Gold membership", "12.50", "https://shop.example/ok",
                "https://shop.example/fail", "local-mp-secret-key"), sent.get("key"));
        var order = ledger.order(TableLayout.mpOrder(GOLD, ref)).orElseThrow();
        assertEquals("created", order.status);
        assertEquals("12.5", order.amount);
        assertEquals(TableLayout.orderRef(ref), order.gsi1pk);

        // the same reference with another price is refused before calling
        Answer again = call("mp-payment-page", body.replace("12.50", "99.00")).expect(409);
        assertEquals("CONFLICT", again.error());
        assertEquals(1, payguru.requests("cp.token").size());
    }

    @Test
    void paymentPageFailedResultCarriesPayguruCode() {
        payguru.failNext("cp.token", 200, "3001");
        Answer a = call("mp-payment-page", "{\"service\":\"501\",\"referenceCode\":\"MP-F-" + Events.uniqueTxid()
                + "\",\"item\":\"x\",\"price\":\"1.00\",\"successUrl\":\"https://a.example/s\",\"failureUrl\":\"https://a.example/f\"}")
                .expect(422);
        assertEquals("3001", a.error());
        assertEquals("Message 3001", a.body().path("error").path("message").asText());
        assertEquals("payguru", a.body().path("error").path("source").asText());
    }

    @Test
    void transactionGetSuccessNotFoundIpRateLimitAndServerError() {
        String id = Events.uniqueTxid();
        payguru.seedMpTransaction(id, "3", "12.50");
        Answer ok = call("mp-transaction-get", tx(id)).expect(200);
        assertEquals(3, ok.body().path("payguru").path("subscription").path("status").asInt());

        assertEquals("404", call("mp-transaction-get", tx("1" + id)).expect(404).error());

        payguru.allowIp(false);
        Answer ip = call("mp-transaction-get", tx(id)).expect(502);
        assertEquals("HTTP_403", ip.error());
        assertEquals("IP_NOT_ALLOWED", ip.body().path("error").path("outcome").asText());
        payguru.allowIp(true);

        payguru.failNext("mp.transaction.detail", 429, null);
        Answer limited = call("mp-transaction-get", tx(id)).expect(429);
        assertEquals("HTTP_429", limited.error());
        assertEquals("payguru", limited.body().path("error").path("source").asText());

        // a 5xx on a read is tried again (a new window: six calls within a second hit the 5/s limit)
        limiter.useClock(OperationsTestSupport.freshDay());
        int before = payguru.requests("mp.transaction.detail").size();
        payguru.failNext("mp.transaction.detail", 503, null);
        call("mp-transaction-get", tx(id)).expect(200);
        assertEquals(before + 2, payguru.requests("mp.transaction.detail").size());
    }

    @Test
    void aReadThatTimesOutIsRepeatedOnce() {
        String id = Events.uniqueTxid();
        payguru.seedMpTransaction(id, "3", "5.00");
        payguru.delayNext("mp.transaction.detail", Duration.ofMillis(1500));
        call("mp-transaction-get", tx(id)).expect(200);
        assertEquals(2, payguru.requests("mp.transaction.detail").size());
    }

    @Test
    void refundIsSentOnceAndAnsweredFromTheLockAfterwards() {
        String id = Events.uniqueTxid();
        payguru.seedMpTransaction(id, "3", "12.50");
        Answer a = call("mp-transaction-refund", tx(id)).expect(200);
        assertEquals("accepted", a.body().get("refund").asText());
        assertEquals("ALREADY_REFUNDED", call("mp-transaction-refund", tx(id)).expect(409).error());
        assertEquals(1, payguru.requests("mp.transaction.refund").size());
    }

    @Test
    void aRefusedRefundReleasesTheLock() {
        String id = Events.uniqueTxid();
        payguru.seedMpTransaction(id, "3", "12.50");
        payguru.failNext("mp.transaction.refund", 400, "1004");
        Answer refused = call("mp-transaction-refund", tx(id)).expect(422);
        assertEquals("1004", refused.error());
        call("mp-transaction-refund", tx(id)).expect(200);
        assertEquals(2, payguru.requests("mp.transaction.refund").size());
    }

    @Test
    void aRefundWhoseAnswerTimesOutIsQueriedNotSentTwice() {
        String id = Events.uniqueTxid();
        payguru.seedMpTransaction(id, "3", "12.50");
        payguru.delayNext("mp.transaction.refund", Duration.ofMillis(1500)); // Payguru did it, the answer is late
        Answer a = call("mp-transaction-refund", tx(id)).expect(200);
        assertEquals("confirmed-by-query", a.body().get("refund").asText());
        assertEquals("7", a.body().get("status").asText());
        assertEquals("ALREADY_REFUNDED", call("mp-transaction-refund", tx(id)).expect(409).error());
        assertEquals(1, payguru.requests("mp.transaction.refund").size());
        assertEquals(1, payguru.requests("mp.transaction.detail").size());
    }

    @Test
    void aRefundLostBeforePayguruDidItIsReportedThenSentOnlyAfterAQuery() {
        String id = Events.uniqueTxid();
        payguru.seedMpTransaction(id, "3", "12.50");
        payguru.delayNext("mp.transaction.refund", Duration.ofMillis(1500));
        payguru.failNext("mp.transaction.refund", 500, null); // not done, and the answer is late
        Answer lost = call("mp-transaction-refund", tx(id)).expect(504);
        assertEquals("TIMEOUT", lost.error());
        assertEquals(3, lost.body().path("transaction").path("status").asInt());
        assertTrue(lost.body().path("error").path("message").asText().contains("Not sent again"));
        assertEquals(1, payguru.requests("mp.transaction.refund").size());

        Answer retried = call("mp-transaction-refund", tx(id)).expect(200);
        assertEquals("accepted", retried.body().get("refund").asText());
        assertEquals(2, payguru.requests("mp.transaction.detail").size(), "queried after the timeout and before resending");
        assertEquals(2, payguru.requests("mp.transaction.refund").size());
    }

    @Test
    void refundsBeyondFivePerSecondAreRefusedBeforeCalling() {
        limiter.useClock(Clock.fixed(Instant.parse("2031-01-01T09:00:00Z"), ZoneOffset.UTC));
        for (int i = 0; i < 5; i++) {
            String id = Events.uniqueTxid();
            payguru.seedMpTransaction(id, "3", "1.00");
            call("mp-transaction-refund", tx(id)).expect(200);
        }
        String id = Events.uniqueTxid();
        payguru.seedMpTransaction(id, "3", "1.00");
        Answer a = call("mp-transaction-refund", tx(id)).expect(429);
        assertEquals("RATE_LIMIT", a.error());
        assertEquals("rate-limit", a.body().path("error").path("source").asText());
        assertEquals(5, payguru.requests("mp.transaction.refund").size());
        // the limit refusal released the lock: the next second it is sent
        limiter.useClock(Clock.fixed(Instant.parse("2031-01-01T09:00:01Z"), ZoneOffset.UTC));
        call("mp-transaction-refund", tx(id)).expect(200);
    }

    @Test
    void subscriptionGetAndCancelAndCancelTimeout() {
        String subs = Events.uniqueTxid();
        payguru.seedSubscription(subs, "active");
        String body = "{\"service\":\"501\",\"subscriptionId\":\"" + subs + "\"}";
        assertEquals("active", call("mp-subscription-get", body).expect(200).body().path("payguru")
                .path("subscription").path("status").asText());
        assertEquals("accepted", call("mp-subscription-cancel", body).expect(200).body().get("cancel").asText());

        String other = Events.uniqueTxid();
        payguru.seedSubscription(other, "active");
        payguru.delayNext("mp.subscription.cancel", Duration.ofMillis(1500));
        Answer a = call("mp-subscription-cancel", "{\"service\":\"501\",\"subscriptionId\":\"" + other + "\"}").expect(200);
        assertEquals("confirmed-by-query", a.body().get("cancel").asText());
        assertEquals(2, payguru.requests("mp.subscription.cancel").size(), "one per subscription, none repeated");
    }

    @Test
    void searchesForwardTheCheckedBody() throws Exception {
        call("mp-transaction-search", "{\"service\":\"501\",\"search\":[{\"column\":\"modifiedDate\",\"term\":\"2026-11-01\",\"condition\":\">=\"}],\"limit\":25}")
                .expect(200);
        var sent = OperationsTestSupport.JSON.readTree(payguru.requests("mp.transactions.search").get(0).get("body"));
        assertEquals("1000", sent.get("merchantId").asText());
        assertEquals("501", sent.get("serviceId").asText());
        assertEquals(25, sent.get("limit").asInt());
        assertEquals(1, sent.get("page").asInt());
        assertEquals(">=", sent.get("search").get(0).get("condition").asText());
        call("mp-subscription-search", "{\"service\":\"501\"}").expect(200);
        assertEquals(1, payguru.requests("mp.subscriptions.search").size());
    }

    @Test
    void messageSearchOncePerSecond() {
        limiter.useClock(Clock.fixed(Instant.parse("2031-02-01T09:00:00Z"), ZoneOffset.UTC));
        call("mp-message-search", "{\"service\":\"501\"}").expect(200);
        Answer second = call("mp-message-search", "{\"service\":\"501\"}").expect(429);
        assertEquals(1, second.body().path("error").path("retryAfterSeconds").asInt());
        assertEquals(1, payguru.requests("mp.messages.search").size());
    }
}
