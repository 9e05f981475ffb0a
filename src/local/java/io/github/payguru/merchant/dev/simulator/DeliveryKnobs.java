package io.github.payguru.merchant.dev.simulator;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How {@link CallbackSender} delivers, changed at run time by the simulator's controls: each
 * notification {@code duplicates} times, {@code delay} before each copy, a batch in order or reversed,
 * in the background or inside the request that caused it, retried up to {@code maxAttempts} per copy
 * with a first {@code backoff} doubled each time; {@code failFirstAttempt}: the first attempt of each copy is
 * recorded as not delivered without being sent (the merchant then gets the retry).
 */
record DeliveryKnobs(int duplicates, Duration delay, boolean reorder, boolean synchronous, int maxAttempts,
        Duration backoff, boolean failFirstAttempt) {

    /** The start values, {@code payguru.simulator.delivery.*}. */
    static DeliveryKnobs configured(SimulatorSettings settings) {
        return new DeliveryKnobs(settings.duplicates, settings.delay, settings.reorder, settings.synchronous,
                Math.max(1, settings.maxAttempts), settings.backoff, false);
    }

    /** Each notification {@code duplicates} times (at least 1), {@code delay} before each, batches reversed. */
    DeliveryKnobs withDelivery(int duplicates, Duration delay, boolean reorder) {
        return new DeliveryKnobs(Math.max(1, duplicates), delay, reorder, synchronous, maxAttempts, backoff,
                failFirstAttempt);
    }

    DeliveryKnobs withSynchronous(boolean synchronous) {
        return new DeliveryKnobs(duplicates, delay, reorder, synchronous, maxAttempts, backoff, failFirstAttempt);
    }

    /** Attempts per copy (at least 1, the first included) and the first backoff (doubled each time). */
    DeliveryKnobs withRetry(int maxAttempts, Duration backoff) {
        return new DeliveryKnobs(duplicates, delay, reorder, synchronous, Math.max(1, maxAttempts), backoff,
                failFirstAttempt);
    }

    DeliveryKnobs withFailFirstAttempt(boolean fail) {
        return new DeliveryKnobs(duplicates, delay, reorder, synchronous, maxAttempts, backoff, fail);
    }

    /** As the control API shows them. */
    Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("duplicates", duplicates);
        m.put("delayMs", delay.toMillis());
        m.put("reorder", reorder);
        m.put("synchronous", synchronous);
        m.put("maxAttempts", maxAttempts);
        m.put("backoffMs", backoff.toMillis());
        return m;
    }
}
