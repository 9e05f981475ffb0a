package io.github.payguru.merchant.support;

import io.quarkus.test.common.QuarkusTestResource;

/** Every @QuarkusTest runs against the local DynamoDB emulator (moto) that {@link DynamoDbEmulatorResource} starts. */
@QuarkusTestResource(DynamoDbEmulatorResource.class)
public final class TestDynamo {

    private TestDynamo() {
    }
}
