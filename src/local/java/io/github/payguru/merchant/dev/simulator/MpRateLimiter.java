package io.github.payguru.merchant.dev.simulator;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Payguru's documented MP limits (src/site/markdown/payguru-api.md §2.1): refund 20/day and 5/s; messages search
 * 1/s and 1000/day; detail and cancel 1000/day and 5/s; the two searches unlimited. Every request
 * that reaches the limit check counts, refused or not. Days are UTC days (Payguru's day boundary
 * is not documented).
 */
final class MpRateLimiter {

    record Limit(int perSecond, int perDay) {
    }

    static final Map<String, Limit> LIMITS = Map.of(
            "mp.transaction.detail", new Limit(5, 1000),
            "mp.transaction.refund", new Limit(5, 20),
            "mp.subscription.detail", new Limit(5, 1000),
            "mp.subscription.cancel", new Limit(5, 1000),
            "mp.messages.search", new Limit(1, 1000));

    private final Map<String, Deque<Instant>> recent = new HashMap<>();
    private final Map<String, Integer> daily = new HashMap<>();

    /** Counts one request; answers which limit it broke, or null when it is within the limits. */
    synchronized String admit(String operation, Instant now) {
        Limit limit = LIMITS.get(operation);
        if (limit == null) {
            return null;
        }
        String dayKey = operation + "@" + LocalDate.ofInstant(now, ZoneOffset.UTC);
        int today = daily.merge(dayKey, 1, Integer::sum);
        Deque<Instant> window = recent.computeIfAbsent(operation, k -> new ArrayDeque<>());
        while (!window.isEmpty() && !window.peekFirst().isAfter(now.minusSeconds(1))) {
            window.pollFirst();
        }
        window.addLast(now);
        if (today > limit.perDay()) {
            return "daily limit of " + limit.perDay() + " exceeded";
        }
        if (window.size() > limit.perSecond()) {
            return "limit of " + limit.perSecond() + " per second exceeded";
        }
        return null;
    }

    synchronized void reset() {
        recent.clear();
        daily.clear();
    }
}
