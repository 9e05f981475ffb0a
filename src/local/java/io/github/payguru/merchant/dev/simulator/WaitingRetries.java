package io.github.payguru.merchant.dev.simulator;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Callback retries waiting for their backoff: each runs once, by its timer or earlier by {@link #runNow} (the
 * simulator's {@code retryNow}, so a test need not race a backoff). Owned by {@link CallbackSender}.
 */
final class WaitingRetries {

    private final Map<AtomicBoolean, Runnable> waiting = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer;
    private final Object monitor;

    /** {@code monitor}: notified whenever a retry starts waiting. */
    WaitingRetries(ScheduledExecutorService timer, Object monitor) {
        this.timer = timer;
        this.monitor = monitor;
    }

    /** Runs {@code retry} after {@code wait}, unless {@link #runNow} ran it first. */
    void park(Runnable retry, Duration wait) {
        AtomicBoolean due = new AtomicBoolean(true);
        Runnable once = () -> {
            if (due.getAndSet(false) && waiting.remove(due) != null) {
                retry.run();
            }
        };
        synchronized (monitor) {
            waiting.put(due, once);
            monitor.notifyAll();
        }
        timer.schedule(once, wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Runs every waiting retry now (on the timer's threads); how many. */
    int runNow() {
        List<Runnable> due = List.copyOf(waiting.values());
        due.forEach(timer::execute);
        return due.size();
    }

    int size() {
        return waiting.size();
    }

    /** Forgets the waiting retries (their timers then do nothing). */
    void clear() {
        waiting.clear();
    }
}
