package io.github.payguru.merchant.callback;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.github.payguru.merchant.phs.PhsOrders;
import io.github.payguru.merchant.support.Events;
import io.github.payguru.merchant.support.Fixtures;
import io.github.payguru.merchant.support.LambdaMock;
import io.quarkus.test.junit.QuarkusTest;

/** tckn-verify as Lambda runs it (QUARKUS_LAMBDA_HANDLER=tckn-verify), fixtures through the mock event server. */
@QuarkusTest
class TcknVerifyLambdaTest {

    @Inject
    PhsOrders orders;

    @Test
    void fixturesThroughTheLambdaRuntime() {
        orders.register("SHOP", "ORD-2001", "250.00", "12345678901", null);
        given().body(Fixtures.json("tckn-verify", "get-verify-known-order")).post(LambdaMock.to("tckn-verify"))
                .then().statusCode(200).body("statusCode", equalTo(200))
                .body("body", equalTo("{\"status\":true,\"tckn\":\"" + Events.TCKN_HASH_12345678901 + "\"}"));
        given().body(Fixtures.json("tckn-verify", "post-json-verify-known-order")).post(LambdaMock.to("tckn-verify"))
                .then().statusCode(200).body("statusCode", equalTo(200));
        given().body(Fixtures.json("tckn-verify", "get-verified")).post(LambdaMock.to("tckn-verify"))
                .then().statusCode(200).body("statusCode", equalTo(200));
        given().body(Fixtures.json("tckn-verify", "get-unverified")).post(LambdaMock.to("tckn-verify"))
                .then().statusCode(200).body("statusCode", equalTo(200));
        given().body(Fixtures.json("tckn-verify", "get-verify-unknown-order")).post(LambdaMock.to("tckn-verify"))
                .then().statusCode(200).body("body", equalTo("{\"status\":false,\"tckn\":null}"));
        given().body(Fixtures.json("tckn-verify", "get-wrong-key")).post(LambdaMock.to("tckn-verify"))
                .then().statusCode(200).body("statusCode", equalTo(403));
    }
}
