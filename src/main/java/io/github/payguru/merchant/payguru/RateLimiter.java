package io.github.payguru.merchant.payguru;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.github.payguru.merchant.kernel.Metrics;
import io.github.payguru.merchant.store.RateCounters;

/**
 * Payguru's documented rate limits (refund 20/day and 5/s, message search 1/s, queries 1000/day and
 * 5/s), respected before calling and shared by all concurrent functions through DynamoDB
 * ({@link RateCounters}). The per-second window is taken first: a full day never spends a second's
 * slot in vain, and a full second never spends a day's slot (refunds have only 20).
 */
@ApplicationScoped
public class RateLimiter {

    private static final Logger LOG = Logger.getLogger(RateLimiter.class);

    private final PayguruApiConfig api;
    private final RateCounters counters;
    private final String merchantId;
    private final Clock clock;
    private final Metrics metrics;

    @Inject
    public RateLimiter(PayguruApiConfig api, RateCounters counters, PayguruConfig config, Clock clock, Metrics metrics) {
        this.clock = clock;
        this.metrics = metrics;
        this.api = api;
        this.counters = counters;
        this.merchantId = config.merchantId();
    }

    /**
     * Takes a slot for one call of {@code operation}, or refuses.
     *
     * @throws OperationException 429 (source {@code rate-limit}) when a window is full
     */
    public void acquire(String operation) {
        PayguruApiConfig.RateLimit limit = api.rateLimits().get(operation);
        if (limit == null) {
            return;
        }
        Instant now = clock.instant();
        if (limit.perSecond() > 0) {
            long second = now.getEpochSecond();
            if (!counters.tryTake(merchantId + "#" + operation + "#second", Long.toString(second), limit.perSecond(),
                    second + 120)) {
                throw refused(operation, "second", limit.perSecond() + " per second", 1);
            }
        }
        if (limit.perDay() > 0) {
            LocalDate day = now.atZone(api.rateLimitZone()).toLocalDate();
            long expires = day.plusDays(2).atStartOfDay(api.rateLimitZone()).toEpochSecond();
            if (!counters.tryTake(merchantId + "#" + operation + "#day", day.toString(), limit.perDay(), expires)) {
                long untilTomorrow = day.plusDays(1).atStartOfDay(api.rateLimitZone()).toEpochSecond()
                        - now.getEpochSecond();
                throw refused(operation, "day", limit.perDay() + " per day", untilTomorrow);
            }
        }
    }

    private OperationException refused(String operation, String window, String limit, long retryAfterSeconds) {
        LOG.warnf("%s refused before calling Payguru: limit of %s reached", operation, limit);
        metrics.count("RateLimitRefusals", Map.of("Operation", operation, "Window", window));
        var details = PayguruCalls.JSON.createObjectNode().put("retryAfterSeconds", Math.max(1, retryAfterSeconds));
        return new OperationException(429, "RATE_LIMIT", "Payguru allows " + limit + " for " + operation
                + "; not called", OperationException.RATE_LIMIT, details);
    }
}
