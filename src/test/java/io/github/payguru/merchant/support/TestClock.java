package io.github.payguru.merchant.support;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;

/**
 * The clock of every component in tests, in place of the system clock the functions get: it follows the
 * system clock until a test {@link #pin pins} it to another (token expiry, rate-limit windows, lock ages),
 * and {@link #release} gives the system clock back. A test that pins must release.
 */
@Alternative
@Priority(1)
@Singleton
public class TestClock extends Clock {

    private volatile Clock current = Clock.systemUTC();

    public void pin(Clock clock) {
        current = clock;
    }

    public void pin(Instant instant) {
        current = Clock.fixed(instant, ZoneOffset.UTC);
    }

    public void release() {
        current = Clock.systemUTC();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return current.instant();
    }
}
