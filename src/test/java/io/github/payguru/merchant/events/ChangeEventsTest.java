package io.github.payguru.merchant.events;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.payguru.merchant.dev.StreamPoller;
import io.github.payguru.merchant.dev.simulator.PayguruSimulator;
import io.github.payguru.merchant.dev.simulator.PhsTransaction;
import io.github.payguru.merchant.lambda.EventPublisherHandler;
import io.github.payguru.merchant.store.StoreConfig;
import io.github.payguru.merchant.support.Events;
import io.github.payguru.merchant.support.GatewayPort;
import io.github.payguru.merchant.support.MpEvents;
import io.quarkus.test.junit.QuarkusTest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * The change events of every state-machine path, end to end on the local emulator: requests reach the real
 * callbacks and operations through the local gateway, DynamoDB writes the state, the table's stream (moto) is
 * read by the local poller and handed to the publisher the {@code event-publisher} function runs, which puts
 * them on the emulator's EventBridge bus. Each test first drains what earlier tests left on the stream.
 */
@ExtendWith(GatewayPort.class)
@QuarkusTest
class ChangeEventsTest {

    @Inject
    StreamPoller poller;

    @Inject
    PayguruSimulator payguru;

    @Inject
    EventPublisherHandler handler;

    @Inject
    DynamoDbClient dynamo;

    @Inject
    DynamoDbStreamsClient streams;

    @Inject
    StoreConfig store;

    @BeforeEach
    void drainEarlier() {
        payguru.reset();
        poller.drain();
    }

    @AfterEach
    void settle() {
        payguru.awaitDeliveries(Duration.ofSeconds(10));
        payguru.reset();
    }

    static void phs(Map<String, String> params, int status) {
        given().queryParams(params).get("/payguru/phs/notify").then().statusCode(status);
    }

    static void mp(String path, Map<String, String> params, int status) {
        given().queryParams(params).get(path).then().statusCode(status);
    }

    static String status(ChangeEvent e, String which) {
        return e.detail().path(which).path("code").asText(null);
    }

    List<ChangeEvent> events() {
        List<ChangeEvent> out = poller.drain();
        out.forEach(ChangeEventSchema::check);
        return out;
    }

    @Test
    void phsTransactionPaths() {
        String txid = Events.uniqueTxid();
        String order = "ORD-" + txid;
        phs(Events.phsNotify(txid, order, "3", "150.00"), 200);
        List<ChangeEvent> fresh = events();
        assertEquals(1, fresh.size(), fresh::toString);
        ChangeEvent paid = fresh.get(0);
        assertEquals(EventDerivation.TRANSACTION, paid.detailType());
        assertNull(status(paid, "previousStatus"));
        assertEquals("3", status(paid, "status"));
        assertNull(paid.text("orderChange"), "a notify's success is a claim until transaction/get (case3_… below)");
        assertEquals(false, paid.detail().get("confirmed").asBoolean());
        assertEquals("callback", paid.text("cause"));
        assertEquals("150", paid.text("amount"));
        assertEquals(order, paid.text("orderRef"));
        assertEquals(1, paid.sequence());

        phs(Events.phsNotify(txid, order, "3", "150.00"), 200);
        assertEquals(List.of(), events(), "a duplicate delivery publishes nothing");
        phs(Events.phsNotify(txid, order, "1", "150.00"), 200);
        assertEquals(List.of(), events(), "a late older status publishes nothing");
        phs(Events.phsNotify(txid, order, "3", "20.00"), 409);
        assertEquals(List.of(), events(), "a conflict publishes nothing");
        Map<String, String> forged = Events.phsNotify(txid, order, "6", "150.00");
        forged.put("key", "0".repeat(32));
        phs(forged, 403);
        assertEquals(List.of(), events(), "a refused notification publishes nothing");

        String waiting = Events.uniqueTxid();
        phs(Events.phsNotify(waiting, "ORD-" + waiting, "5", "80.00"), 200);
        phs(Events.phsNotify(waiting, "ORD-" + waiting, "3", "80.00"), 200);
        List<ChangeEvent> two = events();
        assertEquals(2, two.size(), two::toString);
        assertEquals("5", status(two.get(0), "status"));
        assertNull(two.get(0).text("orderChange"));
        assertEquals("5", status(two.get(1), "previousStatus"));
        assertEquals("3", status(two.get(1), "status"));
        assertNull(two.get(1).text("orderChange"), "unconfirmed: not deliverable yet");
        assertEquals(List.of(1L, 2L), two.stream().map(ChangeEvent::sequence).toList());
    }

    /**
     * Issue 17 case 3 on the event bus: a captured {@code status=8} notify replayed with {@code status=3} (the key does
     * not cover the status). Before: published as {@code orderChange=paid}. Now: a claim ({@code confirmed=false}, no
     * {@code orderChange}); Payguru's {@code transaction/get} shows 8 and overrides it; {@code paid} is published
     * once Payguru's API shows 3.
     */
    @Test
    void case3_noPaidEventUntilConfirmed() {
        PhsTransaction t = payguru.seedPhsTransaction("SHOP", "ORD-EV3-" + Events.uniqueTxid(), "150.00", 8);
        phs(Events.phsNotifyOf(t, "8"), 200);
        Map<String, String> replay = Events.phsNotifyOf(t, "3");
        replay.put("transaction_date", "2026-11-22 23:59:59");
        phs(replay, 200);
        List<ChangeEvent> claimed = events();
        assertEquals(List.of("8", "3"), claimed.stream().map(e -> status(e, "status")).toList(), claimed::toString);
        claimed.forEach(e -> assertNull(e.text("orderChange"), "no paid for an unconfirmed claim: " + e));
        assertEquals(false, claimed.get(1).detail().get("confirmed").asBoolean());

        String get = "{\"id\":\"" + t.id + "\"}";
        given().contentType("application/json").body(get).post("/ops/phs/transaction-get").then().statusCode(200);
        List<ChangeEvent> truth = events();
        assertEquals(1, truth.size(), truth::toString);
        assertEquals("3", status(truth.get(0), "previousStatus"));
        assertEquals("8", status(truth.get(0), "status"), "Payguru's API overrides the claim");
        assertEquals(true, truth.get(0).detail().get("confirmed").asBoolean());
        assertNull(truth.get(0).text("orderChange"));
        assertEquals("api-query", truth.get(0).text("cause"));

        t.status = 3; // the rest of the transfer arrives at Payguru
        given().contentType("application/json").body(get).post("/ops/phs/transaction-get").then().statusCode(200);
        List<ChangeEvent> paid = events();
        assertEquals(1, paid.size(), paid::toString);
        assertEquals("3", status(paid.get(0), "status"));
        assertEquals(true, paid.get(0).detail().get("confirmed").asBoolean());
        assertEquals("paid", paid.get(0).text("orderChange"), "published once confirmed");

        Map<String, String> fakeRefund = Events.phsNotifyOf(t, "6");
        fakeRefund.put("transaction_date", "2026-11-23 00:00:00");
        phs(fakeRefund, 200);
        List<ChangeEvent> refundClaim = events();
        assertEquals(1, refundClaim.size(), refundClaim::toString);
        assertEquals("6", status(refundClaim.get(0), "status"));
        assertNull(refundClaim.get(0).text("orderChange"), "no refunded for an unconfirmed claim");
        given().contentType("application/json").body(get).post("/ops/phs/transaction-get").then().statusCode(200);
        List<ChangeEvent> back = events();
        assertEquals(1, back.size(), back::toString);
        assertEquals("3", status(back.get(0), "status"), "Payguru still shows 3: the replayed refund is replaced");
        assertNull(back.get(0).text("orderChange"), "and the order is not published as paid a second time");
    }

    @Test
    void phsOrderCreatedThenPaid() {
        String txid = Events.uniqueTxid();
        String order = "ORD-EV-" + txid;
        String body = "{\"service\":\"SHOP\",\"order\":\"" + order + "\",\"amount\":\"250.00\"}";
        given().contentType("application/json").body(body).post("/_local/phs/orders").then().statusCode(201);
        List<ChangeEvent> created = events();
        assertEquals(1, created.size(), created::toString);
        assertEquals(EventDerivation.ORDER_CREATED, created.get(0).detailType());
        assertEquals("created", created.get(0).text("orderChange"));
        assertEquals("operation", created.get(0).text("cause"));
        assertEquals(order, created.get(0).text("orderRef"));

        given().contentType("application/json").body(body).post("/_local/phs/orders").then().statusCode(201);
        assertEquals(List.of(), events(), "registered again as it was: no change, no event");

        phs(Events.phsNotify(txid, order, "3", "250.00"), 200);
        List<ChangeEvent> paid = events();
        assertEquals(1, paid.size(), paid::toString);
        assertNull(paid.get(0).text("orderChange"), "a notify's success waits for Payguru's transaction/get");
        assertEquals(order, paid.get(0).text("orderRef"));
    }

    @Test
    void mpSubscriptionCycle() {
        String subsId = Events.uniqueTxid();
        long tx = Long.parseLong(Events.uniqueTxid()) * 10;
        String order = "MP-SUB-" + subsId;
        mp(MpEvents.SUBSCRIPTION, MpEvents.subscription(subsId, Long.toString(tx), "active", order), 200);
        mp(MpEvents.SUBSCRIPTION, MpEvents.subscription(subsId, Long.toString(tx + 5), "retry", order), 200);
        List<ChangeEvent> cycle = events();
        assertEquals(2, cycle.size(), cycle::toString);
        assertEquals(EventDerivation.SUBSCRIPTION, cycle.get(0).detailType());
        assertEquals("active", status(cycle.get(0), "status"));
        assertEquals("active", status(cycle.get(1), "previousStatus"));
        assertEquals("retry", status(cycle.get(1), "status"));
        assertEquals(subsId, cycle.get(1).text("subsId"));

        mp(MpEvents.SUBSCRIPTION, MpEvents.subscription(subsId, Long.toString(tx + 1), "cancelled", order), 200);
        mp(MpEvents.SUBSCRIPTION, MpEvents.subscription(subsId, Long.toString(tx + 5), "retry", order), 200);
        assertEquals(List.of(), events(), "an older txId and a repeat publish nothing");

        mp(MpEvents.SUBSCRIPTION, MpEvents.subscription(subsId, Long.toString(tx + 9), "cancelled", order), 200);
        List<ChangeEvent> ended = events();
        assertEquals(1, ended.size(), ended::toString);
        assertEquals("cancelled", status(ended.get(0), "status"));
        assertEquals(3, ended.get(0).sequence());
    }

    @Test
    void mpPaymentFromOrderToRefund() {
        String ref = "MP-EV-" + Events.uniqueTxid();
        JsonNode page = given().contentType("application/json").body("{\"service\":\"game\",\"referenceCode\":\"" + ref
                + "\",\"item\":\"Extra lives\",\"price\":\"4.99\",\"successUrl\":\"https://shop.example/ok\","
                + "\"failureUrl\":\"https://shop.example/fail\"}").post("/ops/mp/payment-page").then().statusCode(200)
                .extract().as(JsonNode.class);
        List<ChangeEvent> created = events();
        assertEquals(1, created.size(), created::toString);
        assertEquals(EventDerivation.ORDER_CREATED, created.get(0).detailType());
        assertEquals("MP", created.get(0).text("line"));

        given().redirects().follow(false).get(page.get("redirectUrl").asText() + "?result=paid").then().statusCode(302);
        assertTrue(payguru.awaitDeliveries(Duration.ofSeconds(10)));
        List<ChangeEvent> billing = events();
        assertEquals(List.of("1", "3"), billing.stream().map(e -> status(e, "status")).toList(), billing::toString);
        ChangeEvent unconfirmed = billing.get(1);
        assertEquals(false, unconfirmed.detail().get("confirmed").asBoolean());
        assertNull(unconfirmed.text("orderChange"), "a callback's paid status waits for Payguru's confirmation");
        assertEquals("callback", unconfirmed.text("cause"));
        String txId = unconfirmed.text("txId");

        given().contentType("application/json").body("{\"service\":\"2001\",\"transactionId\":\"" + txId + "\"}")
                .post("/ops/mp/transaction-get").then().statusCode(200);
        List<ChangeEvent> confirmed = events();
        assertEquals(1, confirmed.size(), confirmed::toString);
        assertEquals("confirmed", confirmed.get(0).text("change"));
        assertEquals("paid", confirmed.get(0).text("orderChange"));
        assertEquals("api-query", confirmed.get(0).text("cause"));
        assertEquals(ref, confirmed.get(0).text("orderRef"));

        given().contentType("application/json").body("{\"service\":\"2001\",\"transactionId\":\"" + txId + "\"}")
                .post("/ops/mp/transaction-refund").then().statusCode(200);
        assertTrue(payguru.awaitDeliveries(Duration.ofSeconds(10)));
        List<ChangeEvent> refund = events();
        // the simulator's 7 and 6 callbacks race the refund's own query: 6 confirmed directly (1 event), a claim then
        // its confirmation (2), or 7 and 6 as claims and then the confirmation (3); refunded is published once in all
        assertTrue(!refund.isEmpty() && refund.size() <= 3, refund::toString);
        ChangeEvent last = refund.get(refund.size() - 1);
        assertEquals("6", status(last, "status"));
        assertEquals("refunded", last.text("orderChange"));
        assertEquals(1, refund.stream().filter(e -> "refunded".equals(e.text("orderChange"))).count());
        List<Long> sequences = new ArrayList<>();
        billing.forEach(e -> sequences.add(e.sequence()));
        confirmed.forEach(e -> sequences.add(e.sequence()));
        refund.forEach(e -> sequences.add(e.sequence()));
        for (int i = 1; i < sequences.size(); i++) {
            assertTrue(sequences.get(i) > sequences.get(i - 1), "sequence grows per payment: " + sequences);
        }
    }

    @Test
    void redeliveredStreamRecordsGiveTheSameEventIds() {
        String txid = Events.uniqueTxid();
        phs(Events.phsNotify(txid, "ORD-" + txid, "3", "12.00"), 200);
        List<ChangeEvent> published = events();
        assertEquals(1, published.size());
        // the same stream records again, as Lambda redelivers them after a failed batch
        List<ChangeRecord> records = streamFromStart();
        StreamPublisher.Outcome first = new StreamPublisher(events -> events.stream().map(e -> (String) null).toList())
                .publish(records);
        StreamPublisher.Outcome again = new StreamPublisher(events -> events.stream().map(e -> (String) null).toList())
                .publish(records);
        List<String> ids = first.published().stream().map(ChangeEvent::eventId).toList();
        assertEquals(ids, again.published().stream().map(ChangeEvent::eventId).toList());
        assertTrue(ids.contains(published.get(0).eventId()), "the poller published the same id");
    }

    @Test
    void theLambdaHandlerPutsFixturesOnTheBusAndReportsNoFailure() throws IOException {
        @SuppressWarnings("unchecked")
        Map<String, Object> event = new ObjectMapper().readValue(
                Path.of("infra", "events", "event-publisher", "batch-mixed-publishes-three.json").toFile(), Map.class);
        poller.drain(); // the bus exists
        assertEquals(Map.of("batchItemFailures", List.of()), handler.handleRequest(event, null));
        // the same through the local run's raw-event route (src/site/markdown/change-events.md "Locally")
        given().body(new ObjectMapper().writeValueAsString(event)).post("/_local/invoke/event-publisher").then()
                .statusCode(200).body(org.hamcrest.Matchers.equalTo("{\"batchItemFailures\":[]}"));
    }

    @Test
    void localEventsRouteShowsWhatWasPublished() {
        String txid = Events.uniqueTxid();
        phs(Events.phsNotify(txid, "ORD-" + txid, "3", "33.00"), 200);
        JsonNode all = given().get("/_local/events").then().statusCode(200).extract().as(JsonNode.class);
        JsonNode last = all.get(all.size() - 1);
        assertEquals(EventDerivation.TRANSACTION, last.get("detail-type").asText());
        assertEquals(EventDerivation.SOURCE, last.get("source").asText());
        assertEquals(txid, last.path("detail").path("txId").asText());
        assertEquals(last.get("id").asText(), last.path("detail").path("eventId").asText());
    }

    private List<ChangeRecord> streamFromStart() {
        String arn = dynamo.describeTable(b -> b.tableName(store.table().name())).table().latestStreamArn();
        List<ChangeRecord> out = new ArrayList<>();
        for (var shard : streams.describeStream(b -> b.streamArn(arn)).streamDescription().shards()) {
            String it = streams.getShardIterator(b -> b.streamArn(arn).shardId(shard.shardId())
                    .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
            String iterator = it;
            var page = streams.getRecords(b -> b.shardIterator(iterator).limit(1000));
            page.records().forEach(r -> out.add(StreamRecords.fromSdk(r)));
        }
        return out;
    }
}
