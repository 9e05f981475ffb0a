package io.github.payguru.merchant.operation;


import io.quarkus.test.junit.QuarkusTest;

/** mp-transaction-get through the Lambda mock event server (QUARKUS_LAMBDA_HANDLER=mp-transaction-get). */
@QuarkusTest
class MpTransactionGetLambdaTest extends OperationLambdaTest {

    @Override
    String handler() {
        return "mp-transaction-get";
    }
}
