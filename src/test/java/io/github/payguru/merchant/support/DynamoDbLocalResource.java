package io.github.payguru.merchant.support;

import java.net.URI;
import java.util.Map;

import io.github.payguru.merchant.local.EmbeddedDynamoDb;
import io.github.payguru.merchant.store.TableAdmin;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Real DynamoDB Local, in this JVM, on a free port, with the table created as the template declares it. */
public class DynamoDbLocalResource implements QuarkusTestResourceLifecycleManager {

    public static final String TABLE = "payguru-merchant-local";

    private EmbeddedDynamoDb db;

    @Override
    public Map<String, String> start() {
        db = EmbeddedDynamoDb.start(0);
        try (DynamoDbClient client = client(db.endpoint())) {
            TableAdmin.createIfMissing(client, TABLE);
        }
        return Map.of("quarkus.dynamodb.endpoint-override", db.endpoint());
    }

    @Override
    public void stop() {
        if (db != null) {
            db.close();
        }
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
