package io.github.payguru.merchant.operation;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** phs-transaction-get through the Lambda mock event server (QUARKUS_LAMBDA_HANDLER=phs-transaction-get). */
@QuarkusTest
@TestProfile(PhsTransactionGetLambdaTest.Handler.class)
class PhsTransactionGetLambdaTest extends OperationLambdaTest {

    public static class Handler implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.lambda.handler", "phs-transaction-get");
        }
    }

    @Override
    String handler() {
        return "phs-transaction-get";
    }
}
