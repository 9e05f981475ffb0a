package io.github.payguru.merchant.operation;


import io.quarkus.test.junit.QuarkusTest;

/** mp-subscription-cancel through the Lambda mock event server (QUARKUS_LAMBDA_HANDLER=mp-subscription-cancel). */
@QuarkusTest
class MpSubscriptionCancelLambdaTest extends OperationLambdaTest {

    @Override
    String handler() {
        return "mp-subscription-cancel";
    }
}
