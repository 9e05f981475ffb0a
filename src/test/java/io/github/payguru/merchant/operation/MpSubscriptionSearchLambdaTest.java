package io.github.payguru.merchant.operation;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** mp-subscription-search through the Lambda mock event server (QUARKUS_LAMBDA_HANDLER=mp-subscription-search). */
@QuarkusTest
@TestProfile(MpSubscriptionSearchLambdaTest.Handler.class)
class MpSubscriptionSearchLambdaTest extends OperationLambdaTest {

    public static class Handler implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.lambda.handler", "mp-subscription-search");
        }
    }

    @Override
    String handler() {
        return "mp-subscription-search";
    }
}
