package io.github.payguru.merchant.support;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import io.restassured.RestAssured;

/**
 * REST Assured on the gateway port: in each test {@code given()} talks to the local HTTP gateway and the
 * simulator ({@code quarkus.http.test-port}) rather than the Lambda mock event server, where the Lambda extension
 * points it; after the test REST Assured is reset. Use {@code @ExtendWith(GatewayPort.class)} on the test class
 * (inherited by subclasses). The port is set right before the test method, after every {@code @BeforeEach} (the
 * Lambda extension's included, whatever the order the extensions were registered in), and reset right after it.
 */
public final class GatewayPort implements BeforeTestExecutionCallback, AfterTestExecutionCallback {

    @Override
    public void beforeTestExecution(ExtensionContext context) {
        RestAssured.port = ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class);
    }

    @Override
    public void afterTestExecution(ExtensionContext context) {
        RestAssured.reset();
    }
}
