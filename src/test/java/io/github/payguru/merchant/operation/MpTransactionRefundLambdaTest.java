package io.github.payguru.merchant.operation;


import io.quarkus.test.junit.QuarkusTest;

/** mp-transaction-refund through the Lambda mock event server (QUARKUS_LAMBDA_HANDLER=mp-transaction-refund). */
@QuarkusTest
class MpTransactionRefundLambdaTest extends OperationLambdaTest {

    @Override
    String handler() {
        return "mp-transaction-refund";
    }
}
