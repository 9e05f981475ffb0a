package io.github.payguru.merchant.operation;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** mp-transaction-get through the Lambda mock event server (QUARKUS_LAMBDA_HANDLER=mp-transaction-get). */
@QuarkusTest
@TestProfile(MpTransactionGetLambdaTest.Handler.class)
class MpTransactionGetLambdaTest extends OperationLambdaTest {

    public static class Handler implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.lambda.handler", "mp-transaction-get");
        }
    }

    @Override
    String handler() {
        return "mp-transaction-get";
    }
}
