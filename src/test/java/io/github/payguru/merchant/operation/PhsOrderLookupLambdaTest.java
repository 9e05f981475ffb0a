package io.github.payguru.merchant.operation;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** phs-order-lookup through the Lambda mock event server (QUARKUS_LAMBDA_HANDLER=phs-order-lookup). */
@QuarkusTest
@TestProfile(PhsOrderLookupLambdaTest.Handler.class)
class PhsOrderLookupLambdaTest extends OperationLambdaTest {

    public static class Handler implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.lambda.handler", "phs-order-lookup");
        }
    }

    @Override
    String handler() {
        return "phs-order-lookup";
    }
}
