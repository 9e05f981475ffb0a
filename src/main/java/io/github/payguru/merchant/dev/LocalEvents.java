package io.github.payguru.merchant.dev;

import java.net.URI;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.arc.profile.IfBuildProfile;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/**
 * Local run and tests: EventBridge and DynamoDB Streams are the local emulator's (moto serves every service on
 * the DynamoDB endpoint), with the same made-up credentials as the DynamoDB client. Replaces the publisher's
 * default EventBridge client.
 */
@IfBuildProfile(anyOf = { "dev", "test" })
@Singleton
public class LocalEvents {

    @Produces
    @Singleton
    EventBridgeClient eventBridge(@ConfigProperty(name = "quarkus.dynamodb.endpoint-override") String endpoint) {
        return EventBridgeClient.builder().endpointOverride(URI.create(endpoint)).region(Region.EU_CENTRAL_1)
                .credentialsProvider(credentials()).httpClient(UrlConnectionHttpClient.create()).build();
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
