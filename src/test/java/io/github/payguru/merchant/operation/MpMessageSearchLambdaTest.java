package io.github.payguru.merchant.operation;


import io.quarkus.test.junit.QuarkusTest;

/** mp-message-search through the Lambda mock event server (QUARKUS_LAMBDA_HANDLER=mp-message-search). */
@QuarkusTest
class MpMessageSearchLambdaTest extends OperationLambdaTest {

    @Override
    String handler() {
        return "mp-message-search";
    }
}
