package io.github.payguru.merchant.support;

import java.net.URI;
import java.util.Map;

import io.github.payguru.merchant.dev.DynamoDbEmulator;
import io.github.payguru.merchant.store.TableAdmin;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The real local DynamoDB (moto's server, serialized; see {@code src/dev/dynamodb-emulator.py}),
 * one process for the whole test JVM, with the table as the template declares it. {@link FreshTable}
 * empties it before every test class, which keeps moto's table-copying transactions fast.
 */
public class DynamoDbEmulatorResource implements QuarkusTestResourceLifecycleManager {

    public static final String TABLE = "payguru-merchant-local";

    @Override
    public Map<String, String> start() {
        String endpoint = DynamoDbEmulator.sharedEndpoint();
        try (DynamoDbClient client = client(endpoint)) {
            TableAdmin.createIfMissing(client, TABLE);
        }
        return Map.of("quarkus.dynamodb.endpoint-override", endpoint);
    }

    @Override
    public void stop() {
        // the emulator lives as long as the test JVM
    }

    public static DynamoDbClient client(String endpoint) {
        return DynamoDbClient.builder()
                .endpointOverride(URI.create(endpoint))
                .region(Region.EU_CENTRAL_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }
}
