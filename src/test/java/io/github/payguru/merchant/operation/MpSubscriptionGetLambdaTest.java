package io.github.payguru.merchant.operation;


import io.quarkus.test.junit.QuarkusTest;

/** mp-subscription-get through the Lambda mock event server (QUARKUS_LAMBDA_HANDLER=mp-subscription-get). */
@QuarkusTest
class MpSubscriptionGetLambdaTest extends OperationLambdaTest {

    @Override
    String handler() {
        return "mp-subscription-get";
    }
}
