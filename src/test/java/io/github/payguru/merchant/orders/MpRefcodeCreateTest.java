package io.github.payguru.merchant.orders;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.github.payguru.merchant.dev.simulator.MpTransaction;
import io.github.payguru.merchant.mp.MpRefcodes;
import io.github.payguru.merchant.store.LedgerReader;
import io.github.payguru.merchant.store.RefcodeItem;
import io.github.payguru.merchant.store.TableLayout;
import io.github.payguru.merchant.support.Events;
import io.github.payguru.merchant.support.Fixtures;
import io.github.payguru.merchant.support.LambdaMock;
import io.github.payguru.merchant.support.SynchronousSimulator;
import io.quarkus.test.junit.QuarkusTest;

/**
 * mp-refcode-create through the Lambda runtime and the local gateway, then an SMS purchase in the simulator with
 * that code: the payment is stored under the code's order and merchant-order-get shows it.
 */
@QuarkusTest
class MpRefcodeCreateTest extends SynchronousSimulator {

    static final String HANDLER = "mp-refcode-create";


    @Inject
    LedgerReader reader;

    @Inject
    MpRefcodes refcodes;


    static MerchantOrderGetTest.Answer create(String body) throws Exception {
        return MerchantOrderGetTest.invoke(HANDLER, body);
    }

    @Test
    void givenCodeIsRegisteredOnceAndReuseIsRefused() throws Exception {
        String id = Events.uniqueTxid();
        String code = "GIVEN" + id;
        String order = "ORD-RC-" + id;
        String body = "{\"service\":\"2001\",\"code\":\"" + code + "\",\"order\":\"" + order + "\",\"validMinutes\":45}";
        MerchantOrderGetTest.Answer created = create(body);
        assertEquals(201, created.status(), created.body()::toString);
        assertEquals(code, created.body().get("code").asText());
        assertEquals("2001", created.body().get("service").asText());
        assertEquals(order, created.body().get("order").asText());
        Instant until = Instant.parse(created.body().get("validUntil").asText());
        assertTrue(until.isAfter(Instant.now().plus(Duration.ofMinutes(44))) && until.isBefore(Instant.now().plusSeconds(46 * 60)));

        MerchantOrderGetTest.Answer again = create(body);
        assertEquals(200, again.status(), "the same registration again: renewed");
        assertFalse(again.body().get("created").asBoolean());

        MerchantOrderGetTest.Answer otherOrder = create(body.replace(order, order + "-X"));
        assertEquals(409, otherOrder.status());
        assertEquals("CONFLICT", otherOrder.body().get("error").get("code").asText());
        MerchantOrderGetTest.Answer otherService = create("{\"service\":\"2002\",\"code\":\"" + code + "\",\"order\":\""
                + order + "\"}");
        assertEquals(409, otherService.status());

        for (String fixture : List.of("post-malformed-code-bad-request", "post-validity-too-long-bad-request",
                "post-unknown-service-bad-request")) {
            given().body(Fixtures.json(HANDLER, fixture)).post(LambdaMock.to(HANDLER)).then().statusCode(200)
                    .body("statusCode", equalTo(400));
        }
        assertEquals(400, create("{\"service\":\"2001\",\"code\":\"" + code + "\"}").status(), "the order is required");
        assertEquals(400, create("{\"service\":\"2001\",\"order\":\"" + order + "\",\"validMinutes\":0}").status());
        // the REFKOD check knows it
        given().queryParam("refcode", code).queryParam("token", "local-mp-token").get("/payguru/mp/refcode").then()
                .statusCode(200).body(equalTo("OK"));
    }

    @Test
    void generatedCodeThenAnSmsPaymentIsLinkedToTheOrder() throws Exception {
        String order = "ORD-SMS-" + Events.uniqueTxid();
        // through the local gateway: the route is served locally as in AWS
        JsonNode created = given().contentType("application/json")
                .body("{\"service\":\"game\",\"order\":\"" + order + "\"}").post("/ops/mp/refcode-create")
                .then().statusCode(201).extract().as(JsonNode.class);
        String code = created.get("code").asText();
        assertTrue(code.matches("[A-Z2-9]{8}"), code);
        assertTrue(created.get("generated").asBoolean());

        sim.setDelivery(2, 0, false); // every notification delivered twice: a duplicate changes nothing
        MpTransaction tx = sim.smsPurchase("2001", "2.50", "GAMEPACK", code, "905551112233", true);
        assertTrue(sim.awaitDeliveries(Duration.ofSeconds(10)));
        sim.deliveries().forEach(d -> assertEquals(200, d.status(), d.toString()));

        RefcodeItem used = reader.item(RefcodeItem.SCHEMA, TableLayout.mpRefcode(code), RefcodeItem.SORT).orElseThrow();
        assertEquals("used", used.status);
        assertEquals(tx.id, used.usedBy);
        assertEquals(order, reader.transaction(TableLayout.mpTransaction(tx.id)).orElseThrow().orderRef);

        MerchantOrderGetTest.Answer lookup = MerchantOrderGetTest.order(order);
        assertEquals(200, lookup.status(), lookup.body()::toString);
        JsonNode t = lookup.body().get("transactions").get(0);
        assertEquals(tx.id, t.get("txId").asText());
        assertEquals("3", t.get("status").get("code").asText());
        assertEquals("2.5", t.get("amount").asText());
        assertEquals(List.of("1", "3"), MerchantOrderGetTest.timelineStatuses(lookup.body()));
        MerchantOrderGetTest.assertNoPersonalData(lookup.body(), "905551112233", "GAMEPACK");

        // used: neither registered again nor valid for the check, and another payment with it is not linked
        MerchantOrderGetTest.Answer reuse = create("{\"service\":\"2001\",\"code\":\"" + code + "\",\"order\":\"" + order + "\"}");
        assertEquals(409, reuse.status());
        assertTrue(reuse.body().toString().contains("already used"), reuse.body()::toString);
        MpTransaction second = sim.smsPurchase("2001", "2.50", "GAMEPACK", code, null, true);
        assertTrue(sim.awaitDeliveries(Duration.ofSeconds(10)));
        assertEquals(code, reader.transaction(TableLayout.mpTransaction(second.id)).orElseThrow().orderRef,
                "a used code links no other payment: the order is stored as sent");
        assertEquals(1, MerchantOrderGetTest.order(order).body().get("transactions").size());
    }

    @Test
    void theDevRouteStillRegisters() {
        String code = "DEV" + Events.uniqueTxid();
        given().contentType("application/json").body("{\"service\":\"3001\",\"refcode\":\"" + code
                + "\",\"validMinutes\":30}").post("/_local/mp/refcodes").then().statusCode(201)
                .body("refcode", equalTo(code));
        assertEquals("registered", refcodes.registration("3001", code, null, null).item().status);
    }
}
