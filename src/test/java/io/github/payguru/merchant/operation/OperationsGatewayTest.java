package io.github.payguru.merchant.operation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.github.payguru.merchant.dev.simulator.PayguruSimulator;
import io.github.payguru.merchant.lambda.Routes;
import io.github.payguru.merchant.support.GatewayPort;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The local run: every operation route on localhost (the template's routes, no auth), its success
 * fixture's body in — ids swapped for objects the simulator knows — JSON out; and a refused body.
 */
@ExtendWith(GatewayPort.class)
@QuarkusTest
class OperationsGatewayTest {

    @Inject
    PayguruSimulator payguru;

    @BeforeEach
    void gateway() {
        payguru.reset();
    }

    @AfterEach
    void reset() {
        payguru.reset();
    }

    @ParameterizedTest
    @ValueSource(strings = { "mp-payment-page", "mp-transaction-get", "mp-transaction-refund", "mp-subscription-get",
            "mp-subscription-cancel", "mp-transaction-search", "mp-subscription-search", "mp-message-search",
            "phs-payment-notification-create", "phs-payment-notification-get", "phs-transaction-get", "phs-refund-get",
            "phs-order-lookup", "phs-test-transaction" })
    void everyOperationOverHttp(String handler) throws Exception {
        Routes.Route route = Routes.ALL.stream().filter(r -> r.handler().equals(handler)).findFirst().orElseThrow();
        given().contentType("application/json").body(OperationsTestSupport.successBody(handler, payguru).toString())
                .post(route.path())
                .then().statusCode(200).contentType(startsWith("application/json"))
                .body("payguruCode", notNullValue()).body("payguru", notNullValue());
        given().contentType("application/json").body("{\"service\":")
                .post(route.path())
                .then().statusCode(400).body("error.code", equalTo("INVALID_REQUEST"))
                .body("error.source", equalTo("validation"));
        payguru.awaitDeliveries(java.time.Duration.ofSeconds(5));
    }

}
