package io.github.payguru.merchant.support;

import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

import io.github.payguru.merchant.dev.simulator.PayguruSimulator;

/**
 * Base of the tests that pay through the Payguru simulator end to end: REST Assured on the test port, the
 * simulator reset and delivering its callbacks synchronously, and every delivery awaited after each test.
 */
@ExtendWith(GatewayPort.class)
public abstract class SynchronousSimulator {

    @Inject
    protected PayguruSimulator sim;

    @BeforeEach
    void startSimulator() {
        sim.reset();
        sim.setSynchronous(true);
    }

    @AfterEach
    void stopSimulator() {
        sim.awaitDeliveries(Duration.ofSeconds(10));
        sim.reset();
    }
}
