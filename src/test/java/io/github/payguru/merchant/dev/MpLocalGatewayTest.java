package io.github.payguru.merchant.dev;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.github.payguru.merchant.mp.MpSubscriptions;
import io.github.payguru.merchant.mp.MpTransactions;
import io.github.payguru.merchant.support.Events;
import io.github.payguru.merchant.support.GatewayPort;
import io.github.payguru.merchant.support.MpEvents;
import io.quarkus.test.junit.QuarkusTest;

/** The four MP callbacks over HTTP on the local gateway (source 127.0.0.1, allowed in the test profile). */
@ExtendWith(GatewayPort.class)
@QuarkusTest
class MpLocalGatewayTest {

    @Inject
    MpTransactions transactions;

    @Inject
    MpSubscriptions subscriptions;

    @Test
    void billingAndSubscriptionOverHttp() {
        String tx = Events.uniqueTxid();
        Map<String, String> p = MpEvents.billing(tx, "3");
        p.put("campaign", "spring sale");
        given().queryParams(p).get(MpEvents.BILLING).then().statusCode(200).body(equalTo("OK"));
        assertEquals("3", transactions.find(tx).orElseThrow().status);
        assertEquals("spring sale", transactions.find(tx).orElseThrow().attributes.get("campaign"));
        Map<String, String> wrong = MpEvents.billing(Events.uniqueTxid(), "3");
        wrong.put("token", "guess");
        given().queryParams(wrong).get(MpEvents.BILLING).then().statusCode(403).body(equalTo("Forbidden"));

        String subsId = Events.uniqueTxid();
        given().queryParams(MpEvents.subscription(subsId, "20", "retry", "L-" + subsId)).get(MpEvents.SUBSCRIPTION)
                .then().statusCode(200).body(equalTo("OK"));
        given().queryParams(MpEvents.subscription(subsId, "19", "active", "L-" + subsId)).get(MpEvents.SUBSCRIPTION)
                .then().statusCode(200).body(equalTo("OK"));
        assertEquals("retry", subscriptions.find(subsId).orElseThrow().status);
    }

    @Test
    void credentialsAndRefcodeOverHttp() {
        String subsId = Events.uniqueTxid();
        given().queryParams(MpEvents.credentials(subsId, MpEvents.SECRET)).get(MpEvents.CREDENTIALS)
                .then().statusCode(200).body("result", equalTo(1)).body("login", equalTo("m" + subsId));
        given().queryParams(MpEvents.credentials(subsId, "wrong")).get(MpEvents.CREDENTIALS)
                .then().statusCode(403).body("msg", equalTo("ERROR: INVALID SECUREKEY"));

        given().contentType("application/json").body("{\"service\":\"3001\",\"refcode\":\"LOCAL" + subsId.substring(0, 6)
                + "\",\"validMinutes\":5}").post("/_local/mp/refcodes").then().statusCode(201);
        given().queryParams(MpEvents.refcode("LOCAL" + subsId.substring(0, 6))).get(MpEvents.REFCODE)
                .then().statusCode(200).body(equalTo("OK"));
        given().queryParams(MpEvents.refcode("NEVERSEEN")).get(MpEvents.REFCODE).then().statusCode(200).body(equalTo("NOK"));
        given().contentType("application/json").body("{\"service\":\"3001\",\"refcode\":\"!\"}")
                .post("/_local/mp/refcodes").then().statusCode(400);
    }
}
