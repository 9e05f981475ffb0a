package io.github.payguru.merchant.operation;


import io.quarkus.test.junit.QuarkusTest;

/** phs-order-lookup through the Lambda mock event server (QUARKUS_LAMBDA_HANDLER=phs-order-lookup). */
@QuarkusTest
class PhsOrderLookupLambdaTest extends OperationLambdaTest {

    @Override
    String handler() {
        return "phs-order-lookup";
    }
}
