package io.github.payguru.merchant.callback;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

import io.github.payguru.merchant.support.Fixtures;
import io.github.payguru.merchant.support.LambdaMock;
import io.quarkus.test.junit.QuarkusTest;

/** phs-notify as Lambda runs it: fixture events posted to the Lambda mock event server. */
@QuarkusTest
class PhsNotifyLambdaTest {


    @Test
    void fixturesThroughTheLambdaRuntime() {
        given().body(Fixtures.json("phs-notify", "get-success")).post(LambdaMock.to("phs-notify"))
                .then().statusCode(200).body("statusCode", equalTo(200)).body("body", equalTo("OK"));
        given().body(Fixtures.json("phs-notify", "post-json-success")).post(LambdaMock.to("phs-notify"))
                .then().statusCode(200).body("statusCode", equalTo(200)).body("body", equalTo("OK"));
        given().body(Fixtures.json("phs-notify", "post-form-success")).post(LambdaMock.to("phs-notify"))
                .then().statusCode(200).body("statusCode", equalTo(200)).body("body", equalTo("OK"));
        given().body(Fixtures.json("phs-notify", "get-wrong-key-status-3")).post(LambdaMock.to("phs-notify"))
                .then().statusCode(200).body("statusCode", equalTo(403)).body("body", equalTo("Wrong Data"));
        given().body(Fixtures.json("phs-notify", "get-missing-key")).post(LambdaMock.to("phs-notify"))
                .then().statusCode(200).body("statusCode", equalTo(400)).body("body", equalTo("missing field: key"));
        given().body(Fixtures.json("phs-notify", "get-late-processing-after-success")).post(LambdaMock.to("phs-notify"))
                .then().statusCode(200).body("statusCode", equalTo(200)).body("body", equalTo("OK"));
        given().body(Fixtures.json("phs-notify", "get-conflicting-amount")).post(LambdaMock.to("phs-notify"))
                .then().statusCode(200).body("statusCode", equalTo(409));
        given().body(Fixtures.json("phs-notify", "get-unknown-status-before-success")).post(LambdaMock.to("phs-notify"))
                .then().statusCode(200).body("statusCode", equalTo(200)).body("body", equalTo("OK"));
        given().body(Fixtures.json("phs-notify", "get-success-after-unknown-status")).post(LambdaMock.to("phs-notify"))
                .then().statusCode(200).body("statusCode", equalTo(200)).body("body", equalTo("OK"));
        given().body(Fixtures.json("phs-notify", "get-zero-amount-success")).post(LambdaMock.to("phs-notify"))
                .then().statusCode(200).body("statusCode", equalTo(400))
                .body("body", equalTo("malformed field: amount (must be greater than zero)"));
        given().body(Fixtures.json("phs-notify", "get-leading-zero-txid")).post(LambdaMock.to("phs-notify"))
                .then().statusCode(200).body("statusCode", equalTo(400))
                .body("body", equalTo("malformed field: txid (1 to 19 ASCII digits without sign or leading zero, not 0)"));
    }
}
