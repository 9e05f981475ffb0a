package io.github.payguru.merchant.operation;


import io.quarkus.test.junit.QuarkusTest;

/** phs-payment-notification-get through the Lambda mock event server (QUARKUS_LAMBDA_HANDLER=phs-payment-notification-get). */
@QuarkusTest
class PhsPaymentNotificationGetLambdaTest extends OperationLambdaTest {

    @Override
    String handler() {
        return "phs-payment-notification-get";
    }
}
