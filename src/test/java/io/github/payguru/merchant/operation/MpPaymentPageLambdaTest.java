package io.github.payguru.merchant.operation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

import io.github.payguru.merchant.support.Fixtures;
import io.github.payguru.merchant.support.LambdaMock;
import io.quarkus.test.junit.QuarkusTest;

/** mp-payment-page as Lambda runs it (QUARKUS_LAMBDA_HANDLER=mp-payment-page): fixtures through the mock event server. */
@QuarkusTest
class MpPaymentPageLambdaTest {

    @Test
    void fixturesThroughTheLambdaRuntime() {
        given().body(Fixtures.json("mp-payment-page", "post-success")).post(LambdaMock.to("mp-payment-page"))
                .then().statusCode(200).body("statusCode", equalTo(200))
                .body("body", containsString("/_simulator/cp/pay/"));
        given().body(Fixtures.json("mp-payment-page", "post-negative-price")).post(LambdaMock.to("mp-payment-page"))
                .then().statusCode(200).body("statusCode", equalTo(400))
                .body("body", containsString("malformed field: price"));
        given().body(Fixtures.json("mp-payment-page", "post-unknown-service")).post(LambdaMock.to("mp-payment-page"))
                .then().statusCode(200).body("statusCode", equalTo(400))
                .body("body", containsString("unknown service: 999"));
    }
}
