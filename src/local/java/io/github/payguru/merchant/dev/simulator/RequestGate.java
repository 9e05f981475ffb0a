package io.github.payguru.merchant.dev.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;

import org.jboss.logging.Logger;

import io.github.payguru.merchant.kernel.Masking;

/**
 * The gate every request to a simulated Payguru API passes ({@link #pass}): it is recorded, waits a
 * queued delay, is answered with a queued fault if there is one, and is counted while inside (a delayed
 * request our client gave up on is still inside; {@link #awaitIdle} waits for it, and for a delayed request
 * still on its way). Faults and delays are
 * queued per operation ({@link #OPERATIONS}) by {@link PayguruSimulator#failNext} and
 * {@link PayguruSimulator#delayNext}. Owned by {@link PayguruSimulator}.
 */
final class RequestGate {

    /** The simulated operations, as recorded and as {@code failNext} and {@code delayNext} name them. */
    static final List<String> OPERATIONS = List.of("mp.transaction.detail", "mp.transaction.refund",
            "mp.transactions.search", "mp.subscription.detail", "mp.subscription.cancel", "mp.subscriptions.search",
            "mp.messages.search", "cp.token", "phs.getToken", "phs.paymentNotification.get",
            "phs.paymentNotification.create", "phs.transaction.get", "phs.refund.get", "phs.orderToReference.check",
            "phs.transaction.test");

    private static final Logger LOG = Logger.getLogger(RequestGate.class);

    private final Supplier<Instant> clock;
    private final Map<String, Deque<SimulatorFault>> faults = new ConcurrentHashMap<>();
    private final Map<String, Deque<Duration>> delays = new ConcurrentHashMap<>();
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger inFlight = new AtomicInteger();

    /** {@code clock}: the simulator's clock, read for each request's arrival time. */
    RequestGate(Supplier<Instant> clock) {
        this.clock = clock;
    }

    /** Forgets recorded requests and queued faults and delays (requests still inside stay counted). */
    void reset() {
        faults.clear();
        delays.clear();
        requests.clear();
    }

    void failNext(String operation, SimulatorFault fault) {
        known(operation);
        faults.computeIfAbsent(operation, k -> new ArrayDeque<>()).add(fault);
    }

    void delayNext(String operation, Duration delay) {
        known(operation);
        delays.computeIfAbsent(operation, k -> new ConcurrentLinkedDeque<>()).add(delay);
    }

    /** Requests that reached {@code operation}, oldest first. */
    List<RecordedRequest> requests(String operation) {
        return requests.stream().filter(r -> r.operation().equals(operation)).toList();
    }

    /**
     * One request through the gate: recorded, delayed if a delay is queued, then answered by
     * {@code onFault} with the queued fault if there is one, else by {@code answer}. Counted as inside
     * until its answer is made, whatever it was (an exception included).
     */
    <T> T pass(String operation, String method, String path, Map<String, String> params,
            Map<String, String> headers, Function<SimulatorFault, T> onFault, Supplier<T> answer) {
        inFlight.incrementAndGet();
        try {
            RecordedRequest r = new RecordedRequest(operation, method, path, Map.copyOf(nonNull(params)),
                    Map.copyOf(nonNull(headers)), clock.get());
            requests.add(r);
            LOG.debugf("payguru simulator: %s %s %s", operation, method, Masking.params(r.params()));
            sleep(poll(delays, operation));
            SimulatorFault fault = poll(faults, operation);
            return fault != null ? onFault.apply(fault) : answer.get();
        } finally {
            inFlight.decrementAndGet();
        }
    }

    /**
     * Waits until the simulator is idle, at most {@code timeout}; true when it is. Idle: every queued delay has
     * been taken by its request (a delay still queued means the request it holds is on its way) and no request
     * is inside (e.g. a delayed answer our client stopped waiting for has been carried out).
     */
    boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!idle() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return idle();
    }

    /** A request counts itself inside before it takes its delay, so the queues are read first. */
    private boolean idle() {
        boolean delaysTaken = delays.values().stream().allMatch(Deque::isEmpty);
        return delaysTaken && inFlight.get() <= 0;
    }

    private static <T> T poll(Map<String, Deque<T>> queues, String operation) {
        Deque<T> q = queues.get(operation);
        return q == null ? null : q.pollFirst();
    }

    private static void sleep(Duration wait) {
        if (wait == null) {
            return;
        }
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Map<String, String> nonNull(Map<String, String> m) {
        Map<String, String> out = new LinkedHashMap<>();
        if (m != null) {
            m.forEach((k, v) -> {
                if (k != null && v != null) {
                    out.put(k, v);
                }
            });
        }
        return out;
    }

    private static void known(String operation) {
        if (!OPERATIONS.contains(operation)) {
            throw new IllegalArgumentException("unknown operation " + operation + "; one of " + OPERATIONS);
        }
    }
}
