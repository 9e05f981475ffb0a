package io.github.payguru.merchant.operation;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** mp-transaction-refund through the Lambda mock event server (QUARKUS_LAMBDA_HANDLER=mp-transaction-refund). */
@QuarkusTest
@TestProfile(MpTransactionRefundLambdaTest.Handler.class)
class MpTransactionRefundLambdaTest extends OperationLambdaTest {

    public static class Handler implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.lambda.handler", "mp-transaction-refund");
        }
    }

    @Override
    String handler() {
        return "mp-transaction-refund";
    }
}
