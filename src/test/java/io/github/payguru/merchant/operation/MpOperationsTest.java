package io.github.payguru.merchant.operation;

import static io.github.payguru.merchant.operation.OperationsTestSupport.call;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.github.payguru.merchant.dev.simulator.PayguruSimulator;
import io.github.payguru.merchant.kernel.StatusMachine;
import io.github.payguru.merchant.mp.MpTransactions;
import io.github.payguru.merchant.mp.RefundLock;
import io.github.payguru.merchant.mp.RefundLocks;
import io.github.payguru.merchant.operation.OperationsTestSupport.Answer;
import io.github.payguru.merchant.payguru.MoneyCallBudget;
import io.github.payguru.merchant.payguru.MpCheckoutKeyInput;
import io.github.payguru.merchant.payguru.PayguruApiConfig;
import io.github.payguru.merchant.payguru.PayguruKeys;
import io.github.payguru.merchant.payguru.RateLimiter;
import io.github.payguru.merchant.store.Ledger;
import io.github.payguru.merchant.store.StateChange;
import io.github.payguru.merchant.store.TableLayout;
import io.github.payguru.merchant.support.Events;
import io.github.payguru.merchant.support.LedgerView;
import io.github.payguru.merchant.support.TestClock;
import io.quarkus.test.junit.QuarkusTest;

/** MP operations against the Payguru simulator: success, each failure, read retries, refund safety, shared limits. */
@QuarkusTest
class MpOperationsTest {

    @Inject
    TestClock clock;

    /** The made-up one-off MP service of the test profile ({@code payguru.services.game}). */
    static final String GAME = "2001";

    @Inject
    PayguruSimulator payguru;

    @Inject
    RateLimiter limiter;

    @Inject
    LedgerView ledger;

    @Inject
    Ledger writes;

    @Inject
    MpTransactions transactions;

    @Inject
    PayguruApiConfig api;

    @BeforeEach
    void fresh() {
        payguru.reset();
        clock.pin(OperationsTestSupport.freshDay());
    }

    @AfterEach
    void realTime() throws InterruptedException {
        clock.release();
        OperationsTestSupport.settle(payguru);
        payguru.reset();
    }

    static String tx(String id) {
        return "{\"service\":\"" + GAME + "\",\"transactionId\":\"" + id + "\"}";
    }

    String paid(String amount) {
        return payguru.seedMpTransaction(GAME, 3, amount, "MP-" + Events.uniqueTxid()).id;
    }

    @Test
    void paymentPageSignsStoresAndAnswersTheRedirect() {
        String ref = "MP-" + Events.uniqueTxid();
        String body = "{\"service\":\"game\",\"referenceCode\":\"" + ref + "\",\"item\":\"Gold membership\",\"price\":12.50,"
                + "\"successUrl\":\"https://shop.example/ok\",\"failureUrl\":\"https://shop.example/fail\"}";
        Answer a = call("mp-payment-page", body).expect(200);
        assertTrue(a.body().get("redirectUrl").asText().contains("/_simulator/cp/pay/"), a.body().toString());
        Map<String, String> sent = payguru.requests("cp.token").get(0).params();
        assertEquals("12.50", sent.get("price"));
        assertEquals(PayguruKeys.md5(new MpCheckoutKeyInput("1000", GAME, "local-mp-game-key", ref, "Gold membership",
                "12.50", "https://shop.example/ok", "https://shop.example/fail")), sent.get("key"));
        var order = ledger.order(TableLayout.mpOrder(GAME, ref)).orElseThrow();
        assertEquals("created", order.status);
        assertEquals("12.5", order.amount);
        assertEquals(TableLayout.orderRef(ref), order.gsi1pk);

        // the same reference with another price is refused before calling
        Answer again = call("mp-payment-page", body.replace("12.50", "99.00")).expect(409);
        assertEquals("CONFLICT", again.error());
        assertEquals(1, payguru.requests("cp.token").size());
    }

    @Test
    void fullLoopPaymentPageCallbackPaidRefundRefunded() {
        String ref = "MP-LOOP-" + Events.uniqueTxid();
        Answer page = call("mp-payment-page", "{\"service\":\"game\",\"referenceCode\":\"" + ref
                + "\",\"item\":\"Extra lives\",\"price\":\"4.99\",\"successUrl\":\"https://shop.example/ok\","
                + "\"failureUrl\":\"https://shop.example/fail\"}").expect(200);
        // the customer confirms on the payment page; Payguru sends the billing notifications to our callback
        io.restassured.RestAssured.given().redirects().follow(false)
                .get(page.body().get("redirectUrl").asText() + "?result=paid").then().statusCode(302);
        assertTrue(payguru.awaitDeliveries(java.time.Duration.ofSeconds(10)));
        String txId = payguru.mpTransactions().stream().filter(t -> ref.equals(t.referenceCode)).findFirst()
                .orElseThrow().id;
        var afterCallback = transactions.find(txId).orElseThrow();
        assertEquals("3", afterCallback.status, "paid through the billing callback");
        assertEquals(ref, afterCallback.orderRef);
        assertEquals(1, ledger.transactionsOfOrder(ref).size(), "the order's transaction, found by its reference");

        // the merchant confirms with Payguru's API before fulfilling
        Answer confirmed = call("mp-transaction-get", tx(txId)).expect(200);
        assertTrue(transactions.fulfillable(transactions.find(txId).orElseThrow()), confirmed.body().toString());

        // refund: 3 -> 7 -> 6, through the operation's answer and the callbacks alike
        call("mp-transaction-refund", tx(txId)).expect(200);
        assertTrue(payguru.awaitDeliveries(java.time.Duration.ofSeconds(10)));
        assertEquals("6", transactions.find(txId).orElseThrow().status, "refunded");
        assertEquals(1, payguru.requests("mp.transaction.refund").size());
    }

    @Test
    void paymentPageFailedResultCarriesPayguruCode() {
        payguru.failNext("cp.token", 400, PayguruSimulator.MP_INVALID_KEY);
        Answer a = call("mp-payment-page", "{\"service\":\"2001\",\"referenceCode\":\"MP-F-" + Events.uniqueTxid()
                + "\",\"item\":\"x\",\"price\":\"1.00\",\"successUrl\":\"https://a.example/s\",\"failureUrl\":\"https://a.example/f\"}")
                .expect(422);
        assertEquals(PayguruSimulator.MP_INVALID_KEY, a.error());
        assertEquals("payguru", a.body().path("error").path("source").asText());
        assertEquals(400, a.body().path("error").path("payguruHttpStatus").asInt());
    }

    @Test
    void transactionGetAppliesAndConfirmsTheState() {
        String id = paid("12.50");
        Answer ok = call("mp-transaction-get", tx(id)).expect(200);
        assertEquals(3, ok.body().path("payguru").path("subscription").path("status").asInt());
        assertEquals("applied", ok.body().path("state").path("result").asText());
        var stored = transactions.find(id).orElseThrow();
        assertEquals("3", stored.status);
        assertTrue(transactions.fulfillable(stored), "a paid status read from Payguru's API is confirmed");
        // a query answering an older status never moves it back
        payguru.mpTransaction(id).orElseThrow().status = 1;
        Answer stale = call("mp-transaction-get", tx(id)).expect(200);
        assertEquals("stale", stale.body().path("state").path("result").asText());
        assertEquals("3", transactions.find(id).orElseThrow().status);
    }

    @Test
    void transactionGetNotFoundIpRateLimitAndServerError() {
        String id = paid("12.50");
        Answer missing = call("mp-transaction-get", tx("1" + id)).expect(404);
        assertEquals(PayguruSimulator.MP_NOT_FOUND, missing.error());

        payguru.allowIp(false);
        Answer ip = call("mp-transaction-get", tx(id)).expect(502);
        assertEquals("IP_NOT_ALLOWED", ip.body().path("error").path("outcome").asText());
        assertEquals(403, ip.body().path("error").path("payguruHttpStatus").asInt());
        payguru.allowIp(true);

        payguru.failNext("mp.transaction.detail", 429, null);
        Answer limited = call("mp-transaction-get", tx(id)).expect(429);
        assertEquals("payguru", limited.body().path("error").path("source").asText());
        assertEquals("RATE_LIMITED", limited.body().path("error").path("outcome").asText());

        // a 5xx on a read is tried again (a new window: six calls within a second hit our 5/s limit)
        clock.pin(OperationsTestSupport.freshDay());
        int before = payguru.requests("mp.transaction.detail").size();
        payguru.failNext("mp.transaction.detail", 503, null);
        call("mp-transaction-get", tx(id)).expect(200);
        assertEquals(before + 2, payguru.requests("mp.transaction.detail").size());
        // two 5xx in a row: the caller gets 502 with Payguru's status
        payguru.failNext("mp.transaction.detail", 500, null);
        payguru.failNext("mp.transaction.detail", 500, null);
        assertEquals("UNAVAILABLE", call("mp-transaction-get", tx(id)).expect(502).body().path("error").path("outcome")
                .asText());
    }

    @Test
    void aReadThatTimesOutIsRepeatedAndTwoTimeoutsAre504() {
        String id = paid("5.00");
        OperationsTestSupport.delayed(payguru, "mp.transaction.detail", 1500);
        call("mp-transaction-get", tx(id)).expect(200);
        assertEquals(2, payguru.requests("mp.transaction.detail").size());
        OperationsTestSupport.delayed(payguru, "mp.transaction.detail", 1500);
        OperationsTestSupport.delayed(payguru, "mp.transaction.detail", 1500);
        assertEquals("TIMEOUT", call("mp-transaction-get", tx(id)).expect(504).error());
    }

    @Test
    void refundIsSentOnceAndAnsweredFromTheLockAfterwards() {
        String id = paid("12.50");
        Answer a = call("mp-transaction-refund", tx(id)).expect(200);
        assertEquals("accepted", a.body().get("refund").asText());
        // the simulator's refund callback (7) may be applied before the answer's state: either way it is 7 or later
        assertTrue(java.util.Set.of("applied", "stale").contains(a.body().path("state").path("result").asText()),
                a.body().toString());
        assertTrue(java.util.Set.of("7", "6").contains(a.body().path("state").path("status").asText()),
                a.body().toString());
        assertEquals("ALREADY_REFUNDED", call("mp-transaction-refund", tx(id)).expect(409).error());
        assertEquals(1, payguru.requests("mp.transaction.refund").size());
    }

    @Test
    void aRefusedRefundReleasesTheLock() {
        String id = paid("12.50");
        payguru.failNext("mp.transaction.refund", 409, PayguruSimulator.MP_WRONG_STATE);
        Answer refused = call("mp-transaction-refund", tx(id)).expect(409);
        assertEquals(PayguruSimulator.MP_WRONG_STATE, refused.error());
        call("mp-transaction-refund", tx(id)).expect(200);
        assertEquals(2, payguru.requests("mp.transaction.refund").size());
        // a refund Payguru refuses for its state (already refunded) is a 409 from Payguru, not sent by us twice
        String other = payguru.seedMpTransaction(GAME, 6, "1.00", "MP-" + Events.uniqueTxid()).id;
        assertEquals(PayguruSimulator.MP_WRONG_STATE, call("mp-transaction-refund", tx(other)).expect(409).error());
    }

    @Test
    void aRefundWhoseAnswerTimesOutIsQueriedNotSentTwice() throws InterruptedException {
        String id = paid("12.50");
        // Payguru carries the refund out after our read timeout: the answer is lost
        OperationsTestSupport.delayed(payguru, "mp.transaction.refund", 1500);
        Answer lost = call("mp-transaction-refund", tx(id)).expect(504);
        assertEquals("TIMEOUT", lost.error());
        assertEquals(1, payguru.requests("mp.transaction.detail").size(), "queried at once instead of resending");
        OperationsTestSupport.settle(payguru); // Payguru has done it meanwhile
        // the merchant asks again: the transaction is queried first, shows the refund, nothing is sent
        Answer again = call("mp-transaction-refund", tx(id)).expect(200);
        assertEquals("already-done", again.body().get("refund").asText());
        assertTrue(java.util.Set.of("6", "7").contains(again.body().get("status").asText()), again.body().toString());
        assertEquals("ALREADY_REFUNDED", call("mp-transaction-refund", tx(id)).expect(409).error());
        assertEquals(1, payguru.requests("mp.transaction.refund").size(), "the refund reached Payguru once");
        assertEquals(2, payguru.requests("mp.transaction.detail").size());
    }

    @Test
    void aRefundLostBeforePayguruDidItIsReportedThenSentOnlyAfterAQuery() throws InterruptedException {
        String id = paid("12.50");
        OperationsTestSupport.delayed(payguru, "mp.transaction.refund", 1500);
        payguru.failNext("mp.transaction.refund", 500, null); // not done, and the answer is late
        Answer lost = call("mp-transaction-refund", tx(id)).expect(504);
        assertEquals("TIMEOUT", lost.error());
        assertEquals(3, lost.body().path("transaction").path("status").asInt());
        assertTrue(lost.body().path("error").path("message").asText().contains("Not sent again"));
        assertEquals(1, payguru.requests("mp.transaction.refund").size());
        OperationsTestSupport.settle(payguru); // the lost request has finished on Payguru's side (refused)

        Answer retried = call("mp-transaction-refund", tx(id)).expect(200);
        assertEquals("accepted", retried.body().get("refund").asText());
        assertEquals(2, payguru.requests("mp.transaction.detail").size(), "queried after the timeout and before resending");
        assertEquals(2, payguru.requests("mp.transaction.refund").size());
    }

    /** A refund lock as an earlier request left it, {@code state} since {@code at}. */
    void lockLeft(String txId, RefundLock state, Instant at) {
        writes.apply(StateChange.of(TableLayout.mpTransaction(txId), TableLayout.REFUND_LOCK)
                .transition("status", state.wire(), Set.of(StatusMachine.NONE))
                .set("line", "MP").set("service", GAME).set("updatedAt", at.toString()));
    }

    @Inject
    RefundLocks locks;

    /** How long a {@code sending} lock lives: the worst case of one money call (then its invocation died mid-call). */
    Duration lockTtl() {
        return locks.ttl();
    }

    /**
     * The lock is fenced by its holder: a holder whose lock expired and was claimed by another request can neither
     * release, renew nor overwrite it; the new holder's writes go through.
     */
    @Test
    void aStaleHolderCanNeverReleaseOrOverwriteTheLock() {
        String id = paid("12.50");
        Instant at = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        clock.pin(at);
        RefundLocks.Target target = RefundLocks.Target.refund(id, GAME);
        RefundLocks.Owner stale = ((RefundLocks.Acquired) locks.acquire(target)).owner();
        assertEquals(RefundLocks.InProgress.class, locks.acquire(target).getClass(), "a live lock is not claimed");
        clock.pin(at.plus(lockTtl()).plusSeconds(1));
        RefundLocks.Owner current = ((RefundLocks.MustQueryFirst) locks.acquire(target)).owner();
        assertFalse(locks.release(stale));
        assertFalse(locks.renew(stale));
        assertFalse(locks.uncertain(stale));
        assertFalse(locks.done(stale));
        var lock = ledger.partition(TableLayout.mpTransaction(id)).stream()
                .filter(i -> TableLayout.REFUND_LOCK.equals(i.get("sk").s())).findFirst().orElseThrow();
        assertEquals("sending", lock.get("status").s());
        assertEquals(current.token(), lock.get("owner").s());
        assertTrue(locks.renew(current));
        assertTrue(locks.uncertain(current));
        assertTrue(locks.done(current));
        assertEquals(RefundLocks.AlreadyDone.class, locks.acquire(target).getClass());
        assertFalse(locks.release(current), "done is final");
    }

    /** The lock outlives the worst case of one money call and fits in the template's function timeout (TemplateTest). */
    @Test
    void theLockOutlivesTheWorstCaseOfOneMoneyCall() {
        MoneyCallBudget budget = MoneyCallBudget.of(api, Duration.ofSeconds(6));
        assertEquals(budget.lockTtl(), lockTtl());
        assertTrue(lockTtl().compareTo(api.connectTimeout().plus(api.readTimeout()).plusSeconds(18)) >= 0, lockTtl()::toString);
    }

    @Test
    void aLiveSendingLockIsRefusedWithoutACallAndAnAbandonedOneIsTakenOverAfterAQuery() {
        String id = paid("12.50");
        Instant at = clock.instant().truncatedTo(ChronoUnit.SECONDS); // stored without a fraction: "…:05Z"
        lockLeft(id, RefundLock.SENDING, at);

        clock.pin(at.plusSeconds(1));
        assertEquals("REFUND_IN_PROGRESS", call("mp-transaction-refund", tx(id)).expect(409).error());
        // the expiry counts whole seconds: half a second past it the lock still lives
        clock.pin(at.plus(lockTtl()).plusMillis(500));
        assertEquals("REFUND_IN_PROGRESS", call("mp-transaction-refund", tx(id)).expect(409).error());
        assertEquals(0, payguru.requests("mp.transaction.detail").size(), "a live lock is refused before any call");
        assertEquals(0, payguru.requests("mp.transaction.refund").size());

        clock.pin(at.plus(lockTtl()).plusSeconds(1));
        Answer taken = call("mp-transaction-refund", tx(id)).expect(200);
        assertEquals("accepted", taken.body().get("refund").asText(), taken.body().toString());
        assertEquals(1, payguru.requests("mp.transaction.detail").size(), "queried before sending");
        assertEquals(1, payguru.requests("mp.transaction.refund").size());
        assertEquals("ALREADY_REFUNDED", call("mp-transaction-refund", tx(id)).expect(409).error());
    }

    @Test
    void anAbandonedLockWhoseRefundWentThroughIsAnsweredFromTheQuery() {
        String id = payguru.seedMpTransaction(GAME, 6, "4.00", "MP-" + Events.uniqueTxid()).id;
        Instant at = clock.instant().truncatedTo(ChronoUnit.MILLIS).plusMillis(250); // stored with a fraction
        lockLeft(id, RefundLock.SENDING, at);
        clock.pin(at.plus(lockTtl()).plusSeconds(1));
        Answer a = call("mp-transaction-refund", tx(id)).expect(200);
        assertEquals("already-done", a.body().get("refund").asText(), a.body().toString());
        assertEquals("6", a.body().get("status").asText());
        assertEquals(0, payguru.requests("mp.transaction.refund").size(), "nothing sent");
        assertEquals("ALREADY_REFUNDED", call("mp-transaction-refund", tx(id)).expect(409).error());
    }

    @Test
    void anUncertainLockWhoseQueryFailsStaysUncertainAndTheNextRequestChecksAgain() {
        String id = paid("12.50");
        lockLeft(id, RefundLock.UNCERTAIN, clock.instant());
        payguru.failNext("mp.transaction.detail", 404, PayguruSimulator.MP_NOT_FOUND);
        Answer failed = call("mp-transaction-refund", tx(id)).expect(404);
        assertTrue(failed.body().path("error").path("message").asText().endsWith("; not sent"), failed.body().toString());
        assertEquals(0, payguru.requests("mp.transaction.refund").size());
        // the claim was given back: the next request is not refused as in progress, it queries, then sends
        Answer sent = call("mp-transaction-refund", tx(id)).expect(200);
        assertEquals("accepted", sent.body().get("refund").asText(), sent.body().toString());
        assertEquals(2, payguru.requests("mp.transaction.detail").size());
        assertEquals(1, payguru.requests("mp.transaction.refund").size());
    }

    @Test
    void refundsBeyondFivePerSecondAreRefusedBeforeCalling() {
        Instant t = Instant.parse("2031-01-01T09:00:00Z");
        clock.pin(Clock.fixed(t, ZoneOffset.UTC));
        payguru.useClock(Clock.fixed(t, ZoneOffset.UTC));
        for (int i = 0; i < 5; i++) {
            call("mp-transaction-refund", tx(paid("1.00"))).expect(200);
        }
        String id = paid("1.00");
        Answer a = call("mp-transaction-refund", tx(id)).expect(429);
        assertEquals("RATE_LIMIT", a.error());
        assertEquals("rate-limit", a.body().path("error").path("source").asText());
        assertEquals(5, payguru.requests("mp.transaction.refund").size());
        // the limit refusal released the lock: the next second it is sent
        clock.pin(Clock.fixed(t.plusSeconds(1), ZoneOffset.UTC));
        payguru.useClock(Clock.fixed(t.plusSeconds(1), ZoneOffset.UTC));
        call("mp-transaction-refund", tx(id)).expect(200);
    }

    @Test
    void subscriptionGetCancelAndCancelTimeout() {
        String subs = payguru.seedSubscription("gold", "active", "9.90", "SUB-" + Events.uniqueTxid()).id;
        String body = "{\"service\":\"gold\",\"subscriptionId\":\"" + subs + "\"}";
        Answer got = call("mp-subscription-get", body).expect(200);
        assertEquals("active", got.body().path("payguru").path("subscription").path("status").asText());
        assertEquals("applied", got.body().path("state").path("result").asText());
        assertEquals("accepted", call("mp-subscription-cancel", body).expect(200).body().get("cancel").asText());
        // answered from the cancel lock: not sent again
        assertEquals("ALREADY_CANCELLED", call("mp-subscription-cancel", body).expect(409).error());
        assertEquals(1, payguru.requests("mp.subscription.cancel").size());

        String other = payguru.seedSubscription("gold", "active", "9.90", "SUB-" + Events.uniqueTxid()).id;
        OperationsTestSupport.delayed(payguru, "mp.subscription.cancel", 1500);
        Answer lost = call("mp-subscription-cancel", "{\"service\":\"gold\",\"subscriptionId\":\"" + other + "\"}")
                .expect(504);
        assertEquals("active", lost.body().path("subscription").path("status").asText(), "the query's answer is reported");
        assertEquals(2, payguru.requests("mp.subscription.cancel").size(), "none repeated by us");
        assertEquals("NOT_FOUND", call("mp-subscription-get", "{\"service\":\"gold\",\"subscriptionId\":\"1" + other + "\"}")
                .expect(404).body().path("error").path("outcome").asText());
    }

    @Test
    void searchesForwardTheCheckedBody() throws Exception {
        paid("3.00");
        Answer found = call("mp-transaction-search", "{\"service\":\"2001\",\"search\":[{\"column\":\"status\",\"term\":\"3\",\"condition\":\"=\"}],\"limit\":25}")
                .expect(200);
        assertTrue(found.body().path("payguru").path("transactions").size() >= 1, found.body().toString());
        JsonNode sent = OperationsTestSupport.JSON.readTree(payguru.requests("mp.transactions.search").get(0).params()
                .get("body"));
        assertEquals("1000", sent.get("merchantId").asText());
        assertEquals("2001", sent.get("serviceId").asText());
        assertEquals(25, sent.get("limit").asInt());
        assertEquals(1, sent.get("page").asInt());
        assertEquals("=", sent.get("search").get(0).get("condition").asText());
        call("mp-subscription-search", "{\"service\":\"gold\"}").expect(200);
        assertEquals(1, payguru.requests("mp.subscriptions.search").size());
    }

    @Test
    void messageSearchOncePerSecond() {
        clock.pin(Clock.fixed(Instant.parse("2031-02-01T09:00:00Z"), ZoneOffset.UTC));
        call("mp-message-search", "{\"service\":\"2001\"}").expect(200);
        Answer second = call("mp-message-search", "{\"service\":\"2001\"}").expect(429);
        assertEquals(1, second.body().path("error").path("retryAfterSeconds").asInt());
        assertEquals(1, payguru.requests("mp.messages.search").size());
    }
}
