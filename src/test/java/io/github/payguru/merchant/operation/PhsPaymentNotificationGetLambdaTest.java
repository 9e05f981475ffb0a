package io.github.payguru.merchant.operation;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** phs-payment-notification-get through the Lambda mock event server (QUARKUS_LAMBDA_HANDLER=phs-payment-notification-get). */
@QuarkusTest
@TestProfile(PhsPaymentNotificationGetLambdaTest.Handler.class)
class PhsPaymentNotificationGetLambdaTest extends OperationLambdaTest {

    public static class Handler implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.lambda.handler", "phs-payment-notification-get");
        }
    }

    @Override
    String handler() {
        return "phs-payment-notification-get";
    }
}
