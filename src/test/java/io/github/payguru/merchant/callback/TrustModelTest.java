package io.github.payguru.merchant.callback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

import io.github.payguru.merchant.dev.simulator.MpSubscription;
import io.github.payguru.merchant.dev.simulator.MpTransaction;
import io.github.payguru.merchant.dev.simulator.PayguruSimulator;
import io.github.payguru.merchant.kernel.Line;
import io.github.payguru.merchant.lambda.MpBillingNotificationHandler;
import io.github.payguru.merchant.lambda.MpSubscriptionNotificationHandler;
import io.github.payguru.merchant.mp.MpQueries;
import io.github.payguru.merchant.mp.MpTransactions;
import io.github.payguru.merchant.payguru.ServiceDirectory;
import io.github.payguru.merchant.store.TableLayout;
import io.github.payguru.merchant.store.TransactionItem;
import io.github.payguru.merchant.support.Events;
import io.github.payguru.merchant.support.ItemSize;
import io.github.payguru.merchant.support.LedgerView;
import io.github.payguru.merchant.support.MpEvents;
import io.quarkus.test.junit.QuarkusTest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Issue 17, "Payguru's API is the truth; a callback is a claim", "Order-independent answers" and "Bounded items" on
 * the MP line, through the real handlers into the emulator, with the simulator as Payguru's truth (the apply of API
 * facts is the one reconciliation runs per open item).
 */
@QuarkusTest
class TrustModelTest {

    @Inject
    MpBillingNotificationHandler billing;

    @Inject
    MpSubscriptionNotificationHandler subscription;

    @Inject
    MpQueries queries;

    @Inject
    MpTransactions transactions;

    @Inject
    ServiceDirectory services;

    @Inject
    PayguruSimulator sim;

    @Inject
    LedgerView ledger;

    APIGatewayV2HTTPResponse bill(Map<String, String> p) {
        return billing.handleRequest(MpEvents.get(MpEvents.BILLING, p), null);
    }

    static Map<String, String> billing(String txId, String status, String amount) {
        Map<String, String> p = MpEvents.billing(txId, status);
        if (amount == null) {
            p.remove("amount");
        } else {
            p.put("amount", amount);
        }
        return p;
    }

    TransactionItem stored(String txId) {
        return ledger.transaction(TableLayout.mpTransaction(txId)).orElseThrow();
    }

    Map<String, AttributeValue> raw(String pk) {
        return ledger.partition(pk).get(0);
    }

    ServiceDirectory.NamedService service() {
        return services.find(Line.MP, MpEvents.SERVICE).orElseThrow();
    }

    MpTransaction payguruHas(int status, String amount) {
        MpTransaction t = sim.seedMpTransaction(MpEvents.SERVICE, status, amount, null);
        t.referenceCode = "MP-" + t.id;
        t.amount = amount;
        return t;
    }

    @Test
    void case2_aFailureClaimDoesNotSwallowTheRealPayment() {
        MpTransaction t = payguruHas(3, "9.99");
        assertEquals(200, bill(billing(t.id, "9", null)).getStatusCode());
        TransactionItem claimed = stored(t.id);
        assertEquals("9", claimed.status);
        assertEquals(false, claimed.confirmed, "a failure from a callback is a claim");
        assertNotNull(claimed.openpk, "not final: open until Payguru's API confirms it");

        // before: 409 forever, stored 9, not open
        assertEquals(200, bill(billing(t.id, "3", "9.99")).getStatusCode(), "paid beats an unconfirmed failure claim");
        TransactionItem paid = stored(t.id);
        assertEquals("3", paid.status);
        assertEquals("9.99", paid.amount, "the item gains the amount the failure claim did not carry");
        assertFalse(transactions.fulfillable(paid), "still a claim");

        queries.refreshTransaction(service(), t.id);
        TransactionItem confirmed = stored(t.id);
        assertEquals("3", confirmed.status);
        assertEquals(true, confirmed.confirmed);
        assertNull(confirmed.openpk);
        assertTrue(transactions.fulfillable(confirmed));
        assertEquals(200, bill(billing(t.id, "9", null)).getStatusCode(), "a late failure claim is stale, not 409");
        assertEquals("3", stored(t.id).status, "a claim never moves a confirmed payment");
    }

    @Test
    void case2_aConfirmedFactOverridesAnUnconfirmedClaimEitherWay() {
        MpTransaction paid = payguruHas(3, "9.99");
        bill(billing(paid.id, "9", null)); // only the failure claim ever arrives
        queries.refreshTransaction(service(), paid.id);
        TransactionItem up = stored(paid.id);
        assertEquals("3", up.status, "callback said 9, Payguru says 3");
        assertEquals(true, up.confirmed);
        assertNull(up.openpk);

        MpTransaction failed = payguruHas(9, "9.99");
        bill(billing(failed.id, "3", "9.99")); // a forged paid claim
        queries.refreshTransaction(service(), failed.id);
        TransactionItem down = stored(failed.id);
        assertEquals("9", down.status, "callback said 3, Payguru says 9");
        assertEquals(true, down.confirmed);
        assertNull(down.openpk, "settled by Payguru's answer");
        assertFalse(transactions.fulfillable(down));
    }

    @Test
    void case2_aHugeSubscriptionTxIdIsNotTrustedUntilConfirmed() {
        MpSubscription s = sim.seedSubscription(MpEvents.SERVICE, "active", "19.90", null);
        String order = "SUBT-" + s.id;
        s.referenceCode = order;
        long last = Long.parseLong(s.lastTransaction);
        assertEquals(200, sub(s.id, Long.toString(last), "active", order).getStatusCode());

        assertEquals(200, sub(s.id, "9999999999999999999", "cancelled", order).getStatusCode());
        Map<String, AttributeValue> item = raw(TableLayout.mpSubscription(s.id));
        assertEquals("active", item.get("status").s(), "the jump does not move the cycle");
        assertEquals(Long.toString(last), item.get("txId").s(), "nor advance its order");
        assertEquals("9999999999999999999", item.get("untrustedTxId").n(), "it is recorded beside the state");
        assertNotNull(item.get(TableLayout.OPEN_PK), "and the cycle stays open for reconciliation");
        assertEquals(200, sub(s.id, "9999999999999999999", "cancelled", order).getStatusCode(), "a replay: duplicate");
        assertEquals("1", raw(TableLayout.mpSubscription(s.id)).get("untrustedCount").n());

        // before: every later fact was stale for good
        String next = Long.toString(last + 7);
        assertEquals(200, sub(s.id, next, "retry", order).getStatusCode());
        assertEquals("retry", raw(TableLayout.mpSubscription(s.id)).get("status").s(), "the next real renewal applies");

        s.status = "active";
        s.lastTransaction = Long.toString(last + 8);
        queries.refreshSubscription(service(), s.id);
        Map<String, AttributeValue> settled = raw(TableLayout.mpSubscription(s.id));
        assertEquals("active", settled.get("status").s());
        assertEquals(Long.toString(last + 8), settled.get("txId").s());
        assertEquals(true, settled.get("confirmed").bool());
        assertNull(settled.get("untrustedTxId"), "Payguru's answer settles the untrusted claim");
    }

    @Test
    void case2_aHugeFirstSubscriptionTxIdIsOverriddenByPayguru() {
        MpSubscription s = sim.seedSubscription(MpEvents.SERVICE, "active", "19.90", null);
        String order = "SUBF-" + s.id;
        s.referenceCode = order;
        assertEquals(200, sub(s.id, "9999999999999999999", "cancelled", order).getStatusCode());
        assertEquals(false, raw(TableLayout.mpSubscription(s.id)).get("confirmed").bool());
        queries.refreshSubscription(service(), s.id);
        Map<String, AttributeValue> item = raw(TableLayout.mpSubscription(s.id));
        assertEquals("active", item.get("status").s(), "Payguru's truth replaces the unconfirmed claim");
        assertEquals(s.lastTransaction, item.get("txId").s());
        long last = Long.parseLong(s.lastTransaction);
        assertEquals(200, sub(s.id, Long.toString(last + 1), "retry", order).getStatusCode());
        assertEquals("retry", raw(TableLayout.mpSubscription(s.id)).get("status").s(), "later facts apply again");
    }

    APIGatewayV2HTTPResponse sub(String subsId, String txId, String status, String order) {
        return subscription.handleRequest(MpEvents.get(MpEvents.SUBSCRIPTION,
                MpEvents.subscription(subsId, txId, status, order)), null);
    }

    @Test
    void case4_answersDoNotDependOnDeliveryOrder() {
        String a = Events.uniqueTxid();
        List<Integer> forward = List.of(bill(billing(a, "9", null)).getStatusCode(),
                bill(billing(a, "1", "2.50")).getStatusCode());
        String b = Events.uniqueTxid();
        List<Integer> reverse = List.of(bill(billing(b, "1", "2.50")).getStatusCode(),
                bill(billing(b, "9", null)).getStatusCode());
        assertEquals(List.of(200, 200), forward, "before: 200 then 409");
        assertEquals(List.of(200, 200), reverse);
        assertEquals(stored(b).status, stored(a).status);
        assertEquals("2.5", stored(a).amount, "the unconfirmed item gained the late notification's amount");
        assertEquals(stored(b).amount, stored(a).amount);

        String c = Events.uniqueTxid();
        assertEquals(200, bill(billing(c, "3", "9.99")).getStatusCode());
        assertEquals(409, bill(billing(c, "1", "2.50")).getStatusCode(), "another amount stays a true conflict");
    }

    @Test
    void boundedItems_unknownStatusReplaysStopGrowingTheItem() {
        String txId = Events.uniqueTxid();
        String pk = TableLayout.mpTransaction(txId);
        assertEquals(200, bill(billing(txId, "1", "9.99")).getStatusCode());
        for (int i = 0; i < 50; i++) {
            Map<String, String> p = billing(txId, "42", "9.99");
            p.put("junk", "x" + i); // undocumented: not part of the notification's id
            assertEquals(200, bill(p).getStatusCode());
        }
        assertEquals(1, raw(pk).get("unknownNotifications").ss().size(), "junk parameters make no new notification");

        int replays = 500;
        long afterCap = 0;
        for (int i = 0; i < replays; i++) {
            Map<String, String> p = billing(txId, Integer.toString(100 + i), "9.99");
            p.put("errorDesc", "replay " + i); // documented: a new notification each time
            assertEquals(200, bill(p).getStatusCode(), "answered as accepted");
            if (i == 100) {
                afterCap = ItemSize.bytes(raw(pk));
            }
        }
        Map<String, AttributeValue> item = raw(pk);
        long size = ItemSize.bytes(item);
        assertEquals(16, item.get("unknownNotifications").ss().size(), "capped at max-undocumented-per-item");
        assertTrue(item.get("unknownStatuses").ss().size() <= 16);
        assertEquals(Integer.toString(replays + 1 - 16), item.get("unknownOverflowCount").n(), "only counted");
        assertTrue(size - afterCap <= 2, "growth stopped after the cap: " + afterCap + " -> " + size + " bytes");
        assertTrue(size < ItemSize.DOCUMENTED_BOUND, size + " bytes");
        assertEquals("1", stored(txId).status, "the state is untouched");
        System.out.printf("boundedItems: %d replays, item %d bytes (after 100: %d); unknownNotifications %d%n",
                replays, size, afterCap, item.get("unknownNotifications").ss().size());
    }
}
