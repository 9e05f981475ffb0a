package io.github.payguru.merchant.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock tests move by hand (token expiry, rate-limit windows, lock ages, the simulator's dates): it stands
 * at the instant it was {@link #pin pinned} to, or follows another clock; {@link #release} gives it the system
 * clock back.
 */
public class MutableClock extends Clock {

    private volatile Clock current;

    /** @param start where the clock stands, or null to follow the system clock */
    public MutableClock(Instant start) {
        this.current = start == null ? Clock.systemUTC() : Clock.fixed(start, ZoneOffset.UTC);
    }

    public void pin(Instant instant) {
        current = Clock.fixed(instant, ZoneOffset.UTC);
    }

    /** Follows {@code clock} (e.g. an offset from the system clock). */
    public void pin(Clock clock) {
        current = clock;
    }

    public void advance(Duration d) {
        pin(instant().plus(d));
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
