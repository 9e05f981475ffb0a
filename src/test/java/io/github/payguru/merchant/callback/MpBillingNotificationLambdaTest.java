package io.github.payguru.merchant.callback;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

import io.github.payguru.merchant.support.Fixtures;
import io.github.payguru.merchant.support.LambdaMock;
import io.quarkus.test.junit.QuarkusTest;

/** mp-billing-notification as Lambda runs it (QUARKUS_LAMBDA_HANDLER=mp-billing-notification). */
@QuarkusTest
class MpBillingNotificationLambdaTest {

    void expect(String fixture, int status, String body) {
        given().body(Fixtures.json("mp-billing-notification", fixture)).post(LambdaMock.to("mp-billing-notification"))
                .then().statusCode(200).body("statusCode", equalTo(status)).body("body", equalTo(body));
    }

    @Test
    void fixturesThroughTheLambdaRuntime() {
        expect("paid", 200, "OK");
        expect("late-waiting-after-paid", 200, "OK");
        expect("refund-in-progress-after-paid", 200, "OK");
        expect("refunded-after-refund-in-progress", 200, "OK");
        expect("waiting", 200, "OK");
        expect("unknown-status", 200, "OK");
        expect("renewal-paid", 200, "OK");
        expect("paid-with-pass-through", 200, "OK");
        expect("paid-from-allowed-ipv6", 200, "OK");
        expect("conflicting-amount", 409,
                "Conflict: this txId is already recorded with a different service, amount, order or subsId");
        expect("wrong-token", 403, "Forbidden");
        expect("source-not-allowed", 403, "Forbidden");
        expect("non-numeric-txid", 400, "malformed field: txId (1 to 19 ASCII digits without sign or leading zero, not 0)");
        expect("unknown-operator", 400, "unknown operator: 9");
        expect("unknown-status-before-paid", 200, "OK");
        expect("paid-after-unknown-status", 200, "OK");
        expect("expired-without-amount", 200, "OK");
        expect("paid-without-amount", 400, "missing field: amount (required with status 3)");
        expect("refunded-without-amount", 400, "missing field: amount (required with status 6)");
        expect("leading-zero-txid", 400,
                "malformed field: txId (1 to 19 ASCII digits without sign or leading zero, not 0)");
    }
}
