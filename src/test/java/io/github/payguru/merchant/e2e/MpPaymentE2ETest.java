package io.github.payguru.merchant.e2e;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.payguru.merchant.dev.simulator.Delivery;
import io.github.payguru.merchant.dev.simulator.MpSubscription;
import io.github.payguru.merchant.dev.simulator.MpTransaction;
import io.github.payguru.merchant.kernel.Amount;
import io.github.payguru.merchant.mp.MpSubscriptions;
import io.github.payguru.merchant.mp.MpTransactionFact;
import io.github.payguru.merchant.mp.MpTransactions;
import io.github.payguru.merchant.store.SubscriptionItem;
import io.github.payguru.merchant.store.TableLayout;
import io.github.payguru.merchant.store.TransactionItem;
import io.github.payguru.merchant.store.WriteResult;
import io.github.payguru.merchant.support.Events;
import io.github.payguru.merchant.support.LedgerView;
import io.github.payguru.merchant.support.MpEvents;
import io.github.payguru.merchant.support.OpenIndex;
import io.github.payguru.merchant.support.SynchronousSimulator;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/**
 * MP end to end, as a merchant's engineer uses it: the payment page, SMS purchases, subscriptions,
 * renewals, cancels and refunds happen in the Payguru simulator, whose billing and subscription
 * notifications reach the real callback routes (local gateway → handler beans, with the callback token
 * and source check of {@code MpGuard}) and are stored in the local DynamoDB emulator. Assertions read the stored
 * items through {@link Ledger}, {@link MpTransactions} and {@link MpSubscriptions}.
 */
@QuarkusTest
class MpPaymentE2ETest extends SynchronousSimulator {

    static final String GAME = "2001";
    static final String GAME_KEY = "local-mp-game-key";
    static final String GOLD = "2002";
    static final String GOLD_KEY = "local-mp-gold-key";

    @Inject
    LedgerView ledger;

    @Inject
    MpTransactions transactions;

    @Inject
    MpSubscriptions subscriptions;

    @Inject
    io.github.payguru.merchant.mp.MpQueries queries;

    @Inject
    io.github.payguru.merchant.payguru.ServiceDirectory services;

    /** What reconciliation does for an open item: asks Payguru's API and applies its answer (issue 17: the truth). */
    TransactionItem settled(String service, String txId) {
        queries.refreshTransaction(services.find(io.github.payguru.merchant.kernel.Line.MP, service).orElseThrow(), txId);
        return stored(txId);
    }

    // ------------------------------------------------------------ payment page

    @Test
    void paidCheckoutIsStoredPaidAndUnconfirmedUntilTheDetailSaysPaid() {
        String ref = ref("P");
        String txId = pay(GAME, GAME_KEY, ref, "12.50", "paid", MpEvents.OK_URL);

        assertAllAccepted();
        assertEquals(List.of("1", "3"), statuses("mp.billing"));
        TransactionItem t = stored(txId);
        assertEquals("3", t.status);
        assertEquals(Boolean.FALSE, t.confirmed, "confirm-before-trust is on in %test");
        assertEquals(GAME, t.service);
        assertEquals(ref, t.orderRef);
        assertEquals("12.50", t.amountWire);
        assertEquals("onetime", t.billingType);
        assertEquals("Gold pack", t.item);
        assertEquals("MP", t.line);
        assertNull(t.subsId);
        assertFalse(transactions.fulfillable(t), "not fulfillable before Payguru's API confirms it");
        assertEquals(OpenIndex.partition(TableLayout.OPEN_MP, t.pk), t.openpk, "unconfirmed stays open");
        assertEquals(List.of("1", "3"), LedgerView.recentStatuses(t), "both notifications applied, in order");
        assertEquals(1, ledger.partition(t.pk).size(), "nothing is written beside the state item");
        assertFalse(ledger.partition(t.pk).toString().contains(MpEvents.TOKEN), "the callback token is never stored");

        // the merchant asks Payguru's transaction detail, which reports it paid: now it is confirmed
        given().get("/_simulator/mp/transaction/detail/1000/" + GAME + "/" + txId).then().statusCode(200)
                .body("subscription.status", equalTo(3));
        assertTrue(transactions.confirmPaid(txId));
        TransactionItem confirmed = stored(txId);
        assertTrue(transactions.fulfillable(confirmed));
        assertNull(confirmed.openpk);
        assertFalse(transactions.confirmPaid(txId), "confirming twice changes nothing");
    }

    @Test
    void reconciliationWithTheTransactionDetailConfirmsThePayment() throws Exception {
        String txId = pay(GAME, GAME_KEY, ref("RC"), "12.50", "paid", MpEvents.OK_URL);
        assertAllAccepted();
        assertEquals(Boolean.FALSE, stored(txId).confirmed);

        // what a merchant's reconciliation does: read Payguru's transaction detail (decimals exact) ...
        String body = given().get("/_simulator/mp/transaction/detail/1000/" + GAME + "/" + txId).then().statusCode(200)
                .body("response.resultCode", equalTo("0000")).extract().asString();
        JsonNode tx = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).readTree(body)
                .path("subscription");
        // ... and apply it as a trusted fact: same identity (service, amount), so it confirms
        MpTransactions.Result r = transactions.apply(MpTransactionFact.fromApi(tx.path("id").asText(),
                tx.path("service").asText(), tx.path("status").asText(), Amount.parse(tx.path("amount").asText())));
        assertEquals(WriteResult.Outcome.APPLIED, r.outcome());
        assertTrue(r.confirmedNow());
        TransactionItem t = stored(txId);
        assertEquals(Boolean.TRUE, t.confirmed);
        assertTrue(transactions.fulfillable(t));
        assertNull(t.openpk);
        assertEquals("12.50", t.amountWire, "the amount as first sent is kept");
    }

    @Test
    void failedExpiredAndDeclinedPagesEndInTheirTerminalFailures() {
        String failed = pay(GAME, GAME_KEY, ref("F"), "3.00", "failed", MpEvents.FAIL_URL);
        String expired = pay(GAME, GAME_KEY, ref("E"), "3.00", "expired", MpEvents.FAIL_URL);
        String declined = pay(GAME, GAME_KEY, ref("D"), "3.00", "declined", MpEvents.FAIL_URL);

        assertAllAccepted();
        assertEquals("9", stored(failed).status);
        assertEquals("5", stored(expired).status);
        TransactionItem d = stored(declined);
        assertEquals("4", d.status);
        assertEquals("Yetersiz limit", d.error);
        assertEquals("17|Limit error:onetime", d.errorDesc);
        for (String id : List.of(failed, expired, declined)) {
            TransactionItem t = stored(id);
            assertEquals(OpenIndex.partition(TableLayout.OPEN_MP, t.pk), t.openpk,
                    "a failure from a callback is a claim: open until Payguru's API confirms it");
            assertEquals(false, t.confirmed);
            t = settled(GAME, id);
            assertNull(t.openpk, "a confirmed failure is final: not open");
            assertEquals(true, t.confirmed);
            assertFalse(transactions.fulfillable(t));
        }
    }

    @Test
    void everyDocumentedOperatorIsStoredAndWhatTheMerchantWouldRefuseIsRefusedByThePage() {
        for (String op : List.of("4", "5")) {
            String ref = ref("OP" + op);
            String token = given().formParams(MpEvents.checkoutForm(GAME, GAME_KEY, ref, "1.50")).post("/_simulator/cp/token")
                    .then().statusCode(200).extract().path("tokenData.token");
            given().redirects().follow(false).queryParam("result", "paid").queryParam("operator", op)
                    .queryParam("msisdn", "905051234567").get("/_simulator/cp/pay/" + token).then().statusCode(302);
            TransactionItem t = stored(sim.mpTransactions().get(sim.mpTransactions().size() - 1).id);
            assertEquals(op, t.operator);
            assertEquals("3", t.status);
        }
        assertAllAccepted();
        String token = given().formParams(MpEvents.checkoutForm(GAME, GAME_KEY, ref("OP2"), "1.50")).post("/_simulator/cp/token")
                .then().statusCode(200).extract().path("tokenData.token");
        int before = sim.mpTransactions().size();
        given().redirects().follow(false).queryParam("result", "paid").queryParam("operator", "2")
                .get("/_simulator/cp/pay/" + token).then().statusCode(400);
        assertEquals(before, sim.mpTransactions().size(), "no payment, no notification the merchant would refuse");
        // nor a page for a zero price (the callback refuses amount 0)
        given().formParams(MpEvents.checkoutForm(GAME, GAME_KEY, ref("Z"), "0.00")).post("/_simulator/cp/token").then()
                .statusCode(400).body("response.resultDescription", equalTo("malformed field: price"));
    }

    // ------------------------------------------------------------ subscriptions

    @Test
    void subscriptionCycleRenewalCancelAndANewCycle() {
        String ref = ref("SUB");
        String first = pay(GOLD, GOLD_KEY, ref, "9.99", "paid", MpEvents.OK_URL);
        assertAllAccepted();
        MpSubscription simSub = sim.subscriptions().get(0);
        String subsId = simSub.id;

        TransactionItem charge = stored(first);
        assertEquals("3", charge.status);
        assertEquals(subsId, charge.subsId, "the first charge is linked to its cycle");
        assertEquals("subscription", charge.billingType);
        SubscriptionItem cycle = subscriptions.find(subsId).orElseThrow();
        assertEquals("active", cycle.status);
        assertEquals(ref, cycle.orderRef);
        assertEquals(GOLD, cycle.service);
        assertEquals(first, cycle.txId);

        // a renewal: a new charge of the same cycle
        MpTransaction renewal = sim.renewSubscription(subsId, true);
        assertAllAccepted();
        TransactionItem renewed = stored(renewal.id);
        assertEquals("3", renewed.status);
        assertEquals(subsId, renewed.subsId);
        assertEquals("renewal", renewed.billingType);
        assertEquals(List.of(first, renewal.id),
                subscriptions.charges(subsId).stream().map(x -> x.txId).sorted().toList());
        assertEquals(renewal.id, subscriptions.find(subsId).orElseThrow().txId);
        assertEquals("active", subscriptions.find(subsId).orElseThrow().status);

        // the merchant cancels through the MP API: the cancelled notification ends the cycle
        given().get("/_simulator/mp/subscription/cancel/1000/" + GOLD + "/" + subsId).then().statusCode(200)
                .body("subscription.status", equalTo("cancelled"));
        assertAllAccepted();
        SubscriptionItem cancelled = subscriptions.find(subsId).orElseThrow();
        assertEquals("cancelled", cancelled.status);
        assertNotNull(cancelled.openpk, "a cancel from a callback is a claim: open until subscription/detail confirms it");
        queries.refreshSubscription(services.find(io.github.payguru.merchant.kernel.Line.MP, GOLD).orElseThrow(), subsId);
        assertNull(subscriptions.find(subsId).orElseThrow().openpk, "a confirmed ended cycle is not open");

        // the customer subscribes again with the same order: a new cycle with a new subsId
        String again = pay(GOLD, GOLD_KEY, ref, "9.99", "paid", MpEvents.OK_URL);
        assertAllAccepted();
        String newSubsId = stored(again).subsId;
        assertNotEquals(subsId, newSubsId);
        assertEquals("active", subscriptions.find(newSubsId).orElseThrow().status);
        assertEquals("cancelled", subscriptions.find(subsId).orElseThrow().status, "the old cycle stays ended");
        assertEquals(List.of(subsId, newSubsId), subscriptions.cycles(ref).stream().map(s -> s.subsId).toList());
    }

    @Test
    void failedRenewalPutsTheCycleInRetryAndTheNextRenewalBackToActive() {
        String first = pay(GOLD, GOLD_KEY, ref("SR"), "4.99", "paid", MpEvents.OK_URL);
        String subsId = stored(first).subsId;
        MpTransaction failed = sim.renewSubscription(subsId, false);
        assertAllAccepted();
        assertEquals("4", stored(failed.id).status);
        assertEquals(subsId, stored(failed.id).subsId);
        assertEquals("retry", subscriptions.find(subsId).orElseThrow().status);
        MpTransaction paid = sim.renewSubscription(subsId, true);
        assertAllAccepted();
        assertEquals("3", stored(paid.id).status);
        assertEquals("active", subscriptions.find(subsId).orElseThrow().status);
        assertEquals(3, subscriptions.charges(subsId).size());
    }

    // ------------------------------------------------------------ refunds

    @Test
    void refundThroughTheMpApiIsStoredThreeSevenSix() {
        String txId = pay(GAME, GAME_KEY, ref("RF"), "20.00", "paid", MpEvents.OK_URL);
        assertEquals("3", stored(txId).status);
        given().get("/_simulator/mp/transaction/refund/1000/" + GAME + "/" + txId).then().statusCode(200)
                .body("response.result", equalTo("SUCCESS"));
        assertAllAccepted();
        assertEquals(List.of("1", "3", "7", "6"), statuses("mp.billing"));
        TransactionItem t = stored(txId);
        assertEquals("6", t.status);
        assertNotNull(t.openpk, "a refund from a callback is a claim");
        assertNull(settled(GAME, txId).openpk, "refunded and confirmed is final");
        assertEquals(List.of("1", "3", "7", "6"), LedgerView.recentStatuses(t), "each step applied, in order");
    }

    @Test
    void reversedDuplicatedRefundNotificationsEndRefunded() {
        String txId = pay(GAME, GAME_KEY, ref("RR"), "15.00", "paid", MpEvents.OK_URL);
        sim.setDelivery(2, 0, true);
        given().get("/_simulator/mp/transaction/refund/1000/" + GAME + "/" + txId).then().statusCode(200);
        assertAllAccepted();
        assertEquals(List.of("6", "6", "7", "7"), sim.deliveries("mp.billing").stream().skip(2)
                .map(d -> d.params().get("status")).toList());
        TransactionItem t = stored(txId);
        assertEquals("6", t.status, "a late 7 does not reopen a finished refund");
        assertNull(settled(GAME, txId).openpk);
    }

    @Test
    void trialStartsAStoredCycleWithoutACharge() {
        String ref = ref("TR");
        Map<String, String> p = MpEvents.checkoutForm(GAME, GAME_KEY, ref, "4.99");
        p.put("hasTrialPeriod", "true");
        p.put("trialPeriodDay", "7");
        String token = given().formParams(p).post("/_simulator/cp/token").then().statusCode(200)
                .extract().path("tokenData.token");
        given().redirects().follow(false).queryParam("result", "paid").get("/_simulator/cp/pay/" + token)
                .then().statusCode(302).header("Location", MpEvents.OK_URL);
        assertAllAccepted();
        assertTrue(sim.deliveries("mp.billing").isEmpty(), "no charge during the trial");
        String subsId = sim.subscriptions().get(0).id;
        SubscriptionItem cycle = subscriptions.find(subsId).orElseThrow();
        assertEquals("active", cycle.status);
        assertEquals(ref, cycle.orderRef);
        assertTrue(subscriptions.charges(subsId).isEmpty());
        // the first charge comes as a renewal after the trial
        MpTransaction first = sim.renewSubscription(subsId, true);
        assertAllAccepted();
        assertEquals(List.of(first.id), subscriptions.charges(subsId).stream().map(x -> x.txId).toList());
    }

    @Test
    void passThroughQueryIsKeptOnTheStoredItems() {
        sim.setMpCallbackExtras("local-mp-token", "campaign=winter&shop=eu");
        String txId = pay(GOLD, GOLD_KEY, ref("QS"), "9.99", "paid", MpEvents.OK_URL);
        assertAllAccepted();
        TransactionItem t = stored(txId);
        assertEquals(Map.of("campaign", "winter", "shop", "eu"), t.attributes);
        assertEquals(Map.of("campaign", "winter", "shop", "eu"), subscriptions.find(t.subsId).orElseThrow().attributes);
    }

    // ------------------------------------------------------------ delivery knobs

    @Test
    void duplicatesAndReorderHaveOneEffectAndTheLateWaitingIsIgnored() {
        sim.setDelivery(3, 0, true);
        String txId = pay(GAME, GAME_KEY, ref("DR"), "7.77", "paid", MpEvents.OK_URL);

        // the batch [1, 3] arrives reversed, each notification three times
        List<Delivery> billing = sim.deliveries("mp.billing");
        assertEquals(List.of("3", "3", "3", "1", "1", "1"), billing.stream().map(d -> d.params().get("status")).toList());
        assertAllAccepted();
        TransactionItem t = stored(txId);
        assertEquals("3", t.status, "the late 1 does not move a paid transaction back");
        assertEquals(1L, t.version, "six deliveries, one change");
        assertEquals(List.of("3"), LedgerView.recentStatuses(t), "the item remembers 3 once; the late 1 was not applied");
        assertEquals(1, ledger.partition(t.pk).size(), "nothing is written beside the state item");
    }

    @Test
    void reorderedSubscriptionBatchStillEndsActiveAndLinked() {
        sim.setDelivery(2, 0, true);
        String first = pay(GOLD, GOLD_KEY, ref("SRO"), "9.99", "paid", MpEvents.OK_URL);
        assertAllAccepted();
        String subsId = sim.subscriptions().get(0).id;
        assertEquals("active", subscriptions.find(subsId).orElseThrow().status);
        assertEquals("3", stored(first).status);
        assertEquals(subsId, stored(first).subsId);
        assertEquals(1, ledger.partition(TableLayout.mpSubscription(subsId)).size());
    }

    @Test
    void aRefusedDeliveryIsRetriedAndAppliedOnce() {
        sim.setSynchronous(false);
        sim.setRetry(3, Duration.ofHours(1)); // a retry waits for retryNow(), never for the clock
        // the merchant's address is wrong at first (404 from the gateway), then fixed before the retry
        String base = "http://localhost:" + RestAssured.port;
        sim.setCallbackBaseUrl(base + "/down");
        String txId = pay(GAME, GAME_KEY, ref("RT"), "5.00", "paid", MpEvents.OK_URL);
        assertTrue(sim.awaitRetries(Duration.ofSeconds(10)), "every first delivery refused, its retry waiting");
        sim.setCallbackBaseUrl(base);
        assertTrue(sim.retryNow() > 0);
        assertTrue(sim.awaitDeliveries(Duration.ofSeconds(10)));

        List<Delivery> all = sim.deliveries("mp.billing");
        assertFalse(all.get(0).accepted());
        assertEquals(404, all.get(0).status());
        assertTrue(all.stream().anyMatch(d -> d.attempt() > 1 && d.accepted()), all.toString());
        for (String status : List.of("1", "3")) {
            assertTrue(all.stream().anyMatch(d -> status.equals(d.params().get("status")) && d.accepted()), status);
        }
        TransactionItem t = stored(txId);
        assertEquals("3", t.status);
        // the retried 1 may arrive after 3 and then is stale: 3 applied exactly once, 1 at most once, nothing twice
        List<String> applied = LedgerView.recentStatuses(t);
        assertEquals(1, Collections.frequency(applied, "3"), applied::toString);
        assertTrue(Collections.frequency(applied, "1") <= 1, applied::toString);
        assertEquals(applied.size(), new HashSet<>(applied).size(), "each applied once, whatever the retries");
        assertEquals(1, ledger.partition(t.pk).size(), "nothing is written beside the state item");
    }

    @Test
    void aWrongCallbackTokenIsRefusedEveryTimeAndStoresNothing() {
        sim.setMpCallbackExtras("not-the-token", null);
        String txId = pay(GAME, GAME_KEY, ref("WT"), "5.00", "paid", MpEvents.OK_URL);
        List<Delivery> all = sim.deliveries("mp.billing");
        assertEquals(6, all.size(), "two notifications, three attempts each");
        assertTrue(all.stream().allMatch(d -> d.status() == 403 && !d.accepted()));
        assertTrue(ledger.transaction(TableLayout.mpTransaction(txId)).isEmpty());
        assertTrue(ledger.rejectionsOn(LocalDate.now(ZoneOffset.UTC)).stream()
                .anyMatch(e -> txId.equals(e.params.get("txId")) && "wrong token".equals(e.detail)));
    }

    // ------------------------------------------------------------ SMS-initiated

    @Test
    void smsPurchasesAreStoredLikePagePayments() {
        String refcode = "SMS" + Events.uniqueTxid();
        MpTransaction confirmed = sim.smsPurchase(GAME, "2.50", "GAMEPACK", refcode, "905551112233", true);
        MpTransaction unanswered = sim.smsPurchase(GAME, "2.50", "GAMEPACK", null, null, false);
        MpTransaction subscribed = sim.smsPurchase(GOLD, "9.99", "GOLDCLUB", "SMSG" + Events.uniqueTxid(), null, true);
        assertAllAccepted();

        TransactionItem paid = stored(confirmed.id);
        assertEquals("3", paid.status);
        assertEquals(refcode, paid.orderRef);
        assertEquals("GAMEPACK", paid.item);
        assertEquals("2.50", paid.amountWire);
        assertEquals("**********33", paid.msisdn, "stored as sent: masked");
        TransactionItem notConfirmed = stored(unanswered.id);
        assertEquals("9", notConfirmed.status);
        assertNull(notConfirmed.orderRef, "no REFKOD texted: no order");
        assertEquals("3", stored(subscribed.id).status);
        assertEquals("active", subscriptions.find(stored(subscribed.id).subsId).orElseThrow().status);
    }

    // ------------------------------------------------------------ helpers

    static String ref(String prefix) {
        return "E2E-" + prefix + "-" + Events.uniqueTxid();
    }

    /** A payment page as a merchant opens it (POST /token signed with the service key) and its outcome. */
    String pay(String service, String key, String ref, String price, String result, String expectedLocation) {
        String token = given().contentType("application/x-www-form-urlencoded").formParams(MpEvents.checkoutForm(service, key, ref, price))
                .post("/_simulator/cp/token").then().statusCode(200).body("response.result", equalTo("SUCCESS"))
                .extract().path("tokenData.token");
        given().redirects().follow(false).queryParam("result", result).get("/_simulator/cp/pay/" + token)
                .then().statusCode(302).header("Location", expectedLocation);
        return sim.mpTransactions().stream().filter(t -> ref.equals(t.referenceCode)).reduce((a, b) -> b)
                .orElseThrow().id;
    }

    TransactionItem stored(String txId) {
        return ledger.transaction(TableLayout.mpTransaction(txId))
                .orElseThrow(() -> new AssertionError("MP transaction " + txId + " not stored; " + sim.deliveries()));
    }

    /** Status of each first try of each notification of a kind, in the order sent. */
    List<String> statuses(String kind) {
        return sim.deliveries(kind).stream().filter(d -> d.attempt() == 1 && d.copy() == 1)
                .map(d -> d.params().get("status")).toList();
    }

    void assertAllAccepted() {
        assertTrue(sim.awaitDeliveries(Duration.ofSeconds(10)), "callbacks still pending");
        for (Delivery d : sim.deliveries()) {
            assertTrue(d.accepted() && d.status() == 200 && "OK".equals(d.answer()), d.toString());
        }
    }
}
