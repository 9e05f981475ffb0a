package io.github.payguru.merchant.operation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.github.payguru.merchant.http.Routes;
import io.github.payguru.merchant.support.Fixtures;
import io.github.payguru.merchant.support.StubPayguru;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/** The local run: every operation route on localhost, its success fixture's body in, JSON out. */
@QuarkusTest
class OperationsGatewayTest {

    @Inject
    StubPayguru payguru;

    @BeforeEach
    void gateway() {
        RestAssured.port = ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class);
        payguru.reset();
        payguru.seedMpTransaction("9100001", "3", "12.50");
        payguru.seedMpTransaction("9100002", "3", "12.50");
        payguru.seedSubscription("7700001", "active");
        payguru.seedSubscription("7700002", "active");
        payguru.seedPhsTransaction("7000101", "PHS-ORD-3001", "250.00", "3");
    }

    @AfterEach
    void reset() {
        RestAssured.reset();
    }

    @ParameterizedTest
    @ValueSource(strings = { "mp-payment-page", "mp-transaction-get", "mp-transaction-refund", "mp-subscription-get",
            "mp-subscription-cancel", "mp-transaction-search", "mp-subscription-search", "mp-message-search",
            "phs-payment-notification-create", "phs-payment-notification-get", "phs-transaction-get", "phs-refund-get",
            "phs-order-lookup", "phs-test-transaction" })
    void everyOperationOverHttp(String handler) {
        Routes.Route route = Routes.ALL.stream().filter(r -> r.handler().equals(handler)).findFirst().orElseThrow();
        given().contentType("application/json").body(Fixtures.event(handler, "post-success").getBody())
                .post(route.path())
                .then().statusCode(200).contentType(startsWith("application/json"))
                .body("payguruCode", notNullValue()).body("payguru", notNullValue());
        given().contentType("application/json").body("{\"service\":")
                .post(route.path())
                .then().statusCode(400).body("error.code", equalTo("INVALID_REQUEST"))
                .body("error.source", equalTo("validation"));
    }
}
