package io.github.payguru.merchant.events;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.quarkus.arc.DefaultBean;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/**
 * The EventBridge client of the publisher function: the URL-connection HTTP client (as DynamoDB's), region and
 * credentials from the Lambda environment. Built on first use only, so the other functions never build it. The
 * local run and the tests replace it with one pointed at the local emulator ({@code dev/LocalEvents}).
 */
@Singleton
public class EventsWiring {

    @Produces
    @Singleton
    @DefaultBean
    EventBridgeClient eventBridge() {
        return EventBridgeClient.builder().httpClient(UrlConnectionHttpClient.create()).build();
    }
}
