package io.github.payguru.merchant.payguru;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.github.payguru.merchant.store.RateCounters;
import io.github.payguru.merchant.support.TestClock;
import io.quarkus.test.junit.QuarkusTest;

/** The shared rate limits on the local DynamoDB emulator: concurrent takers, per-second and per-day windows. */
@QuarkusTest
class RateLimiterTest {

    @Inject
    TestClock clock;

    @Inject
    RateLimiter limiter;

    @Inject
    RateCounters counters;

    @AfterEach
    void realTime() {
        clock.release();
    }

    @Test
    void concurrentTakersNeverExceedTheLimit() throws Exception {
        String name = "test#concurrent#" + System.nanoTime();
        int threads = 16;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> results = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            Callable<Boolean> take = () -> {
                start.await();
                return counters.tryTake(name, "w1", 7, Instant.now().getEpochSecond() + 60);
            };
            results.add(pool.submit(take));
        }
        start.countDown();
        int taken = 0;
        for (Future<Boolean> f : results) {
            taken += f.get() ? 1 : 0;
        }
        pool.shutdown();
        assertEquals(7, taken, "exactly the limit is granted, whatever the interleaving");
        assertEquals(7, counters.taken(name, "w1"));
    }

    @Test
    void refundPerSecondWindow() {
        // 2026-03-01T10:00:00Z: five refunds in one second, the sixth is refused before calling Payguru
        clock.pin(Clock.fixed(Instant.parse("2026-03-01T10:00:00.100Z"), ZoneOffset.UTC));
        for (int i = 0; i < 5; i++) {
            limiter.acquire("mp-transaction-refund");
        }
        OperationException refused = assertThrows(OperationException.class,
                () -> limiter.acquire("mp-transaction-refund"));
        assertEquals(429, refused.status());
        assertEquals("RATE_LIMIT", refused.code());
        assertEquals(OperationException.RATE_LIMIT, refused.source());
        assertEquals(1, refused.details().get("retryAfterSeconds").asInt());
        // the next second has room again
        clock.pin(Clock.fixed(Instant.parse("2026-03-01T10:00:01.000Z"), ZoneOffset.UTC));
        limiter.acquire("mp-transaction-refund");
    }

    @Test
    void refundPerDayWindowInTurkishTime() {
        // 20 refunds spread over seconds of one Istanbul day; the 21st is refused until midnight Istanbul time
        Instant base = Instant.parse("2026-04-01T08:00:00Z");
        for (int i = 0; i < 20; i++) {
            clock.pin(Clock.fixed(base.plusSeconds(i), ZoneOffset.UTC));
            limiter.acquire("mp-transaction-refund");
        }
        clock.pin(Clock.fixed(base.plusSeconds(100), ZoneOffset.UTC));
        OperationException refused = assertThrows(OperationException.class,
                () -> limiter.acquire("mp-transaction-refund"));
        assertEquals(429, refused.status());
        // 21:00 UTC is midnight in Istanbul (UTC+3): a new day window
        clock.pin(Clock.fixed(Instant.parse("2026-04-01T21:00:05Z"), ZoneOffset.UTC));
        limiter.acquire("mp-transaction-refund");
    }

    @Test
    void messageSearchOnePerSecondAndUnlimitedOperations() {
        clock.pin(Clock.fixed(Instant.parse("2026-05-01T10:00:00Z"), ZoneOffset.UTC));
        limiter.acquire("mp-message-search");
        assertThrows(OperationException.class, () -> limiter.acquire("mp-message-search"));
        for (int i = 0; i < 50; i++) {
            limiter.acquire("phs-transaction-get"); // no documented limit: never refused
        }
    }
}
