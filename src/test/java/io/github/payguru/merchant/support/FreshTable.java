package io.github.payguru.merchant.support;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import io.github.payguru.merchant.dev.DynamoDbEmulator;
import io.github.payguru.merchant.store.TableAdmin;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Every test class starts on an empty table (registered for all classes through
 * {@code META-INF/services}; quarkus-junit5 turns JUnit's extension auto-detection on), so a scan of the table
 * (e.g. {@code LeakScan}) or a query of an index sees only what that class wrote. The functions send no
 * {@code TransactWriteItems} (one conditional {@code UpdateItem} per notification), so the emulator's copying of the
 * whole table per transaction action (src/site/markdown/local-run-and-simulator.md "Local DynamoDB") does not slow
 * them down; test classes never share data (ids are unique), so nothing depends on what an earlier class stored.
 */
public class FreshTable implements BeforeAllCallback {

    @Override
    public void beforeAll(ExtensionContext context) {
        recreate();
    }

    /** Empties the test table, when the emulator of this test JVM is running (else there is nothing to empty). */
    public static void recreate() {
        String endpoint = System.getProperty(DynamoDbEmulator.ENDPOINT_PROPERTY);
        if (endpoint == null) {
            return;
        }
        try (DynamoDbClient client = DynamoDbEmulatorResource.client(endpoint)) {
            TableAdmin.recreate(client, DynamoDbEmulatorResource.TABLE);
        }
    }
}
