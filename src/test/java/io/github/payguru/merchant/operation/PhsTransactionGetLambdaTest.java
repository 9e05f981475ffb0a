package io.github.payguru.merchant.operation;


import io.quarkus.test.junit.QuarkusTest;

/** phs-transaction-get through the Lambda mock event server (QUARKUS_LAMBDA_HANDLER=phs-transaction-get). */
@QuarkusTest
class PhsTransactionGetLambdaTest extends OperationLambdaTest {

    @Override
    String handler() {
        return "phs-transaction-get";
    }
}
