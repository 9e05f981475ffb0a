package io.github.payguru.merchant.support;

import java.time.Duration;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import io.github.payguru.merchant.dev.simulator.PayguruSimulator;
import io.restassured.RestAssured;

/**
 * Base of the tests that pay through the Payguru simulator end to end: REST Assured on the test port, the
 * simulator reset and delivering its callbacks synchronously, and every delivery awaited after each test.
 */
public abstract class SynchronousSimulator {

    @Inject
    protected PayguruSimulator sim;

    @BeforeEach
    void startSimulator() {
        RestAssured.port = ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class);
        sim.reset();
        sim.setSynchronous(true);
    }

    @AfterEach
    void stopSimulator() {
        sim.awaitDeliveries(Duration.ofSeconds(10));
        sim.reset();
        RestAssured.reset();
    }
}
