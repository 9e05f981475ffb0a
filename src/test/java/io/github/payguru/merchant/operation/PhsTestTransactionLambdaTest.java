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

/**
 * phs-test-transaction as Lambda runs it, configured for production (no sandbox URL): refused before
 * any call, whatever the input.
 */
@QuarkusTest
@TestProfile(PhsTestTransactionLambdaTest.ProductionOnly.class)
class PhsTestTransactionLambdaTest {

    public static class ProductionOnly implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("%test.payguru.api.phs-sandbox-base-url", "");
        }
    }

    @Test
    void refusedWithoutTheSandbox() {
        given().body(Fixtures.json("phs-test-transaction", "post-success")).post(LambdaMock.to("phs-test-transaction"))
                .then().statusCode(200).body("statusCode", equalTo(403))
                .body("body", containsString("\"code\":\"SANDBOX_ONLY\""))
                .body("body", containsString("\"source\":\"config\""));
        given().body(Fixtures.json("phs-test-transaction", "post-negative-amount")).post(LambdaMock.to("phs-test-transaction"))
                .then().statusCode(200).body("statusCode", equalTo(400));
    }
}
