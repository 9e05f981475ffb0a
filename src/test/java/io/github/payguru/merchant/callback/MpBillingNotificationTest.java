package io.github.payguru.merchant.callback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

import io.github.payguru.merchant.kernel.Amount;
import io.github.payguru.merchant.lambda.MpBillingNotificationHandler;
import io.github.payguru.merchant.mp.MpStatus;
import io.github.payguru.merchant.mp.MpSubscriptions;
import io.github.payguru.merchant.mp.MpTransactionFact;
import io.github.payguru.merchant.mp.MpTransactions;
import io.github.payguru.merchant.store.RejectionItem;
import io.github.payguru.merchant.store.TableLayout;
import io.github.payguru.merchant.store.TransactionItem;
import io.github.payguru.merchant.store.WriteResult;
import io.github.payguru.merchant.support.Events;
import io.github.payguru.merchant.support.Fixtures;
import io.github.payguru.merchant.support.LedgerView;
import io.github.payguru.merchant.support.LogCapture;
import io.github.payguru.merchant.support.MpEvents;
import io.github.payguru.merchant.support.OpenIndex;
import io.quarkus.test.junit.QuarkusTest;

/** mp-billing-notification through its handler bean, on the local DynamoDB emulator. */
@QuarkusTest
class MpBillingNotificationTest {

    static final String FN = "mp-billing-notification";

    @Inject
    MpBillingNotificationHandler handler;

    @Inject
    MpTransactions transactions;

    @Inject
    MpSubscriptions subscriptions;

    @Inject
    LedgerView ledger;

    APIGatewayV2HTTPResponse call(APIGatewayV2HTTPEvent e) {
        return handler.handleRequest(e, null);
    }

    APIGatewayV2HTTPResponse send(String txId, String status) {
        return call(MpEvents.get(MpEvents.BILLING, MpEvents.billing(txId, status)));
    }

    APIGatewayV2HTTPResponse fixture(String c) {
        return call(Fixtures.event(FN, c));
    }

    TransactionItem stored(String txId) {
        return ledger.transaction(TableLayout.mpTransaction(txId)).orElse(null);
    }

    void assertOk(APIGatewayV2HTTPResponse r) {
        assertEquals(200, r.getStatusCode(), r.getBody());
        assertEquals("OK", r.getBody());
    }

    @ParameterizedTest(name = "{0} -> status {2}")
    @CsvSource({
            // a failure from a callback is a claim: open until Payguru's API confirms it (issue 17, case 2)
            "waiting, 9100001, 1, true",
            "charging-error, 9100004, 4, true",
            "expired, 9100005, 5, true",
            "cancelled-other-pending, 9100008, 8, true",
            "cancelled-not-confirmed, 9100009, 9, true",
            "cancelled-other-pending-renewal, 9100018, -18, true",
            "price-mismatch, 9100015, -5, true",
            "invalid-phone, 9100016, -8, true" })
    void everyStatusFixtureIsStored(String fixture, String txId, String status, boolean open) {
        assertOk(fixture(fixture));
        TransactionItem t = stored(txId);
        assertEquals(status, t.status);
        assertEquals(true, t.statusKnown);
        assertEquals("MP", t.line);
        assertEquals("3001", t.service);
        assertEquals("9.99", t.amountWire);
        assertEquals("90532*****67", t.msisdn, "kept exactly as Payguru sent it (already masked)");
        assertEquals(open, t.openpk != null, "in open-items while not confirmed");
        assertEquals(false, t.confirmed, "every status from a callback is a claim");
    }

    @Test
    void chargingErrorWithATextErrorIsStored() {
        // the API's transaction object carries error "Yetersiz limit" / errorDetail "17|Limit error:onetime"
        String txId = Events.uniqueTxid();
        Map<String, String> p = MpEvents.billing(txId, "4");
        p.put("error", "Yetersiz limit");
        p.put("errorDesc", "17|Limit error:onetime");
        assertOk(call(MpEvents.get(MpEvents.BILLING, p)));
        TransactionItem t = stored(txId);
        assertEquals("4", t.status);
        assertEquals("Yetersiz limit", t.error);
        assertEquals("17|Limit error:onetime", t.errorDesc);
    }

    @Test
    void paidIsUnconfirmedThenLateWaitingChangesNothingThenRefundInProgressThenRefunded() {
        assertOk(fixture("paid"));
        TransactionItem t = stored("9100002");
        assertEquals(MpStatus.PAID, t.status);
        assertEquals(false, t.confirmed, "confirm before trust: a callback alone does not confirm a payment");
        assertEquals(OpenIndex.partition("MP", t.pk), t.openpk, "waits in open-items for the detail call");
        assertFalse(transactions.fulfillable(t));

        assertOk(fixture("late-waiting-after-paid"));
        assertEquals(MpStatus.PAID, stored("9100002").status);
        assertEquals(t.version, stored("9100002").version, "a late 1 writes nothing");

        assertOk(fixture("refund-in-progress-after-paid"));
        assertEquals(MpStatus.REFUND_IN_PROGRESS, stored("9100002").status);
        assertOk(fixture("refunded-after-refund-in-progress"));
        assertEquals(MpStatus.REFUNDED, stored("9100002").status);
        assertEquals(OpenIndex.partition("MP", t.pk), stored("9100002").openpk, "a refund claim waits for Payguru's API");

        APIGatewayV2HTTPResponse conflict = fixture("conflicting-amount");
        assertEquals(409, conflict.getStatusCode());
        assertEquals("9.99", stored("9100002").amountWire);
        assertEquals(List.of(MpStatus.PAID, MpStatus.REFUND_IN_PROGRESS, MpStatus.REFUNDED),
                LedgerView.recentStatuses(stored("9100002")), "the late 1 and the conflict are not remembered as applied");
        assertEquals(1, ledger.partition(TableLayout.mpTransaction("9100002")).size(), "nothing beside the state item");
    }

    @ParameterizedTest
    @ValueSource(strings = { "4", "5", "8", "9", "-18", "-5", "-8" })
    void failuresFollowWaitingAndNeverMixWithPaid(String failure) {
        String a = Events.uniqueTxid();
        assertOk(send(a, "1"));
        assertOk(send(a, failure));
        assertEquals(failure, stored(a).status);
        assertOk(send(a, "3"));
        assertEquals("3", stored(a).status, "paid outranks an unconfirmed failure claim (issue 17, case 2)");
        transactions.apply(MpTransactionFact.fromApi(a, MpEvents.SERVICE, failure, Amount.parse("9.99")));
        assertEquals(failure, stored(a).status, "Payguru's API settles it: the failure");
        assertOk(send(a, "3"));
        assertOk(send(a, "7"));
        assertEquals(failure, stored(a).status, "a confirmed failure is final");

        String b = Events.uniqueTxid();
        assertOk(send(b, "3"));
        assertOk(send(b, failure));
        assertEquals("3", stored(b).status, "paid is not undone by a failure claim");
    }

    @Test
    void refundMayArriveWithoutPaidAndNothingFollowsRefunded() {
        String a = Events.uniqueTxid();
        assertOk(send(a, "7"));
        assertOk(send(a, "3"));
        assertEquals("7", stored(a).status, "3 after 7 is late");
        assertOk(send(a, "6"));
        assertOk(send(a, "7"));
        assertEquals("6", stored(a).status);
        String b = Events.uniqueTxid();
        assertOk(send(b, "1"));
        assertOk(send(b, "6"));
        assertEquals("6", stored(b).status);
    }

    @Test
    void unknownCodeIsStoredAndFlaggedNeverAStatus() {
        assertOk(fixture("unknown-status"));
        TransactionItem t = stored("9100042");
        assertEquals("42", t.unknownStatus);
        assertEquals(false, t.statusKnown);
        assertNull(t.status, "an unknown code is not a transition");
        assertEquals(OpenIndex.partition("MP", t.pk), t.openpk, "flagged for reconciliation");

        String a = Events.uniqueTxid();
        assertOk(send(a, "77"));
        assertOk(send(a, "3"));
        assertEquals("3", stored(a).status, "a known status still applies after an unknown one");
        assertEquals(true, stored(a).statusKnown);
        assertOk(send(a, "-99"));
        assertEquals("3", stored(a).status, "an unknown code after paid keeps paid");
        assertEquals("-99", stored(a).unknownStatus);
        assertEquals(false, stored(a).statusKnown);
    }

    @Test
    void detailCallConfirmsAPaymentStoredUnconfirmed() {
        String a = Events.uniqueTxid();
        assertOk(send(a, "3"));
        assertEquals(false, stored(a).confirmed);
        MpTransactions.Result r = transactions.apply(
                MpTransactionFact.fromApi(a, MpEvents.SERVICE, "3", Amount.parse("9.99")));
        assertEquals(WriteResult.Outcome.APPLIED, r.outcome());
        assertTrue(r.confirmedNow());
        TransactionItem t = stored(a);
        assertEquals(true, t.confirmed);
        assertNull(t.openpk, "confirmed and paid: out of open-items");
        assertTrue(transactions.fulfillable(t));
        assertFalse(transactions.confirmPaid(a), "confirming twice changes nothing");

        assertOk(send(a, "3"));
        assertEquals(true, stored(a).confirmed, "a later callback does not unconfirm");

        String b = Events.uniqueTxid();
        assertEquals(WriteResult.Outcome.APPLIED,
                transactions.apply(MpTransactionFact.fromApi(b, MpEvents.SERVICE, "3", Amount.parse("9.99")))
                        .outcome());
        assertEquals(true, stored(b).confirmed, "a fact from Payguru's API is trusted");
        String d = Events.uniqueTxid();
        assertEquals(WriteResult.Outcome.STALE,
                transactions.apply(MpTransactionFact.fromApi(d, MpEvents.SERVICE, "3", null)).outcome(),
                "a paid status without an amount never creates an item, even from Payguru's API");
        assertTrue(transactions.find(d).isEmpty());
        String c = Events.uniqueTxid();
        assertOk(send(c, "1"));
        assertFalse(transactions.confirmPaid(c), "only a paid transaction can be confirmed");
        assertEquals(WriteResult.Outcome.CONFLICT,
                transactions.apply(MpTransactionFact.fromApi(c, MpEvents.GAMES_SERVICE, "3", null)).outcome());
    }

    @Test
    void detailCallLiftsAnUnknownCodeFlagAndSettlesTheItem() {
        String a = Events.uniqueTxid();
        assertOk(send(a, "1"));
        assertOk(send(a, "5"));
        assertOk(send(a, "31"));
        assertEquals(OpenIndex.partition("MP", stored(a).pk), stored(a).openpk, "an unknown code after a final status is flagged for reconciliation");
        assertEquals(false, stored(a).statusKnown);
        MpTransactions.Result r = transactions.apply(MpTransactionFact.fromApi(a, MpEvents.SERVICE, "5", null));
        assertEquals(WriteResult.Outcome.APPLIED, r.outcome());
        assertFalse(r.confirmedNow());
        assertEquals(true, stored(a).statusKnown);
        assertNull(stored(a).openpk);
        assertEquals("31", stored(a).unknownStatus, "the code stays on record");
        assertEquals(WriteResult.Outcome.STALE,
                transactions.apply(MpTransactionFact.fromApi(a, MpEvents.SERVICE, "5", null)).outcome(),
                "nothing left to lift");
    }

    @Test
    void renewalChargesAreLinkedToTheirSubscriptionCycle() {
        String subsId = Events.uniqueTxid();
        String order = "MP-SUBS-" + subsId;
        String first = Events.uniqueTxid();
        String renewal = Events.uniqueTxid();
        SubscriptionCalls.send(subscriptions, subsId, first, "active", order);
        for (String tx : List.of(first, renewal)) {
            Map<String, String> p = MpEvents.billing(tx, "3");
            p.put("subsId", subsId);
            p.put("order", order);
            p.put("billingType", "renewal");
            assertOk(call(MpEvents.get(MpEvents.BILLING, p)));
            assertEquals(subsId, stored(tx).subsId);
        }
        assertOk(send(Events.uniqueTxid(), "3"));
        List<String> charges = subscriptions.charges(subsId).stream().map(t -> t.txId).sorted().toList();
        assertEquals(List.of(first, renewal), charges);

        assertOk(fixture("renewal-paid"));
        assertEquals("9300001", stored("9100100").subsId);
        Map<String, String> moved = MpEvents.billing(renewal, "3");
        moved.put("subsId", Events.uniqueTxid());
        moved.put("order", order);
        assertEquals(409, call(MpEvents.get(MpEvents.BILLING, moved)).getStatusCode(),
                "a charge never moves to another cycle");
    }

    @Test
    void passThroughParametersAreKeptVerbatimWithoutTheToken() {
        try (LogCapture logs = LogCapture.open()) {
            assertOk(fixture("paid-with-pass-through"));
            assertFalse(logs.all().contains(MpEvents.TOKEN), "the callback token is never logged: " + logs.all());
            assertFalse(logs.all().contains("token="), "not even masked: " + logs.all());
            assertTrue(logs.all().contains("campaign=winter"), "the audit line carries the parameters: " + logs.all());
        }
        TransactionItem t = stored("9100200");
        assertEquals(Map.of("campaign", "winter", "userRef", "u-1001"), t.attributes);
    }

    @Test
    void passThroughIsBounded() {
        String a = Events.uniqueTxid();
        Map<String, String> many = MpEvents.billing(a, "3");
        for (int i = 0; i < 51; i++) {
            many.put("p" + i, "v");
        }
        APIGatewayV2HTTPResponse r = call(MpEvents.get(MpEvents.BILLING, many));
        assertEquals(400, r.getStatusCode());
        assertEquals("more than 50 pass-through parameters", r.getBody());
        Map<String, String> longValue = MpEvents.billing(a, "3");
        longValue.put("note", "x".repeat(513));
        assertEquals(400, call(MpEvents.get(MpEvents.BILLING, longValue)).getStatusCode());
        Map<String, String> huge = MpEvents.billing(a, "3");
        huge.put("blob", "x".repeat(20_000));
        assertEquals(414, call(MpEvents.get(MpEvents.BILLING, huge)).getStatusCode());
        assertNull(stored(a));
        Map<String, String> fifty = MpEvents.billing(a, "3");
        for (int i = 0; i < 50; i++) {
            fifty.put("p" + i, "v".repeat(i == 0 ? 512 : 100));
        }
        assertOk(call(MpEvents.get(MpEvents.BILLING, fifty)));
        assertEquals(50, stored(a).attributes.size());
    }

    @ParameterizedTest
    @CsvSource({
            "non-numeric-txid, 'malformed field: txId (1 to 19 ASCII digits without sign or leading zero, not 0)'",
            "unknown-operator, 'unknown operator: 9'",
            "absurd-amount, 'malformed field: amount (must be above 0 and at most 10000)'",
            "unknown-service, 'unknown service: 3999'" })
    void malformedFixturesAre400AndChangeNothing(String fixture, String message) {
        APIGatewayV2HTTPResponse r = fixture(fixture);
        assertEquals(400, r.getStatusCode());
        assertEquals(message, r.getBody());
        String txId = Fixtures.event(FN, fixture).getQueryStringParameters().get("txId");
        if (txId.matches("\\d+")) {
            assertNull(stored(txId));
            assertTrue(ledger.partition(TableLayout.mpTransaction(txId)).isEmpty());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "txId", "status", "service" })
    void missingRequiredFieldIs400(String field) {
        String a = Events.uniqueTxid();
        Map<String, String> p = MpEvents.billing(a, "3");
        p.remove(field);
        APIGatewayV2HTTPResponse r = call(MpEvents.get(MpEvents.BILLING, p));
        assertEquals(400, r.getStatusCode());
        assertEquals("missing field: " + field, r.getBody());
        assertNull(stored(a));
    }

    @ParameterizedTest
    @ValueSource(strings = { "0", "0.00", "10000.01", "-5", "9,99", "1e3" })
    void absurdOrMalformedAmountsAre400(String amount) {
        String a = Events.uniqueTxid();
        Map<String, String> p = MpEvents.billing(a, "3");
        p.put("amount", amount);
        assertEquals(400, call(MpEvents.get(MpEvents.BILLING, p)).getStatusCode());
        assertNull(stored(a));
    }

    @ParameterizedTest
    @CsvSource({ "wrong-token, 9100300", "missing-token, 9100301", "source-not-allowed, 9100302" })
    void tokenOrSourceFailureIs403AndChangesNothing(String fixture, String txId) {
        APIGatewayV2HTTPResponse r = fixture(fixture);
        assertEquals(403, r.getStatusCode());
        assertEquals("Forbidden", r.getBody());
        assertNull(stored(txId));
        assertTrue(ledger.partition(TableLayout.mpTransaction(txId)).isEmpty());
        RejectionItem rejection = ledger.rejectionsOn(LocalDate.now(ZoneOffset.UTC)).stream()
                .filter(e -> txId.equals(e.params.get("txId"))).findFirst().orElseThrow();
        assertEquals("rejected", rejection.outcome);
        assertFalse(rejection.params.containsKey("token"));
        assertEquals("**********67", rejection.params.get("msisdn"));
    }

    @Test
    void allowListTakesIpv6AndRefusesOtherSourcesEvenWithTheRightToken() {
        assertOk(fixture("paid-from-allowed-ipv6"));
        assertNotNull(stored("9100303"));
        String a = Events.uniqueTxid();
        assertEquals(403, call(MpEvents.getFrom("2001:db9::1", MpEvents.BILLING, MpEvents.billing(a, "3"))).getStatusCode());
        assertEquals(403, call(MpEvents.getFrom("203.0.114.1", MpEvents.BILLING, MpEvents.billing(a, "3"))).getStatusCode());
        assertEquals(403, call(MpEvents.getFrom(null, MpEvents.BILLING, MpEvents.billing(a, "3"))).getStatusCode());
        assertNull(stored(a));
        Map<String, String> almost = MpEvents.billing(a, "3");
        almost.put("token", MpEvents.TOKEN + "x");
        assertEquals(403, call(MpEvents.get(MpEvents.BILLING, almost)).getStatusCode());
        assertNull(stored(a));
    }

    @Test
    void duplicateGetsTheFirstAnswerAndOneEffect() {
        String a = Events.uniqueTxid();
        APIGatewayV2HTTPEvent e = MpEvents.get(MpEvents.BILLING, MpEvents.billing(a, "1"));
        assertOk(call(e));
        assertOk(call(e));
        assertOk(call(e));
        assertEquals(1L, stored(a).version);
        assertEquals(1, ledger.partition(TableLayout.mpTransaction(a)).size());
    }

    @Test
    void concurrentDeliveriesEndInTheSameState() throws Exception {
        String a = Events.uniqueTxid();
        String b = Events.uniqueTxid();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<APIGatewayV2HTTPResponse>> calls = new ArrayList<>();
            APIGatewayV2HTTPEvent same = MpEvents.get(MpEvents.BILLING, MpEvents.billing(a, "3"));
            for (int i = 0; i < 6; i++) {
                calls.add(() -> call(same));
            }
            for (String s : List.of("1", "3", "7", "6", "1", "3")) {
                calls.add(() -> send(b, s));
            }
            for (Future<APIGatewayV2HTTPResponse> f : pool.invokeAll(calls)) {
                assertOk(f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1L, stored(a).version);
        assertEquals(1, ledger.partition(TableLayout.mpTransaction(a)).size());
        assertEquals("6", stored(b).status, "refunded is reached whatever the interleaving");
    }

    @Test
    void msisdnNeverReachesALogLineInClear() {
        String a = Events.uniqueTxid();
        try (LogCapture logs = LogCapture.open()) {
            assertOk(send(a, "3"));
            Map<String, String> bad = MpEvents.billing(a, "3");
            bad.put("token", "nope");
            call(MpEvents.get(MpEvents.BILLING, bad));
            Map<String, String> malformed = MpEvents.billing("x" + a, "3");
            call(MpEvents.get(MpEvents.BILLING, malformed));
            assertFalse(logs.lines().isEmpty());
            assertFalse(logs.all().contains(MpEvents.MSISDN), logs.all());
            assertFalse(logs.all().contains(MpEvents.TOKEN), logs.all());
            assertTrue(logs.all().contains("**********77"), logs.all());
        }
        assertEquals("**********77", stored(a).msisdn, "a clear MSISDN is never stored in clear (KVKK), only its last digits");
        assertFalse(ledger.partition(TableLayout.mpTransaction(a)).toString().contains(MpEvents.MSISDN),
                "nothing stored holds it in clear");
    }
}
