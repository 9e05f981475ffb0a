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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.github.payguru.merchant.dev.simulator.Delivery;
import io.github.payguru.merchant.dev.simulator.MpTransaction;
import io.github.payguru.merchant.kernel.Line;
import io.github.payguru.merchant.mp.MpQueries;
import io.github.payguru.merchant.mp.MpSubscriptions;
import io.github.payguru.merchant.payguru.ServiceDirectory;
import io.github.payguru.merchant.store.SubscriptionItem;
import io.github.payguru.merchant.store.TableLayout;
import io.github.payguru.merchant.store.TransactionItem;
import io.github.payguru.merchant.support.Events;
import io.github.payguru.merchant.support.LedgerView;
import io.github.payguru.merchant.support.MpEvents;
import io.github.payguru.merchant.support.SynchronousSimulator;
import io.github.payguru.merchant.support.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Issue 17 case 7, SMS purchases with a registered reference code (REFKOD) end to end: the merchant registers the
 * code of an order ({@code mp-refcode-create}), the customer texts {@code KEYWORD CODE} to 3544 in the simulator,
 * whose notifications carry the code as {@code order} and whose API reports it as {@code referenceCode}. The payment,
 * its subscription cycle and its renewals all belong to the code's order; Payguru's API confirms them instead of
 * conflicting; and after the code's TTL has passed (the test clock moved past it, DynamoDB's TTL sweep emulated,
 * since moto never deletes) refunds, redeliveries and renewals still find the order.
 */
@QuarkusTest
class MpRefcodeE2ETest extends SynchronousSimulator {

    static final String GAME = "2001";
    static final String GOLD = "2002";
    /** What the reconciliation does per run and item (at most this many runs are tried). */
    static final int RUNS = 5;

    @Inject
    TestClock clock;

    @Inject
    LedgerView ledger;

    @Inject
    DynamoDbClient dynamo;

    @Inject
    MpQueries queries;

    @Inject
    MpSubscriptions subscriptions;

    @Inject
    ServiceDirectory services;

    @AfterEach
    void releaseClock() {
        clock.release();
    }

    @Test
    void case7_anSmsPurchaseWithARegisteredCodeIsConfirmed() {
        String order = order("C");
        String code = create(GAME, order, 30);
        MpTransaction tx = sim.smsPurchase(GAME, "2.50", "GAMEPACK", code, "905551112233", true);
        assertAllAccepted();
        assertEquals(List.of(code, code), sim.deliveries("mp.billing").stream().map(d -> d.params().get("order")).toList(),
                "the notifications carry the texted code");
        TransactionItem t = stored(tx.id);
        assertEquals(order, t.orderRef, "stored under the code's order");
        assertEquals(code, attribute(t.pk, TransactionItem.SORT, "refcode"), "and the code itself");
        assertEquals(Boolean.FALSE, t.confirmed);
        assertNotNull(t.openpk, "open until Payguru's API confirms it");
        given().get("/_simulator/mp/transaction/detail/1000/" + GAME + "/" + tx.id).then().statusCode(200)
                .body("subscription.referenceCode", equalTo(code));

        // the reconciliation's query, run after run until the payment is confirmed: Payguru reports the code, which
        // maps to the order (before: a conflict each run, never confirmed, re-queried forever)
        List<String> results = new ArrayList<>();
        while (!Boolean.TRUE.equals(stored(tx.id).confirmed) && results.size() < RUNS) {
            results.add(queries.refreshTransaction(game(), tx.id).path("state").path("result").asText());
        }
        assertEquals(List.of("applied"), results, "confirmed by the first query");
        TransactionItem confirmed = stored(tx.id);
        assertEquals(Boolean.TRUE, confirmed.confirmed);
        assertNull(confirmed.openpk, "out of open-items: not queried again");
        assertEquals(order, confirmed.orderRef);
        assertEquals("stale", operation("transaction-get", GAME, "transactionId", tx.id).at("/state/result").asText(),
                "the merchant's own query agrees and changes nothing");
        assertEquals(List.of(tx.id), ledger.transactionsOfOrder(order).stream().map(x -> x.txId).toList());
        assertTrue(ledger.transactionsOfOrder(code).isEmpty(), "nothing under the code string");
    }

    @Test
    void case7_aSecondPurchaseWithTheUsedCodeKeepsTheCodeAsItsOrderAndIsConfirmedToo() {
        String order = order("S");
        String code = create(GAME, order, 30);
        MpTransaction first = sim.smsPurchase(GAME, "2.50", "GAMEPACK", code, null, true);
        MpTransaction second = sim.smsPurchase(GAME, "2.50", "GAMEPACK", code, null, true);
        assertAllAccepted();
        assertEquals(order, stored(first.id).orderRef);
        assertEquals(code, stored(second.id).orderRef, "a used code links no other payment");
        assertNull(attribute(stored(second.id).pk, TransactionItem.SORT, "refcode"));
        for (MpTransaction tx : List.of(first, second)) {
            assertEquals("applied", queries.refreshTransaction(game(), tx.id).at("/state/result").asText());
            assertEquals(Boolean.TRUE, stored(tx.id).confirmed, tx.id);
        }
        assertEquals(order, stored(first.id).orderRef);
        assertEquals(code, stored(second.id).orderRef);
    }

    @Test
    void case7_refundAfterTheCodeExpired() {
        String order = order("R");
        String code = create(GAME, order, 1);
        MpTransaction tx = sim.smsPurchase(GAME, "4.00", "GAMEPACK", code, null, true);
        assertAllAccepted();
        assertEquals("applied", operation("transaction-get", GAME, "transactionId", tx.id).at("/state/result").asText());

        codeExpires(code);
        // the merchant refunds: Payguru accepts, its answer and the notifications 7 and 6 report the code
        JsonNode refund = operation("transaction-refund", GAME, "transactionId", tx.id);
        assertEquals("accepted", refund.path("refund").asText(), refund::toString);
        assertNotEquals("conflict", refund.at("/state/result").asText(), refund::toString);
        assertAllAccepted();
        assertEquals(List.of("1", "3", "7", "6"), sim.deliveries("mp.billing").stream()
                .map(d -> d.params().get("status")).toList());
        TransactionItem t = stored(tx.id);
        assertEquals("6", t.status);
        assertEquals(order, t.orderRef);
        assertNull(t.openpk, "refunded is final");
        assertEquals("stale", operation("transaction-get", GAME, "transactionId", tx.id).at("/state/result").asText(),
                "Payguru's detail agrees with the stored refund");
    }

    @Test
    void case7_aRedeliveryAfterTheCodeExpiredIsAnswered200() {
        String order = order("D");
        String code = create(GAME, order, 1);
        MpTransaction tx = sim.smsPurchase(GAME, "3.00", "GAMEPACK", code, null, true);
        assertAllAccepted();
        long version = stored(tx.id).version;
        // a code claimed by an older version kept its TTL: the next fact of its payment removes it
        String pk = TableLayout.mpRefcode(code);
        long ttl = Instant.parse(attribute(pk, "REFCODE", "validUntil")).plus(Duration.ofDays(7)).getEpochSecond();
        dynamo.updateItem(r -> r.tableName(ledger.tableName()).key(refcodeKey(code)).updateExpression("SET expiresAt = :t")
                .expressionAttributeValues(Map.of(":t", AttributeValue.fromN(Long.toString(ttl)))));
        Map<String, String> paid = sim.deliveries("mp.billing").get(1).params();
        given().queryParams(paid).get(MpEvents.BILLING).then().statusCode(200).body(equalTo("OK"));
        assertNull(ledger.partition(pk).get(0).get("expiresAt"), "a claimed code's TTL is removed");

        codeExpires(code);
        // Payguru delivers the same notifications again (its retry schedule is its own)
        for (Delivery d : sim.deliveries("mp.billing")) {
            given().queryParams(d.params()).get(MpEvents.BILLING).then().statusCode(200).body(equalTo("OK"));
        }
        assertEquals(version, stored(tx.id).version, "a redelivery changes nothing");
        assertEquals(order, stored(tx.id).orderRef);
        // and the confirmation still works without the code's item
        assertEquals("applied", queries.refreshTransaction(game(), tx.id).at("/state/result").asText());
        assertEquals(Boolean.TRUE, stored(tx.id).confirmed);
    }

    @Test
    void case7_smsSubscriptionAndRenewalShareTheCodesOrder() {
        String order = order("G");
        String code = create(GOLD, order, 5);
        MpTransaction first = sim.smsPurchase(GOLD, "9.99", "GOLDCLUB", code, null, true);
        assertAllAccepted();
        String subsId = stored(first.id).subsId;
        assertNotNull(subsId);
        SubscriptionItem cycle = subscriptions.find(subsId).orElseThrow();
        assertEquals(order, cycle.orderRef, "the cycle belongs to the code's order, not to the code string");
        assertEquals(code, attribute(cycle.pk, SubscriptionItem.SORT, "refcode"));
        assertEquals(order, stored(first.id).orderRef);
        assertEquals(subsId, attribute(TableLayout.mpRefcode(code), "REFCODE", "subsId"), "the code knows its cycle");

        MpTransaction renewal = sim.renewSubscription(subsId, true);
        assertAllAccepted();
        assertEquals(order, stored(renewal.id).orderRef, "a renewal carries the code too: same order");
        assertEquals(List.of(first.id, renewal.id), subscriptions.charges(subsId).stream().map(x -> x.txId).sorted()
                .toList());
        assertEquals(List.of(subsId), subscriptions.cycles(order).stream().map(s -> s.subsId).toList());
        assertEquals("applied", operation("transaction-get", GOLD, "transactionId", renewal.id)
                .at("/state/result").asText(), "Payguru's detail of the renewal confirms it");
        assertNotEquals("conflict", operation("subscription-get", GOLD, "subscriptionId", subsId)
                .at("/state/result").asText());

        // long after the code's TTL: the next renewal still belongs to the order
        codeExpires(code);
        MpTransaction later = sim.renewSubscription(subsId, true);
        assertAllAccepted();
        assertEquals(order, stored(later.id).orderRef);
        assertEquals("applied", queries.refreshTransaction(gold(), later.id).at("/state/result").asText());
        assertEquals(Boolean.TRUE, stored(later.id).confirmed);
        assertNotEquals("conflict", queries.refreshSubscription(gold(), subsId).at("/state/result").asText());
        assertEquals(later.id, subscriptions.find(subsId).orElseThrow().txId);
        assertEquals(3, subscriptions.charges(subsId).size());
        assertTrue(ledger.transactionsOfOrder(code).isEmpty(), "nothing under the code string");
        assertTrue(subscriptions.cycles(code).isEmpty());
    }

    @Test
    void case7_aReorderedSmsSubscriptionBatchStillSharesTheCodesOrder() {
        String order = order("O");
        String code = create(GOLD, order, 5);
        sim.setDelivery(2, 0, true); // the subscription notification first, each notification twice
        MpTransaction first = sim.smsPurchase(GOLD, "9.99", "GOLDCLUB", code, null, true);
        assertAllAccepted();
        assertEquals("mp.subscription", sim.deliveries().get(0).kind());
        String subsId = stored(first.id).subsId;
        assertEquals(order, stored(first.id).orderRef);
        assertEquals(order, subscriptions.find(subsId).orElseThrow().orderRef);
        assertEquals(first.id, attribute(TableLayout.mpRefcode(code), "REFCODE", "usedBy"));
        assertEquals(subsId, attribute(TableLayout.mpRefcode(code), "REFCODE", "subsId"));
        MpTransaction renewal = sim.renewSubscription(subsId, true);
        assertAllAccepted();
        assertEquals(order, stored(renewal.id).orderRef);
        assertEquals(List.of(subsId), subscriptions.cycles(order).stream().map(s -> s.subsId).toList());
    }

    // ------------------------------------------------------------ helpers

    static String order(String prefix) {
        return "ORD-C7" + prefix + "-" + Events.uniqueTxid();
    }

    /** {@code mp-refcode-create} through the local gateway, as the merchant's backend calls it. */
    static String create(String service, String order, int validMinutes) {
        return given().contentType("application/json").body("{\"service\":\"" + service + "\",\"order\":\"" + order
                + "\",\"validMinutes\":" + validMinutes + "}").post("/ops/mp/refcode-create").then().statusCode(201)
                .extract().path("code");
    }

    static JsonNode operation(String name, String service, String idField, String id) {
        return given().contentType("application/json").body("{\"service\":\"" + service + "\",\"" + idField + "\":\""
                + id + "\"}").post("/ops/mp/" + name).then().statusCode(200).extract().as(JsonNode.class);
    }

    /**
     * Time passes beyond the code's validity and DynamoDB's TTL of an unused code (validUntil + 7 days); DynamoDB
     * deletes items whose {@code expiresAt} has passed (moto never does, so the sweep is done here). A claimed code
     * has no TTL and stays; it is then deleted anyway, as an older version let a claimed code expire, so that what
     * follows cannot rely on the code's item.
     */
    void codeExpires(String code) {
        String pk = TableLayout.mpRefcode(code);
        Instant validUntil = Instant.parse(attribute(pk, "REFCODE", "validUntil"));
        clock.pin(validUntil.plus(Duration.ofDays(8)));
        Map<String, AttributeValue> key = refcodeKey(code);
        AttributeValue ttl = dynamo.getItem(r -> r.tableName(ledger.tableName()).key(key)).item().get("expiresAt");
        boolean expired = ttl != null && Long.parseLong(ttl.n()) <= clock.instant().getEpochSecond();
        assertFalse(expired, "a claimed code has no TTL: it does not expire before its payments");
        dynamo.deleteItem(r -> r.tableName(ledger.tableName()).key(key));
    }

    static Map<String, AttributeValue> refcodeKey(String code) {
        return Map.of(TableLayout.PK, AttributeValue.fromS(TableLayout.mpRefcode(code)), TableLayout.SK,
                AttributeValue.fromS("REFCODE"));
    }

    String attribute(String pk, String sk, String name) {
        return ledger.partition(pk).stream().filter(i -> sk.equals(i.get(TableLayout.SK).s())).findFirst()
                .map(i -> i.get(name)).map(AttributeValue::s).orElse(null);
    }

    ServiceDirectory.NamedService game() {
        return services.find(Line.MP, GAME).orElseThrow();
    }

    ServiceDirectory.NamedService gold() {
        return services.find(Line.MP, GOLD).orElseThrow();
    }

    TransactionItem stored(String txId) {
        return ledger.transaction(TableLayout.mpTransaction(txId))
                .orElseThrow(() -> new AssertionError("MP transaction " + txId + " not stored; " + sim.deliveries()));
    }

    void assertAllAccepted() {
        assertTrue(sim.awaitDeliveries(Duration.ofSeconds(10)), "callbacks still pending");
        for (Delivery d : sim.deliveries()) {
            assertTrue(d.accepted() && d.status() == 200 && "OK".equals(d.answer()), d.toString());
        }
    }
}
