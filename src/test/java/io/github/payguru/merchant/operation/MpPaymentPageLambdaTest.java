package io.github.payguru.merchant.operation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.github.payguru.merchant.support.Fixtures;
import io.github.payguru.merchant.support.LambdaMock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** mp-payment-page as Lambda runs it (QUARKUS_LAMBDA_HANDLER=mp-payment-page): fixtures through the mock event server. */
@QuarkusTest
@TestProfile(MpPaymentPageLambdaTest.Handler.class)
class MpPaymentPageLambdaTest {

    public static class Handler implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.lambda.handler", "mp-payment-page");
        }
    }

    @Test
    void fixturesThroughTheLambdaRuntime() {
        given().body(Fixtures.json("mp-payment-page", "post-success")).post(LambdaMock.url())
                .then().statusCode(200).body("statusCode", equalTo(200))
                .body("body", containsString("/_simulator/cp/pay/"));
        given().body(Fixtures.json("mp-payment-page", "post-negative-price")).post(LambdaMock.url())
                .then().statusCode(200).body("statusCode", equalTo(400))
                .body("body", containsString("malformed field: price"));
        given().body(Fixtures.json("mp-payment-page", "post-unknown-service")).post(LambdaMock.url())
                .then().statusCode(200).body("statusCode", equalTo(400))
                .body("body", containsString("unknown service: 999"));
    }
}
