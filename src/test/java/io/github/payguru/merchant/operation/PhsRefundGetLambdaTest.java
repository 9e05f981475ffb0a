package io.github.payguru.merchant.operation;


import io.quarkus.test.junit.QuarkusTest;

/** phs-refund-get through the Lambda mock event server (QUARKUS_LAMBDA_HANDLER=phs-refund-get). */
@QuarkusTest
class PhsRefundGetLambdaTest extends OperationLambdaTest {

    @Override
    String handler() {
        return "phs-refund-get";
    }
}
