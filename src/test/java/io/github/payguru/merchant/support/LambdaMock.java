package io.github.payguru.merchant.support;

import org.eclipse.microprofile.config.ConfigProvider;

/** Quarkus's Lambda mock event server: POST an event here and get the handler's response as Lambda returns it. */
public final class LambdaMock {

    private LambdaMock() {
    }

    public static String url() {
        int port = ConfigProvider.getConfig().getValue("quarkus.lambda.mock-event-server.test-port", Integer.class);
        return "http://localhost:" + port + "/_lambda_";
    }
}
