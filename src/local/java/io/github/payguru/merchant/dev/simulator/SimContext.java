package io.github.payguru.merchant.dev.simulator;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

import io.github.payguru.merchant.payguru.PayguruConfig;
import io.github.payguru.merchant.payguru.ServiceDirectory;

/**
 * What every part of the simulated platform shares: configuration, one lock for every state change
 * (the simulated platform is small), the id sequence, the platform-wide knobs and the clock. The clock
 * is the only one of the simulator: state, recorded requests and deliveries all read {@link #now()};
 * it is set by {@link PayguruSimulator#useClock} and put back by {@link PayguruSimulator#reset}.
 */
final class SimContext {

    final SimulatorSettings settings;
    final PayguruConfig config;
    final ServiceDirectory services;
    final Object lock = new Object();
    /** Ids look like Payguru's (large numbers) and never repeat within a JVM, so tests sharing one table never collide. */
    final AtomicLong ids = new AtomicLong(700_000_000L + (System.nanoTime() % 1_000_000L) * 100);
    volatile Clock clock = Clock.systemUTC();
    /** false: the MP and PHS APIs refuse every call as from an IP that is not allow-listed. */
    volatile boolean ipAllowed = true;

    SimContext(SimulatorSettings settings, PayguruConfig config, ServiceDirectory services) {
        this.settings = settings;
        this.config = config;
        this.services = services;
    }

    /** The platform-wide knobs back to their defaults, the clock back to the system's. */
    void reset() {
        clock = Clock.systemUTC();
        ipAllowed = true;
    }

    Instant now() {
        return clock.instant();
    }

    /** The next id of any simulated object, as Payguru writes it. */
    String nextId() {
        return Long.toString(ids.incrementAndGet());
    }
}
