package io.github.payguru.merchant.operation;


import io.quarkus.test.junit.QuarkusTest;

/** phs-payment-notification-create through the Lambda mock event server (QUARKUS_LAMBDA_HANDLER=phs-payment-notification-create). */
@QuarkusTest
class PhsPaymentNotificationCreateLambdaTest extends OperationLambdaTest {

    @Override
    String handler() {
        return "phs-payment-notification-create";
    }
}
