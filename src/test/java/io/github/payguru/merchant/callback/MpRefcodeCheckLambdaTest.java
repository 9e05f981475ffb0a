package io.github.payguru.merchant.callback;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.github.payguru.merchant.mp.MpRefcodes;
import io.github.payguru.merchant.support.Fixtures;
import io.github.payguru.merchant.support.LambdaMock;
import io.quarkus.test.junit.QuarkusTest;

/** mp-refcode-check as Lambda runs it (QUARKUS_LAMBDA_HANDLER=mp-refcode-check). */
@QuarkusTest
class MpRefcodeCheckLambdaTest {

    @Inject
    MpRefcodes refcodes;

    void expect(String fixture, int status, String body) {
        given().body(Fixtures.json("mp-refcode-check", fixture)).post(LambdaMock.to("mp-refcode-check"))
                .then().statusCode(200).body("statusCode", equalTo(status)).body("body", equalTo(body));
    }

    @Test
    void fixturesThroughTheLambdaRuntime() {
        refcodes.register("3001", "XQWESTRES", null, null);
        expect("registered-code", 200, "OK");
        expect("unknown-code", 200, "NOK");
        expect("malformed-code", 200, "NOK");
        expect("missing-code", 400, "missing field: refcode");
        expect("wrong-token", 403, "Forbidden");
    }
}
