package io.github.payguru.merchant.dev.simulator;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

import io.github.payguru.merchant.payguru.PayguruConfig;
import io.github.payguru.merchant.payguru.ServiceDirectory;

/**
 * What the two simulated platforms share: configuration, the callback sender, one lock for every
 * state change (the simulated platform is small), the id sequence and the clock.
 */
final class SimContext {

    final SimulatorSettings settings;
    final PayguruConfig config;
    final ServiceDirectory services;
    final CallbackSender sender;
    final Object lock = new Object();
    /** Ids look like Payguru's (large numbers) and never repeat within a JVM, so tests sharing one table never collide. */
    final AtomicLong ids = new AtomicLong(700_000_000L + (System.nanoTime() % 1_000_000L) * 100);
    volatile Clock clock = Clock.systemUTC();
    /** false: the MP and PHS APIs refuse every call as from an IP that is not allow-listed. */
    volatile boolean ipAllowed = true;

    SimContext(SimulatorSettings settings, PayguruConfig config, ServiceDirectory services, CallbackSender sender) {
        this.settings = settings;
        this.config = config;
        this.services = services;
        this.sender = sender;
    }

    Instant now() {
        return clock.instant();
    }
}
