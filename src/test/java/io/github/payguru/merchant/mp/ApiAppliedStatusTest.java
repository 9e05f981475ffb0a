package io.github.payguru.merchant.mp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Set;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.payguru.merchant.kernel.Line;
import io.github.payguru.merchant.lambda.PhsNotifyHandler;
import io.github.payguru.merchant.payguru.OperationRequest;
import io.github.payguru.merchant.payguru.ServiceDirectory;
import io.github.payguru.merchant.phs.PhsQueries;
import io.github.payguru.merchant.store.SubscriptionItem;
import io.github.payguru.merchant.store.TableLayout;
import io.github.payguru.merchant.store.TransactionItem;
import io.github.payguru.merchant.support.Events;
import io.github.payguru.merchant.support.LedgerView;
import io.github.payguru.merchant.support.MpEvents;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Issue 9 §1 for statuses read from Payguru's API (operations' queries, reconciliation): an undocumented status is
 * kept beside the state and never blocks a documented one, and Payguru's answer confirming the stored documented
 * status lifts the flag and settles the item (so reconciliation does not ask about it forever).
 */
@QuarkusTest
class ApiAppliedStatusTest {

    @Inject
    PhsQueries phs;

    @Inject
    MpQueries mp;

    @Inject
    ServiceDirectory services;

    @Inject
    PhsNotifyHandler notify;

    @Inject
    MpSubscriptions subscriptions;

    @Inject
    LedgerView ledger;

    static ObjectNode phsTx(String txid, String status) {
        return OperationRequest.object().put("id", txid).put("status", status).put("order_refno", "ORD-" + txid)
                .put("code", "PG" + txid).put("amount", "20.00").put("service_code", "SHOP");
    }

    TransactionItem phsStored(String txid) {
        return ledger.transaction(TableLayout.phsTransaction(txid)).orElseThrow();
    }

    @Test
    void phsQueryAnswersFollowTheSameRules() {
        String txid = Events.uniqueTxid();
        assertEquals("OK", notify.handleRequest(Events.get("/payguru/phs/notify",
                Events.phsNotify(txid, "ORD-" + txid, "42", "20.00")), null).getBody());
        assertEquals("applied", phs.applyTransaction(txid, phsTx(txid, "1")).get("result").asText(),
                "a documented status after an undocumented one");
        assertEquals("1", phsStored(txid).status);
        assertEquals("applied", phs.applyTransaction(txid, phsTx(txid, "77")).get("result").asText());
        assertEquals("1", phsStored(txid).status, "an undocumented answer is never the state");
        assertEquals(Set.of("42", "77"), phsStored(txid).unknownStatuses);
        assertEquals(2L, phsStored(txid).unknownStatusCount);
        assertEquals("applied", phs.applyTransaction(txid, phsTx(txid, "3")).get("result").asText());
        assertEquals("3", phsStored(txid).status);
        assertNull(phsStored(txid).openpk);

        phs.applyTransaction(txid, phsTx(txid, "99"));
        assertEquals(false, phsStored(txid).statusKnown);
        assertNotNull(phsStored(txid).openpk, "flagged for reconciliation");
        JsonNode again = phs.applyTransaction(txid, phsTx(txid, "3"));
        assertEquals("applied", again.get("result").asText(), "Payguru confirms the stored status: flag lifted");
        assertEquals(true, phsStored(txid).statusKnown);
        assertNull(phsStored(txid).openpk, "settled: reconciliation stops asking");
        assertEquals("99", phsStored(txid).unknownStatus, "kept on record");
        assertEquals("stale", phs.applyTransaction(txid, phsTx(txid, "3")).get("result").asText(), "nothing left to lift");
        assertEquals("conflict", phs.applyTransaction(txid, phsTx(txid, "6").put("amount", "21.00")).get("result")
                .asText(), "another amount from the API is a conflict too");
    }

    @Test
    void mpTransactionAndSubscriptionAnswersFollowTheSameRules() {
        ServiceDirectory.NamedService svc = services.find(Line.MP, MpEvents.SERVICE).orElseThrow();
        String txId = Events.uniqueTxid();
        ObjectNode tx = OperationRequest.object().put("id", txId).put("service", MpEvents.SERVICE).put("amount", "9.99");
        mp.applyTransaction(svc, txId, tx.deepCopy().put("status", "42"));
        assertEquals("applied", mp.applyTransaction(svc, txId, tx.deepCopy().put("status", "3")).get("result").asText());
        TransactionItem t = ledger.transaction(TableLayout.mpTransaction(txId)).orElseThrow();
        assertEquals("3", t.status);
        assertEquals("42", t.unknownStatus);
        assertEquals(true, t.confirmed);
        assertEquals("not-applied", mp.applyTransaction(svc, txId, tx.deepCopy().put("status", "3").put("id", "0" + txId))
                .get("result").asText(), "an answer about another spelling of the id is not applied");

        String subsId = Events.uniqueTxid();
        long base = Long.parseLong(Events.uniqueTxid());
        ObjectNode s = OperationRequest.object().put("service", MpEvents.SERVICE).put("referenceCode", "MP-S-" + subsId);
        mp.applySubscription(svc, subsId, s.deepCopy().put("status", "paused").put("lastTransaction", base + 5));
        assertEquals("applied", mp.applySubscription(svc, subsId, s.deepCopy().put("status", "active")
                .put("lastTransaction", base + 1)).get("result").asText());
        SubscriptionItem item = subscriptions.find(subsId).orElseThrow();
        assertEquals("active", item.status);
        assertEquals("paused", item.unknownStatus);
        mp.applySubscription(svc, subsId, s.deepCopy().put("status", "frozen").put("lastTransaction", base + 6));
        assertEquals(false, subscriptions.find(subsId).orElseThrow().statusKnown);
        assertEquals("applied", mp.applySubscription(svc, subsId, s.deepCopy().put("status", "active")
                .put("lastTransaction", base + 1)).get("result").asText(), "Payguru confirms active: flag lifted");
        assertEquals(true, subscriptions.find(subsId).orElseThrow().statusKnown);
        assertNotNull(subscriptions.find(subsId).orElseThrow().openpk, "active stays open");
    }
}
