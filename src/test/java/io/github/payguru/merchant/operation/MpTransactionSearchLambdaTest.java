package io.github.payguru.merchant.operation;


import io.quarkus.test.junit.QuarkusTest;

/** mp-transaction-search through the Lambda mock event server (QUARKUS_LAMBDA_HANDLER=mp-transaction-search). */
@QuarkusTest
class MpTransactionSearchLambdaTest extends OperationLambdaTest {

    @Override
    String handler() {
        return "mp-transaction-search";
    }
}
