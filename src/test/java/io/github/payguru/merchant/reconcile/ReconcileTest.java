package io.github.payguru.merchant.reconcile;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.github.payguru.merchant.dev.simulator.MpSubscription;
import io.github.payguru.merchant.dev.simulator.MpTransaction;
import io.github.payguru.merchant.dev.simulator.PayguruSimulator;
import io.github.payguru.merchant.dev.simulator.PhsTransaction;
import io.github.payguru.merchant.kernel.StatusMachine;
import io.github.payguru.merchant.lambda.MpBillingNotificationHandler;
import io.github.payguru.merchant.lambda.MpSubscriptionNotificationHandler;
import io.github.payguru.merchant.lambda.PhsNotifyHandler;
import io.github.payguru.merchant.lambda.ReconcileHandler;
import io.github.payguru.merchant.payguru.PayguruKeys;
import io.github.payguru.merchant.payguru.PhsNotifyKeyInput;
import io.github.payguru.merchant.phs.PhsTransactions;
import io.github.payguru.merchant.store.Ledger;
import io.github.payguru.merchant.store.StateChange;
import io.github.payguru.merchant.store.SubscriptionItem;
import io.github.payguru.merchant.store.TableLayout;
import io.github.payguru.merchant.store.TransactionItem;
import io.github.payguru.merchant.support.Events;
import io.github.payguru.merchant.support.Fixtures;
import io.github.payguru.merchant.support.FreshTable;
import io.github.payguru.merchant.support.LambdaMock;
import io.github.payguru.merchant.support.LedgerView;
import io.github.payguru.merchant.support.LogCapture;
import io.github.payguru.merchant.support.MpEvents;
import io.github.payguru.merchant.support.OpenIndex;
import io.github.payguru.merchant.support.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * The scheduled reconciliation on its own fresh table (this profile restarts Quarkus), against the
 * simulator: open items whose callbacks stopped short are settled with Payguru's truth, through the
 * same state machines; a paid MP transaction waiting for confirmation is confirmed.
 */
@QuarkusTest
@TestProfile(ReconcileTest.Handler.class)
class ReconcileTest {

    @Inject
    TestClock clock;

    public static class Handler implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.lambda.handler", "reconcile");
        }
    }

    @Inject
    Reconciler reconciler;

    @Inject
    LedgerView ledger;

    @Inject
    Ledger writes;

    @Inject
    PayguruSimulator sim;

    @Inject
    PhsNotifyHandler phsNotify;

    @Inject
    MpBillingNotificationHandler mpBilling;

    @Inject
    MpSubscriptionNotificationHandler mpSubscription;

    @Inject
    ReconcileHandler reconcile;

    @BeforeEach
    void fresh() {
        FreshTable.recreate(); // a run reads the whole open-items index: no test counts what another left open
        sim.reset();
    }

    @AfterEach
    void clock() {
        clock.release();
    }

    /** Everything stored so far is older than stale-after. */
    void later(Duration d) {
        clock.pin(Clock.offset(Clock.systemUTC(), d));
    }

    @Test
    void phsTransactionLeftProcessingIsSettledWithPayguruTruth() {
        PhsTransaction t = sim.seedPhsTransaction("SHOP", "ORD-R" + Events.uniqueTxid(), "100.00", 1);
        notifyProcessing(t);
        assertEquals(OpenIndex.partition("PHS", TableLayout.phsTransaction(t.id)),
                ledger.transaction(TableLayout.phsTransaction(t.id)).orElseThrow().openpk);

        Reconciler.Report nothingStale = reconciler.run();
        assertEquals(Map.of(), nothingStale.checked(), "a fresh item is not asked about");

        t.status = 3; // the success notify never arrived
        later(Duration.ofHours(1));
        Reconciler.Report r = reconciler.run();
        assertEquals(1, r.settled().get("PHS"));
        TransactionItem stored = ledger.transaction(TableLayout.phsTransaction(t.id)).orElseThrow();
        assertEquals("3", stored.status);
        assertNull(stored.openpk);
        assertTrue(sim.requests("phs.transaction.get").size() <= 2,
                "one read (two when the simulator's reset expired the cached token and it was renewed once)");
    }

    /**
     * Issue 17 case 3: a captured {@code status=8} notify replayed with {@code status=3} is stored as an unconfirmed
     * claim; the scheduled run asks {@code transaction/get}, whose answer (8) replaces it, confirmed; when Payguru
     * shows 3 later, the payment is confirmed and settled.
     */
    @Test
    void case3_reconciliationOverridesTheClaimWithPayguruTruth() {
        PhsTransaction t = sim.seedPhsTransaction("SHOP", "ORD-C3" + Events.uniqueTxid(), "100.00", 8);
        String pk = TableLayout.phsTransaction(t.id);
        assertEquals("OK", notify(Events.phsNotifyOf(t, "8")));
        Map<String, String> replay = Events.phsNotifyOf(t, "3");
        replay.put("transaction_date", "2026-11-22 23:59:59");
        assertEquals("OK", notify(replay));
        TransactionItem claim = ledger.transaction(pk).orElseThrow();
        assertEquals("3", claim.status);
        assertEquals(Boolean.FALSE, claim.confirmed);

        later(Duration.ofHours(1));
        Map<String, Object> report = reconcile.handleRequest(Map.of(), null);
        assertEquals(Map.of("PHS", 1), report.get("checked"), report.toString());
        TransactionItem truth = ledger.transaction(pk).orElseThrow();
        assertEquals("8", truth.status, "Payguru shows 8: the claim is replaced");
        assertEquals(Boolean.TRUE, truth.confirmed);
        assertEquals("reconciliation", truth.cause);
        assertFalse(PhsTransactions.fulfillable(truth));
        assertEquals(OpenIndex.partition("PHS", pk), truth.openpk, "8 (partial) is not final: still asked about");
        assertEquals("OK", notify(replay), "the replay again: answered as before, changes nothing");
        assertEquals(truth.version, ledger.transaction(pk).orElseThrow().version);

        t.status = 3; // the rest of the transfer arrives at Payguru
        later(Duration.ofHours(2));
        reconcile.handleRequest(Map.of(), null);
        TransactionItem paid = ledger.transaction(pk).orElseThrow();
        assertEquals("3", paid.status);
        assertEquals(Boolean.TRUE, paid.confirmed);
        assertNull(paid.openpk, "confirmed success is settled");
        assertTrue(PhsTransactions.fulfillable(paid));
    }

    @Test
    void case3_aClaimPayguruShowsIsConfirmedAndSettled() {
        PhsTransaction t = sim.seedPhsTransaction("SHOP", "ORD-C3" + Events.uniqueTxid(), "100.00", 3);
        assertEquals("OK", notify(Events.phsNotifyOf(t, "3")));
        String pk = TableLayout.phsTransaction(t.id);
        assertEquals(OpenIndex.partition("PHS", pk), ledger.transaction(pk).orElseThrow().openpk);
        later(Duration.ofHours(1));
        Reconciler.Report r = reconciler.run();
        assertEquals(1, r.settled().get("PHS"), r.toMap().toString());
        TransactionItem stored = ledger.transaction(pk).orElseThrow();
        assertEquals("3", stored.status);
        assertEquals(Boolean.TRUE, stored.confirmed);
        assertNull(stored.openpk);
        assertEquals(Map.of(), reconciler.run().checked(), "settled: never asked again");
    }

    String notify(Map<String, String> params) {
        return phsNotify.handleRequest(Events.get("/payguru/phs/notify", params), null).getBody();
    }

    /** The PHS notify of {@code t} in status 1 (processing), signed as Payguru signs it. */
    void notifyProcessing(PhsTransaction t) {
        Map<String, String> p = new java.util.LinkedHashMap<>();
        p.put("txid", t.id);
        p.put("code", t.code);
        p.put("order", t.order);
        p.put("status", "1");
        p.put("amount", t.amount);
        p.put("transaction_date", "2026-11-22 10:00:00");
        p.put("bank", "isbank");
        p.put("key", PayguruKeys.md5(new PhsNotifyKeyInput(Events.MERCHANT_ID, Events.MERCHANT_KEY, "SHOP",
                Events.SHOP_KEY, t.id, t.code, t.order, t.amount)));
        assertEquals("OK", phsNotify.handleRequest(Events.get("/payguru/phs/notify", p), null).getBody());
    }

    @Test
    void itemsOnEveryShardAndInThePartitionFromBeforeShardingAreAllReconciled() {
        List<PhsTransaction> sharded = new ArrayList<>();
        Set<String> partitions = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            PhsTransaction t = sim.seedPhsTransaction("SHOP", "ORD-S" + Events.uniqueTxid(), "10.00", 1);
            notifyProcessing(t);
            partitions.add(ledger.transaction(TableLayout.phsTransaction(t.id)).orElseThrow().openpk);
            sharded.add(t);
        }
        assertTrue(partitions.size() >= 3, "spread over shards: " + partitions);
        PhsTransaction legacySettles = sim.seedPhsTransaction("SHOP", "ORD-L" + Events.uniqueTxid(), "10.00", 1);
        PhsTransaction legacyStaysOpen = sim.seedPhsTransaction("SHOP", "ORD-L" + Events.uniqueTxid(), "10.00", 1);
        for (PhsTransaction t : List.of(legacySettles, legacyStaysOpen)) {
            notifyProcessing(t);
            // as written before the index was sharded
            writes.apply(StateChange.of(TableLayout.phsTransaction(t.id), TransactionItem.SORT).existingOnly()
                    .set(TableLayout.OPEN_PK, TableLayout.unshardedOpenPartition("PHS")));
            assertEquals("OPEN#PHS", ledger.transaction(TableLayout.phsTransaction(t.id)).orElseThrow().openpk);
        }
        sharded.forEach(t -> t.status = 3);
        legacySettles.status = 3;

        later(Duration.ofHours(1));
        Reconciler.Report r = reconciler.run();
        assertNull(r.stoppedBy());
        assertTrue(r.settled().get("PHS") >= 6, r.toMap().toString());
        for (PhsTransaction t : sharded) {
            TransactionItem stored = ledger.transaction(TableLayout.phsTransaction(t.id)).orElseThrow();
            assertEquals("3", stored.status);
            assertNull(stored.openpk, "settled: out of its shard");
        }
        TransactionItem settled = ledger.transaction(TableLayout.phsTransaction(legacySettles.id)).orElseThrow();
        assertEquals("3", settled.status);
        assertNull(settled.openpk, "found in the partition from before sharding, and settled");
        TransactionItem open = ledger.transaction(TableLayout.phsTransaction(legacyStaysOpen.id)).orElseThrow();
        assertEquals("1", open.status);
        assertEquals(OpenIndex.partition("PHS", open.pk), open.openpk, "still open: moved to the back, in its shard");
        assertEquals(Map.of(), reconciler.run().checked(), "not asked again within stale-after");
    }

    @Test
    void unconfirmedMpPaymentIsConfirmedAndAnItemStillOpenGoesToTheBackOfTheQueue() {
        MpTransaction paid = sim.seedMpTransaction(MpEvents.SERVICE, 3, "9.99", null);
        paid.referenceCode = "MP-" + paid.id;
        paid.amount = "9.99";
        assertEquals(200, mpBilling.handleRequest(MpEvents.get(MpEvents.BILLING, MpEvents.billing(paid.id, "3")), null)
                .getStatusCode());
        TransactionItem before = ledger.transaction(TableLayout.mpTransaction(paid.id)).orElseThrow();
        assertEquals(Boolean.FALSE, before.confirmed, "confirm before trust");

        MpTransaction waiting = sim.seedMpTransaction(MpEvents.SERVICE, 1, "9.99", null);
        waiting.referenceCode = "MP-" + waiting.id;
        waiting.amount = "9.99";
        mpBilling.handleRequest(MpEvents.get(MpEvents.BILLING, MpEvents.billing(waiting.id, "1")), null);

        later(Duration.ofHours(1));
        Reconciler.Report r = reconciler.run();
        assertEquals(2, r.checked().get("MP"));
        assertEquals(1, r.settled().get("MP"));
        TransactionItem confirmed = ledger.transaction(TableLayout.mpTransaction(paid.id)).orElseThrow();
        assertEquals(Boolean.TRUE, confirmed.confirmed);
        assertEquals("reconciliation", confirmed.cause, "the change event says what confirmed it");
        assertEquals("callback", before.cause);
        assertNull(confirmed.openpk);
        TransactionItem still = ledger.transaction(TableLayout.mpTransaction(waiting.id)).orElseThrow();
        assertEquals("1", still.status);
        assertEquals(OpenIndex.partition("MP", still.pk), still.openpk);
        assertTrue(still.opensk.compareTo(ledger.now().minus(Duration.ofMinutes(1)).toString()) > 0,
                "checked now: the next run asks about other items first");
        assertEquals(Map.of(), reconciler.run().checked(), "not asked again within stale-after");
    }

    @Test
    void subscriptionCancelledAtPayguruIsSettled() {
        MpSubscription s = sim.seedSubscription(MpEvents.SERVICE, "active", "19.90", null);
        String order = "SUBR-" + s.id;
        s.referenceCode = order;
        assertEquals(200, mpSubscription.handleRequest(MpEvents.get(MpEvents.SUBSCRIPTION,
                MpEvents.subscription(s.id, s.lastTransaction, "active", order)), null).getStatusCode());
        assertEquals(OpenIndex.partition("MPSUB", TableLayout.mpSubscription(s.id)),
                ledger.item(SubscriptionItem.SCHEMA, TableLayout.mpSubscription(s.id), SubscriptionItem.SORT)
                        .orElseThrow().openpk);
        s.status = "cancelled";
        later(Duration.ofHours(1));
        Reconciler.Report r = reconciler.run();
        assertEquals(1, r.checked().get("MPSUB"));
        SubscriptionItem stored = ledger.item(SubscriptionItem.SCHEMA, TableLayout.mpSubscription(s.id),
                SubscriptionItem.SORT).orElseThrow();
        assertEquals("cancelled", stored.status);
        assertNull(stored.openpk);
    }

    @Test
    void unknownAtPayguruIsCountedAsFailedAndTheRunGoesOn() {
        Map<String, String> p = Events.phsNotify(Events.uniqueTxid(), "ORD-UNKNOWN", "1", "5.00");
        phsNotify.handleRequest(Events.get("/payguru/phs/notify", p), null);
        later(Duration.ofHours(2));
        Reconciler.Report r = reconciler.run();
        assertEquals(1, r.failed().get("PHS"));
        assertNull(r.stoppedBy());
        assertEquals("1", ledger.transaction(TableLayout.phsTransaction(p.get("txid"))).orElseThrow().status);
    }

    /** A new item in the open-items index of {@code kind} with a status and only these attributes. */
    void openItem(String pk, String sk, String kind, Map<String, String> attributes) {
        StateChange c = StateChange.of(pk, sk).transition("status", "1", Set.of(StatusMachine.NONE))
                .open(kind, ledger.now().toString());
        attributes.forEach(c::set);
        writes.apply(c);
    }

    @Test
    void anOpenItemMissingItsDataIsLoggedAndCountedAsFailedNotRefused() {
        String noService = Events.uniqueTxid();
        openItem(TableLayout.mpTransaction(noService), TransactionItem.SORT, TableLayout.OPEN_MP,
                Map.of("txId", noService));
        String unknownService = Events.uniqueTxid();
        openItem(TableLayout.mpTransaction(unknownService), TransactionItem.SORT, TableLayout.OPEN_MP,
                Map.of("txId", unknownService, "service", "no-such-service"));
        String noSubsId = Events.uniqueTxid();
        openItem(TableLayout.mpSubscription(noSubsId), SubscriptionItem.SORT, TableLayout.OPEN_MP_SUBSCRIPTION,
                Map.of("service", MpEvents.SERVICE));
        openItem(TableLayout.phsTransaction("x" + Events.uniqueTxid()), TransactionItem.SORT, "PHS",
                Map.of("txId", "not-an-id"));

        later(Duration.ofHours(1));
        Reconciler.Report r;
        try (LogCapture logs = LogCapture.open()) {
            r = reconciler.run();
            assertTrue(logs.all().contains("cannot be asked about: open item without service"), logs.all());
            assertTrue(logs.all().contains("cannot be asked about: open item without subsId"), logs.all());
            assertTrue(logs.all().contains("which is not configured"), logs.all());
            assertTrue(logs.all().contains("cannot be asked about: open item whose txId is not a Payguru identifier"),
                    logs.all());
        }
        assertEquals(Map.of("MP", 2, "MPSUB", 1, "PHS", 1), r.failed(), r.toMap().toString());
        assertEquals(Map.of(), r.settled());
        assertNull(r.stoppedBy(), "a data problem does not end the run");
        assertEquals(0, sim.requests("mp.transaction.detail").size() + sim.requests("mp.subscription.detail").size()
                + sim.requests("phs.transaction.get").size(), "nothing asked of Payguru");
        assertEquals(Map.of(), reconciler.run().checked(), "moved to the back of the queue like any other");
    }

    @Test
    void scheduledEventThroughTheLambdaRuntime() {
        given().body(Fixtures.json("reconcile", "scheduled")).post(LambdaMock.url())
                .then().statusCode(200).body("stoppedBy", nullValue()).body("checked", equalTo(Map.of()));
    }
}
