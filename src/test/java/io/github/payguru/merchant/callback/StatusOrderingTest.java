package io.github.payguru.merchant.callback;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

import io.github.payguru.merchant.lambda.MpBillingNotificationHandler;
import io.github.payguru.merchant.lambda.MpSubscriptionNotificationHandler;
import io.github.payguru.merchant.lambda.PhsNotifyHandler;
import io.github.payguru.merchant.mp.MpSubscriptions;
import io.github.payguru.merchant.store.StatusItem;
import io.github.payguru.merchant.store.SubscriptionItem;
import io.github.payguru.merchant.store.TableLayout;
import io.github.payguru.merchant.store.TransactionItem;
import io.github.payguru.merchant.support.Events;
import io.github.payguru.merchant.support.FreshTable;
import io.github.payguru.merchant.support.LedgerView;
import io.github.payguru.merchant.support.MpEvents;
import io.github.payguru.merchant.support.StatusModels;
import io.github.payguru.merchant.support.StatusModels.Ev;
import io.github.payguru.merchant.support.StatusModels.Expected;
import io.quarkus.test.junit.QuarkusTest;
import net.jqwik.api.Arbitrary;

/**
 * Random orderings of documented and undocumented statuses, with verbatim duplicates and repeated statuses,
 * through the real callback handlers into the emulator: the stored item equals the reference model of
 * {@link StatusModels} — the status, the undocumented values beside it (set and count), the flag and
 * {@code open-items} membership — and the identity fields never move. Sequences come from the same jqwik
 * generators as {@code core.StatusMachinePropertiesTest}; a failure prints the sequence.
 */
@QuarkusTest
class StatusOrderingTest {

    static final int SEQUENCES = 40;

    @Inject
    PhsNotifyHandler phs;

    @Inject
    MpBillingNotificationHandler billing;

    @Inject
    MpSubscriptionNotificationHandler subscription;

    @Inject
    MpSubscriptions subscriptions;

    @Inject
    LedgerView ledger;

    @Test
    void phsNotifyEndsAsTheModel() {
        run(StatusModels.events(StatusModels.PHS_LINE, StatusModels.PHS_UNDOCUMENTED, false), StatusModels::phs, evs -> {
            String txid = Events.uniqueTxid();
            for (Ev e : evs) {
                Map<String, String> p = Events.phsNotify(txid, "ORD-" + txid, e.status(), "20.00");
                p.put("transaction_date", "2026-11-22 10:00:0" + e.variant()); // not signed: another notification
                assertAnswered(phs.handleRequest(Events.get(PhsNotifyTest.PATH, p), null), "OK", evs);
            }
            TransactionItem t = ledger.transaction(TableLayout.phsTransaction(txid)).orElseThrow();
            assertEquals("20", t.amount, evs.toString());
            assertEquals("ORD-" + txid, t.orderRef, evs.toString());
            assertEquals("SHOP", t.service, evs.toString());
            return t;
        });
    }

    @Test
    void mpBillingEndsAsTheModel() {
        run(StatusModels.events(StatusModels.MP_DOCUMENTED, StatusModels.MP_UNDOCUMENTED, false), StatusModels::mp, evs -> {
            String txId = Events.uniqueTxid();
            for (Ev e : evs) {
                Map<String, String> p = MpEvents.billing(txId, e.status());
                p.put("item", "Gold membership " + e.variant()); // a documented parameter: another notification
                assertAnswered(billing.handleRequest(MpEvents.get(MpEvents.BILLING, p), null), "OK", evs);
            }
            TransactionItem t = ledger.transaction(TableLayout.mpTransaction(txId)).orElseThrow();
            assertEquals("9.99", t.amount, evs.toString());
            assertEquals("MP-" + txId, t.orderRef, evs.toString());
            assertEquals(MpEvents.SERVICE, t.service, evs.toString());
            return t;
        });
    }

    @Test
    void mpSubscriptionEndsAsTheModel() {
        run(StatusModels.events(StatusModels.SUB_DOCUMENTED, StatusModels.SUB_UNDOCUMENTED, true),
                StatusModels::subscription, evs -> {
                    String subsId = Events.uniqueTxid();
                    long base = Long.parseLong(Events.uniqueTxid()) * 10;
                    for (Ev e : evs) {
                        Map<String, String> p = MpEvents.subscription(subsId, Long.toString(base + e.txId()), e.status(),
                                "MP-S-" + subsId);
                        p.put("billingType", "monthly" + e.variant()); // documented: another notification
                        assertAnswered(subscription.handleRequest(MpEvents.get(MpEvents.SUBSCRIPTION, p), null), "OK", evs);
                    }
                    SubscriptionItem s = subscriptions.find(subsId).orElseThrow();
                    Expected x = StatusModels.subscription(evs);
                    if (x.by() != null) {
                        assertEquals(Long.toString(base + x.by().txId()), s.txId, "txId of the winning status " + evs);
                    }
                    assertEquals("MP-S-" + subsId, s.orderRef, evs.toString());
                    return s;
                });
    }

    static void run(Arbitrary<List<Ev>> sequences, Function<List<Ev>, Expected> model,
            Function<List<Ev>, StatusItem> drive) {
        sequences.sampleStream().limit(SEQUENCES).forEach(evs -> {
            FreshTable.recreate(); // keeps the table small across the sequences (ids are unique: none depends on it)
            StatusItem item = drive.apply(evs);
            Expected x = model.apply(evs);
            String m = evs.toString();
            assertEquals(x.status(), status(item), "status after " + m);
            assertEquals(x.unknownStatuses().isEmpty() ? null : x.unknownStatuses(), item.unknownStatuses == null
                    ? null : Set.copyOf(item.unknownStatuses), "undocumented statuses after " + m);
            assertEquals(x.unknownCount() == 0 ? null : x.unknownCount(), item.unknownStatusCount, "count after " + m);
            assertEquals(x.statusKnown(), statusKnown(item), "statusKnown after " + m);
            assertEquals(x.open(), item.openpk != null, "open-items membership after " + m);
        });
    }

    static String status(StatusItem item) {
        return item instanceof TransactionItem t ? t.status : ((SubscriptionItem) item).status;
    }

    static Boolean statusKnown(StatusItem item) {
        return item instanceof TransactionItem t ? t.statusKnown : ((SubscriptionItem) item).statusKnown;
    }

    static void assertAnswered(APIGatewayV2HTTPResponse r, String body, List<Ev> evs) {
        assertEquals(200, r.getStatusCode(), r.getBody() + " in " + evs);
        assertEquals(body, r.getBody(), evs.toString());
    }
}
