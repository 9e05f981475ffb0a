package io.github.payguru.merchant.operation;


import io.quarkus.test.junit.QuarkusTest;

/** mp-subscription-search through the Lambda mock event server (QUARKUS_LAMBDA_HANDLER=mp-subscription-search). */
@QuarkusTest
class MpSubscriptionSearchLambdaTest extends OperationLambdaTest {

    @Override
    String handler() {
        return "mp-subscription-search";
    }
}
