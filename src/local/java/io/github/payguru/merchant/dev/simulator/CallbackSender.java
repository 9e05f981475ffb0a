package io.github.payguru.merchant.dev.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import org.jboss.logging.Logger;


/**
 * Delivers the simulated platform's callbacks to the merchant's routes like Payguru would: one batch
 * per platform event, in order (or reversed: {@code reorder}), each notification {@code duplicates}
 * times, after {@code delay}, retried with doubling backoff while not accepted, up to
 * {@code maxAttempts} per copy. Background by default; synchronous on request (tests).
 * Every attempt is recorded as a {@link Delivery}. Not a bean: owned by {@link PayguruSimulator}.
 */
final class CallbackSender {

    private static final Logger LOG = Logger.getLogger(CallbackSender.class);

    private final CallbackWire wire;
    private final ExecutorService ordered;
    private final ScheduledExecutorService retries;
    private final WaitingRetries waiting;
    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    private final AtomicLong seq = new AtomicLong();
    private final Object idle = new Object();
    private int pending;
    private volatile long generation;
    private final SimulatorSettings settings;
    private volatile DeliveryKnobs knobs;
    /** Knobs for the next batch only (then back to {@link #knobs}); null: none. */
    private DeliveryKnobs next;
    private volatile String baseUrl;
    private final Supplier<Instant> clock;

    /** Configured by {@code settings} (what {@link #reset} goes back to); {@code clock}: the simulator's clock. */
    CallbackSender(SimulatorSettings settings, Supplier<Instant> clock) {
        this.settings = settings;
        this.baseUrl = settings.baseUrl();
        this.knobs = DeliveryKnobs.configured(settings);
        this.clock = clock;
        this.wire = new CallbackWire(settings.timeout, clock);
        this.ordered = Executors.newSingleThreadExecutor(daemon("payguru-sim-delivery"));
        this.retries = Executors.newScheduledThreadPool(2, daemon("payguru-sim-retry"));
        this.waiting = new WaitingRetries(retries, idle);
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    void baseUrl(String url) {
        this.baseUrl = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    String baseUrl() {
        return baseUrl;
    }

    DeliveryKnobs knobs() {
        return knobs;
    }

    void knobs(DeliveryKnobs k) {
        this.knobs = k;
    }

    /** The next batch (one platform event's callbacks, with what follows from them) is sent with {@code k}. */
    synchronized void nextBatch(DeliveryKnobs k) {
        this.next = k;
    }

    private synchronized DeliveryKnobs takeKnobs() {
        DeliveryKnobs k = next == null ? knobs : next;
        next = null;
        return k;
    }

    /** The knobs and the merchant's address, for the control API. */
    synchronized Map<String, Object> knobsAsMap() {
        Map<String, Object> m = knobs.asMap();
        m.put("callbackBaseUrl", baseUrl);
        m.put("nextBatchSet", next != null);
        return m;
    }

    List<Delivery> deliveries() {
        return Collections.unmodifiableList(new ArrayList<>(deliveries));
    }

    /**
     * Forgets recorded deliveries (deliveries still under way are dropped: their results are not
     * recorded); the knobs and the merchant's address back to their configured values.
     */
    void reset() {
        knobs = DeliveryKnobs.configured(settings);
        nextBatch(null);
        baseUrl(settings.baseUrl());
        generation++;
        deliveries.clear();
        waiting.clear();
        synchronized (idle) {
            pending = 0;
            idle.notifyAll();
        }
    }

    /** Sends one batch (the callbacks of one platform event). */
    void submit(List<Callback> batch) {
        submit(batch, false);
    }

    /** Sends one batch; {@code forceSync}: in the calling thread whatever the knobs say (and so what follows from it). */
    void submit(List<Callback> batch, boolean forceSync) {
        DeliveryKnobs k = batch.isEmpty() ? knobs : takeKnobs();
        if (forceSync && !k.synchronous()) {
            k = k.withSynchronous(true);
        }
        submitWith(batch, k);
    }

    private void submitWith(List<Callback> batch, DeliveryKnobs k) {
        if (batch.isEmpty()) {
            return;
        }
        List<Callback> order = new ArrayList<>(batch);
        if (k.reorder()) {
            Collections.reverse(order);
        }
        long gen = generation;
        int copies = 0;
        for (Callback c : order) {
            copies += copies(c, k);
        }
        synchronized (idle) {
            pending += copies;
        }
        Runnable run = () -> sendBatch(order, k, gen);
        if (k.synchronous()) {
            run.run();
        } else {
            ordered.execute(run);
        }
    }

    /** Waits until every submitted callback got its final answer (or gave up). */
    boolean awaitIdle(Duration max) {
        return awaitWhile(() -> pending > 0, max);
    }

    /** Waits until every callback under way waits for a retry (none is being sent); false if none does. */
    boolean awaitRetries(Duration max) {
        return awaitWhile(() -> pending > 0 && waiting.size() < pending, max) && waiting.size() > 0;
    }

    /** Sends every retry waiting for its backoff now; how many. */
    int retryNow() {
        return waiting.runNow();
    }

    private boolean awaitWhile(BooleanSupplier busy, Duration max) {
        long end = System.nanoTime() + max.toNanos();
        synchronized (idle) {
            while (busy.getAsBoolean()) {
                long left = end - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(idle, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return true;
        }
    }

    private void sendBatch(List<Callback> batch, DeliveryKnobs k, long gen) {
        for (Callback c : batch) {
            int copies = copies(c, k);
            for (int copy = 1; copy <= copies; copy++) {
                sleep(k.delay());
                attempt(c, copy, 1, k, gen);
            }
        }
    }

    private void attempt(Callback c, int copy, int n, DeliveryKnobs k, long gen) {
        if (gen != generation) {
            return;
        }
        Delivery d = k.failFirstAttempt() && n == 1
                ? Delivery.notSent(seq.incrementAndGet(), c, baseUrl + c.path(), copy, clock.get())
                : wire.send(c, baseUrl + c.path(), copy, n, seq::incrementAndGet);
        if (gen != generation) {
            return;
        }
        deliveries.add(d);
        if (!d.accepted() && n < k.maxAttempts()) {
            Duration wait = k.backoff().multipliedBy(1L << Math.min(n - 1, 16));
            LOG.infof("payguru simulator: %s to %s answered %d, retry %d in %d ms", c.kind(), c.path(), d.status(), n,
                    wait.toMillis());
            if (k.synchronous()) {
                sleep(wait);
                attempt(c, copy, n + 1, k, gen);
            } else {
                waiting.park(() -> attempt(c, copy, n + 1, k, gen), wait);
            }
            return;
        }
        if (!d.accepted()) {
            LOG.warnf("payguru simulator: %s to %s not accepted after %d attempts (last answer %d)", c.kind(),
                    c.path(), n, d.status());
        }
        if (c.then() != null && copy == 1) {
            List<Callback> next = c.then().apply(d);
            if (next != null && !next.isEmpty()) {
                submitWith(next, k);
            }
        }
        synchronized (idle) {
            pending = Math.max(0, pending - 1);
            idle.notifyAll();
        }
    }

    /** A question (TCKN verify) is sent once; a notification {@code duplicates} times. */
    private static int copies(Callback c, DeliveryKnobs k) {
        return c.query() ? 1 : Math.max(1, k.duplicates());
    }

    private static void sleep(Duration d) {
        if (d == null || d.isZero() || d.isNegative()) {
            return;
        }
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    void close() {
        ordered.shutdownNow();
        retries.shutdownNow();
    }
}
