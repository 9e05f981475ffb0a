package io.github.payguru.merchant.support;

import org.eclipse.microprofile.config.ConfigProvider;

/** Quarkus's Lambda mock event server: POST an event here and get the handler's response as Lambda returns it. */
public final class LambdaMock {

    private LambdaMock() {
    }

    /**
     * Sends the next events to {@code handler} (a {@code @Named} handler of API Gateway events, through
     * {@link LambdaDispatch}) and gives the mock event server's URL to post them to.
     */
    public static String to(String handler) {
        LambdaDispatch.target(handler);
        return url();
    }

    /** The mock event server, for a profile that configures its own handler ({@code quarkus.lambda.handler}). */
    public static String url() {
        int port = ConfigProvider.getConfig().getValue("quarkus.lambda.mock-event-server.test-port", Integer.class);
        return "http://localhost:" + port + "/_lambda_";
    }
}
