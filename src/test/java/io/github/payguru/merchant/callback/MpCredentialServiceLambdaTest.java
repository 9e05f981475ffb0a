package io.github.payguru.merchant.callback;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

import io.github.payguru.merchant.support.Fixtures;
import io.github.payguru.merchant.support.LambdaMock;
import io.quarkus.test.junit.QuarkusTest;

/** mp-credential-service as Lambda runs it (QUARKUS_LAMBDA_HANDLER=mp-credential-service). */
@QuarkusTest
class MpCredentialServiceLambdaTest {

    @Test
    void fixturesThroughTheLambdaRuntime() {
        given().body(Fixtures.json("mp-credential-service", "good-key")).post(LambdaMock.to("mp-credential-service"))
                .then().statusCode(200).body("statusCode", equalTo(200))
                .body("body", org.hamcrest.Matchers.startsWith("{\"result\":1,\"msg\":\"SUCCESS\",\"login\":\"m9400001\",\"password\":\""));
        String first = given().body(Fixtures.json("mp-credential-service", "good-key")).post(LambdaMock.to("mp-credential-service"))
                .then().statusCode(200).extract().path("body");
        given().body(Fixtures.json("mp-credential-service", "good-key")).post(LambdaMock.to("mp-credential-service"))
                .then().statusCode(200).body("body", equalTo(first)); // issue 17 case 5: a repeat gets the same password
        given().body(Fixtures.json("mp-credential-service", "bad-key")).post(LambdaMock.to("mp-credential-service"))
                .then().statusCode(200).body("statusCode", equalTo(403))
                .body("body", equalTo("{\"result\":0,\"msg\":\"ERROR: INVALID SECUREKEY\"}"));
        given().body(Fixtures.json("mp-credential-service", "missing-securekey")).post(LambdaMock.to("mp-credential-service"))
                .then().statusCode(200).body("statusCode", equalTo(400));
    }
}
