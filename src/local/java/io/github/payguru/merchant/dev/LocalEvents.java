package io.github.payguru.merchant.dev;

import java.net.URI;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.github.payguru.merchant.aws.AwsJson;
import io.quarkus.arc.profile.IfBuildProfile;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * Local run and tests: EventBridge and DynamoDB Streams are the local emulator's (moto serves every service on
 * the DynamoDB endpoint), with the same made-up credentials as the DynamoDB client. Replaces the publisher's
 * default EventBridge calls ({@code events/EventsWiring}).
 */
@IfBuildProfile(anyOf = { "dev", "test" })
@Singleton
public class LocalEvents {

    @Produces
    @Singleton
    AwsJson eventBridge(@ConfigProperty(name = "quarkus.dynamodb.endpoint-override") String endpoint) {
        return new AwsJson("events", "AWSEvents", URI.create(endpoint), Region.EU_CENTRAL_1, credentials());
    }

    @Produces
    @Singleton
    DynamoDbStreamsClient streams(@ConfigProperty(name = "quarkus.dynamodb.endpoint-override") String endpoint) {
        return DynamoDbStreamsClient.builder().endpointOverride(URI.create(endpoint)).region(Region.EU_CENTRAL_1)
                .credentialsProvider(credentials()).httpClient(UrlConnectionHttpClient.create()).build();
    }

    private static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));
    }
}
