package io.github.payguru.merchant.callback;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.github.payguru.merchant.mp.MpSubscriptions;
import io.github.payguru.merchant.support.Fixtures;
import io.github.payguru.merchant.support.LambdaMock;
import io.quarkus.test.junit.QuarkusTest;

/** mp-subscription-notification as Lambda runs it (QUARKUS_LAMBDA_HANDLER=mp-subscription-notification). */
@QuarkusTest
class MpSubscriptionNotificationLambdaTest {

    @Inject
    MpSubscriptions subscriptions;

    void expect(String fixture, int status, String body) {
        given().body(Fixtures.json("mp-subscription-notification", fixture)).post(LambdaMock.to("mp-subscription-notification"))
                .then().statusCode(200).body("statusCode", equalTo(status)).body("body", equalTo(body));
    }

    @Test
    void fixturesThroughTheLambdaRuntime() {
        expect("active", 200, "OK");
        expect("active-after-retry", 200, "OK");
        expect("retry", 200, "OK");
        expect("late-retry-older-txid", 200, "OK");
        assertEquals("active", subscriptions.find("9300001").orElseThrow().status, "ordered by txId, not arrival");
        expect("cancelled", 200, "OK");
        expect("new-cycle-after-cancel", 200, "OK");
        expect("unrecognized-status", 200, "OK");
        expect("wrong-token", 403, "Forbidden");
        expect("unknown-service", 400, "unknown service: 3999");
        expect("unrecognized-status-before-active", 200, "OK");
        expect("active-after-unrecognized-status", 200, "OK");
        assertEquals("active", subscriptions.find("9300011").orElseThrow().status,
                "an undocumented status with a higher txId does not hide the documented one");
        expect("leading-zero-subsid", 400,
                "malformed field: subsId (1 to 19 ASCII digits without sign or leading zero, not 0)");
        expect("zero-txid", 400, "malformed field: txId (1 to 19 ASCII digits without sign or leading zero, not 0)");
    }
}
