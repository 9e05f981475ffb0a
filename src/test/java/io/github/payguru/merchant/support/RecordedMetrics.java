package io.github.payguru.merchant.support;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.github.payguru.merchant.kernel.Metrics;

/** The metrics of every component in tests: the lines the functions would print, kept for assertions. */
@Singleton
public class RecordedMetrics {

    private final List<String> lines = new CopyOnWriteArrayList<>();

    @Produces
    @Alternative
    @Priority(1)
    @Singleton
    Metrics metrics(Clock clock) {
        return new Metrics("PayguruMerchantTest", clock, lines::add);
    }

    public List<String> lines() {
        return lines;
    }

    public void clear() {
        lines.clear();
    }
}
