package io.github.payguru.merchant.support;

import io.quarkus.test.common.QuarkusTestResource;

/** Every @QuarkusTest runs against DynamoDB Local started by {@link DynamoDbLocalResource}. */
@QuarkusTestResource(DynamoDbLocalResource.class)
public final class TestDynamo {

    private TestDynamo() {
    }
}
