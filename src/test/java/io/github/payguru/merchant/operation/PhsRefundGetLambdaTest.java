package io.github.payguru.merchant.operation;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** phs-refund-get through the Lambda mock event server (QUARKUS_LAMBDA_HANDLER=phs-refund-get). */
@QuarkusTest
@TestProfile(PhsRefundGetLambdaTest.Handler.class)
class PhsRefundGetLambdaTest extends OperationLambdaTest {

    public static class Handler implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.lambda.handler", "phs-refund-get");
        }
    }

    @Override
    String handler() {
        return "phs-refund-get";
    }
}
