package io.github.payguru.merchant.events;

import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.github.payguru.merchant.aws.AwsJson;
import io.quarkus.arc.DefaultBean;

/**
 * EventBridge for the publisher function: {@code AWSEvents.*} calls signed and sent by {@link AwsJson} (the
 * URL-connection HTTP client, as DynamoDB's), region and credentials from the Lambda environment, the endpoint as
 * the SDK would find it ({@code AWS_ENDPOINT_URL_EVENTBRIDGE}, else {@code events.<region>.amazonaws.com}). Built
 * on first use only, so the other functions never build it. The local run and the tests replace it with one
 * pointed at the local emulator ({@code dev/LocalEvents}).
 */
@Singleton
public class EventsWiring {

    @Produces
    @Singleton
    @DefaultBean
    AwsJson eventBridge() {
        return AwsJson.fromEnvironment("events", "AWSEvents", "events", "EventBridge", null);
    }

    void close(@Disposes AwsJson eventBridge) {
        eventBridge.close();
    }
}
