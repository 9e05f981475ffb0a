package io.github.payguru.merchant.orders;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.payguru.merchant.support.Events;
import io.github.payguru.merchant.support.Fixtures;
import io.github.payguru.merchant.support.LambdaMock;
import io.github.payguru.merchant.support.LeakScan;
import io.github.payguru.merchant.support.MpEvents;
import io.github.payguru.merchant.support.SynchronousSimulator;
import io.quarkus.test.junit.QuarkusTest;

/**
 * merchant-order-get through the Lambda runtime (the mock event server) on the local DynamoDB: orders made by
 * the real callbacks and operations (local gateway, Payguru simulator), then read back by order reference.
 */
@QuarkusTest
class MerchantOrderGetTest extends SynchronousSimulator {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String HANDLER = "merchant-order-get";
    static final String CLEAR_MSISDN = "905551112233";



    /** The operation through the Lambda runtime: its HTTP status and JSON answer. */
    static Answer invoke(String handler, String body) throws Exception {
        ObjectNode event = (ObjectNode) JSON.readTree(Fixtures.json(handler, handler.equals(HANDLER)
                ? "post-known-order" : "post-given-code-created"));
        event.put("body", body);
        JsonNode response = JSON.readTree(given().body(event.toString()).post(LambdaMock.to(handler))
                .then().statusCode(200).extract().asString());
        return new Answer(response.get("statusCode").asInt(), JSON.readTree(response.get("body").asText()));
    }

    record Answer(int status, JsonNode body) {
    }

    static Answer order(String order) throws Exception {
        return invoke(HANDLER, JSON.createObjectNode().put("order", order).toString());
    }

    static List<String> timelineStatuses(JsonNode answer) {
        List<String> out = new ArrayList<>();
        answer.get("timeline").forEach(e -> out.add(e.get("status").get("code").asText()));
        return out;
    }

    static void assertTimelineOrdered(JsonNode answer) {
        Instant last = Instant.MIN;
        for (JsonNode e : answer.get("timeline")) {
            Instant at = Instant.parse(e.get("at").asText());
            assertFalse(at.isBefore(last), "timeline in time order: " + answer);
            last = at;
        }
    }

    static void assertNoPersonalData(JsonNode answer, String... planted) {
        List<LeakScan.Hit> hits = new LeakScan(List.of(MpEvents.TOKEN, Events.MERCHANT_KEY, Events.SHOP_KEY),
                List.of(planted)).text("answer", answer.toString(), true);
        assertEquals(List.of(), hits, answer::toString);
    }

    @Test
    void phsOrderPaid() throws Exception {
        String txid = Events.uniqueTxid();
        String order = "ORD-OG-" + txid;
        given().contentType("application/json").body("{\"service\":\"SHOP\",\"order\":\"" + order
                + "\",\"amount\":\"250.00\",\"tckn\":\"12345678901\"}").post("/_local/phs/orders").then().statusCode(201);
        given().queryParams(Events.phsNotify(txid, order, "5", "250.00")).get("/payguru/phs/notify").then().statusCode(200);
        given().queryParams(Events.phsNotify(txid, order, "3", "250.00")).get("/payguru/phs/notify").then().statusCode(200);
        given().queryParams(Events.phsNotify(txid, order, "3", "250.00")).get("/payguru/phs/notify").then().statusCode(200);

        Answer a = order(order);
        assertEquals(200, a.status(), a.body()::toString);
        JsonNode body = a.body();
        assertEquals(order, body.get("order").asText());
        assertEquals(1, body.get("orders").size());
        assertEquals("PHS", body.get("orders").get(0).get("line").asText());
        assertEquals("created", body.get("orders").get(0).get("status").asText());
        JsonNode tx = body.get("transactions").get(0);
        assertEquals(txid, tx.get("txId").asText());
        assertEquals("3", tx.get("status").get("code").asText());
        assertEquals("success", tx.get("status").get("name").asText());
        assertTrue(tx.get("paid").asBoolean());
        assertFalse(tx.get("confirmed").asBoolean(), "a notify's success is a claim until transaction/get shows it");
        assertFalse(tx.get("fulfillable").asBoolean(), "so nothing to deliver yet (issue 17 case 3)");
        assertEquals("250", tx.get("amount").asText(), "the exact canonical decimal text");
        assertTrue(tx.get("amount").isTextual());
        assertEquals(List.of("created", "5", "3"), timelineStatuses(body), "a duplicate is not a change");
        assertEquals("operation", body.get("timeline").get(0).get("cause").asText());
        assertEquals("callback", body.get("timeline").get(2).get("cause").asText());
        assertTimelineOrdered(body);
        assertNoPersonalData(body, "12345678901");

        Answer ofService = invoke(HANDLER, "{\"order\":\"" + order + "\",\"service\":\"SHOP\"}");
        assertEquals(200, ofService.status());
        Answer otherService = invoke(HANDLER, "{\"order\":\"" + order + "\",\"service\":\"2001\"}");
        assertEquals(404, otherService.status(), "nothing of that service");
    }

    @Test
    void mpPaymentPageOrderPaidConfirmedAndRefunded() throws Exception {
        String ref = "MP-OG-" + Events.uniqueTxid();
        JsonNode page = given().contentType("application/json").body("{\"service\":\"game\",\"referenceCode\":\"" + ref
                + "\",\"item\":\"Extra lives\",\"price\":\"4.99\",\"successUrl\":\"https://shop.example/ok\","
                + "\"failureUrl\":\"https://shop.example/fail\"}").post("/ops/mp/payment-page").then().statusCode(200)
                .extract().as(JsonNode.class);
        given().redirects().follow(false).get(page.get("redirectUrl").asText() + "?result=paid&msisdn=" + CLEAR_MSISDN)
                .then().statusCode(302);
        assertTrue(sim.awaitDeliveries(Duration.ofSeconds(10)));
        String txId = sim.mpTransactions().stream().filter(t -> ref.equals(t.referenceCode)).findFirst().orElseThrow().id;

        JsonNode unconfirmed = order(ref).body().get("transactions").get(0);
        assertEquals("paid", unconfirmed.get("status").get("name").asText());
        assertFalse(unconfirmed.get("confirmed").asBoolean(), "a callback's paid status awaits Payguru's API");
        assertFalse(unconfirmed.get("fulfillable").asBoolean());

        given().contentType("application/json").body("{\"service\":\"2001\",\"transactionId\":\"" + txId + "\"}")
                .post("/ops/mp/transaction-get").then().statusCode(200);
        JsonNode confirmed = order(ref).body();
        assertTrue(confirmed.get("transactions").get(0).get("confirmed").asBoolean());
        assertTrue(confirmed.get("transactions").get(0).get("fulfillable").asBoolean(), "deliver on this");
        JsonNode lastChange = confirmed.get("timeline").get(confirmed.get("timeline").size() - 1);
        assertEquals("api-query", lastChange.get("cause").asText(), "the confirmation by query is on the timeline");

        given().contentType("application/json").body("{\"service\":\"2001\",\"transactionId\":\"" + txId + "\"}")
                .post("/ops/mp/transaction-refund").then().statusCode(200);
        assertTrue(sim.awaitDeliveries(Duration.ofSeconds(10)));
        JsonNode body = order(ref).body();
        assertEquals("MP", body.get("orders").get(0).get("line").asText());
        JsonNode tx = body.get("transactions").get(0);
        assertEquals(txId, tx.get("txId").asText());
        assertEquals("6", tx.get("status").get("code").asText());
        assertEquals("refunded", tx.get("status").get("name").asText());
        assertFalse(tx.get("paid").asBoolean());
        assertEquals("4.99", tx.get("amount").asText());
        List<String> statuses = timelineStatuses(body);
        assertEquals("created", statuses.get(0));
        assertTrue(statuses.containsAll(List.of("1", "3", "6")), statuses::toString);
        assertTimelineOrdered(body);
        assertNoPersonalData(body, CLEAR_MSISDN, "Extra lives");
    }

    @Test
    void subscriptionWithTwoCycles() throws Exception {
        String order = "MP-SUBOG-" + Events.uniqueTxid();
        String first = Events.uniqueTxid();
        String second = Events.uniqueTxid();
        String tx1 = Events.uniqueTxid();
        String tx2 = Events.uniqueTxid();
        String tx3 = Events.uniqueTxid();
        sub(MpEvents.subscription(first, tx1, "active", order));
        Map<String, String> charge = MpEvents.billing(tx1, "3");
        charge.put("order", order);
        charge.put("subsId", first);
        charge.put("billingType", "subscription");
        given().queryParams(charge).get(MpEvents.BILLING).then().statusCode(200);
        sub(MpEvents.subscription(first, tx2, "cancelled", order));
        sub(MpEvents.subscription(second, tx3, "active", order));

        JsonNode body = order(order).body();
        assertEquals(0, body.get("orders").size(), "no order item: the cycles and charges are found by order");
        assertEquals(2, body.get("subscriptions").size(), body::toString);
        List<String> cycles = new ArrayList<>();
        body.get("subscriptions").forEach(s -> cycles.add(s.get("subsId").asText() + "=" + s.get("status").get("code").asText()));
        assertTrue(cycles.containsAll(List.of(first + "=cancelled", second + "=active")), cycles::toString);
        JsonNode t = body.get("transactions").get(0);
        assertEquals(first, t.get("subsId").asText());
        assertEquals("9.99", t.get("amount").asText());
        assertFalse(t.get("confirmed").asBoolean());
        assertEquals(List.of("active", "3", "cancelled", "active"), timelineStatuses(body));
        assertTimelineOrdered(body);
        assertNoPersonalData(body, MpEvents.MSISDN, "Gold membership");
    }

    static void sub(Map<String, String> params) {
        given().queryParams(params).get(MpEvents.SUBSCRIPTION).then().statusCode(200);
    }

    @Test
    void unknownOrderIsNotFoundAndMalformedIsRefused() throws Exception {
        Answer unknown = order("NO-SUCH-ORDER-" + Events.uniqueTxid());
        assertEquals(404, unknown.status());
        assertEquals("NOT_FOUND", unknown.body().get("error").get("code").asText());
        for (String fixture : List.of("post-malformed-order-bad-request", "post-missing-order-bad-request")) {
            given().body(Fixtures.json(HANDLER, fixture)).post(LambdaMock.to(HANDLER)).then().statusCode(200)
                    .body("statusCode", org.hamcrest.Matchers.equalTo(400))
                    .body("body", org.hamcrest.Matchers.containsString("INVALID_REQUEST"));
        }
        given().body(Fixtures.json(HANDLER, "post-unknown-order-not-found")).post(LambdaMock.to(HANDLER)).then()
                .statusCode(200).body("statusCode", org.hamcrest.Matchers.equalTo(404));
        Answer unknownService = invoke(HANDLER, "{\"order\":\"X-1\",\"service\":\"NOPE\"}");
        assertEquals(400, unknownService.status());
        // the local gateway serves the same route
        given().contentType("application/json").body("{\"order\":\"bad order\"}").post("/ops/merchant/order-get")
                .then().statusCode(400);
    }
}
