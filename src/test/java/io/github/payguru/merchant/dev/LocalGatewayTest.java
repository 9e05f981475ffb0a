package io.github.payguru.merchant.dev;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.github.payguru.merchant.support.Events;
import io.github.payguru.merchant.support.Fixtures;
import io.github.payguru.merchant.support.GatewayPort;
import io.quarkus.test.junit.QuarkusTest;

/** The local run's HTTP entry: the template's routes served on localhost, as Payguru would call them. */
@ExtendWith(GatewayPort.class)
@QuarkusTest
class LocalGatewayTest {

    @Test
    void phsNotifyOverHttpGetPostJsonAndForm() {
        String a = Events.uniqueTxid();
        given().queryParams(Events.phsNotify(a, "ORD-" + a, "3", "12.00")).get("/payguru/phs/notify")
                .then().statusCode(200).body(equalTo("OK"));
        String b = Events.uniqueTxid();
        given().contentType("application/json").body(Events.json(Events.phsNotify(b, "ORD-" + b, "3", "12.00")))
                .post("/payguru/phs/notify").then().statusCode(200).body(equalTo("OK"));
        String c = Events.uniqueTxid();
        given().contentType("application/x-www-form-urlencoded; charset=utf-8")
                .body(Events.form(Events.phsNotify(c, "ORD-" + c, "3", "12.00")))
                .post("/payguru/phs/notify").then().statusCode(200).body(equalTo("OK"));
        Map<String, String> wrong = Events.phsNotify(Events.uniqueTxid(), "ORD-W", "3", "12.00");
        wrong.put("key", "0".repeat(32));
        given().queryParams(wrong).get("/payguru/phs/notify").then().statusCode(403).body(equalTo("Wrong Data"));
    }

    @Test
    void registeredOrderIsVerifiedOverHttp() {
        String order = "ORD-G" + Events.uniqueTxid();
        given().contentType("application/json")
                .body("{\"service\":\"SHOP\",\"order\":\"" + order + "\",\"amount\":\"99.90\",\"tckn\":\"10000000146\"}")
                .post("/_local/phs/orders").then().statusCode(201).body("order", equalTo(order));
        given().queryParams(Events.tcknVerify(order, "verify")).get("/payguru/phs/tckn-verify")
                .then().statusCode(200).body("status", equalTo(true))
                .body("tckn", equalTo(Events.TCKN_HASH_10000000146));
        given().contentType("application/json").body("{\"service\":\"SHOP\",\"order\":\"x\"}")
                .post("/_local/phs/orders").then().statusCode(400);
    }

    /** The raw-event example of src/site/markdown/local-run-and-simulator.md: any fixture to any handler, whatever
     * quarkus.lambda.handler names. */
    @Test
    void rawFixtureToAnyHandler() {
        given().contentType("application/json")
                .body("{\"service\":\"SHOP\",\"order\":\"ORD-2001\",\"amount\":\"250.00\",\"tckn\":\"12345678901\"}")
                .post("/_local/phs/orders").then().statusCode(201);
        given().body(Fixtures.json("tckn-verify", "get-verify-known-order")).post("/_local/invoke/tckn-verify")
                .then().statusCode(200).body("statusCode", equalTo(200))
                .body("body", equalTo("{\"status\":true,\"tckn\":\"" + Events.TCKN_HASH_12345678901 + "\"}"));
        given().body(Fixtures.json("phs-notify", "get-missing-key")).post("/_local/invoke/phs-notify")
                .then().statusCode(200).body("statusCode", equalTo(400)).body("body", equalTo("missing field: key"));
        given().body("{}").post("/_local/invoke/no-such-function").then().statusCode(404);
        given().body("[1,2]").post("/_local/invoke/phs-notify").then().statusCode(400);
    }
}
