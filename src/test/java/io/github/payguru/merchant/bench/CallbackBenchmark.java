package io.github.payguru.merchant.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;

import io.github.payguru.merchant.lambda.PhsNotifyHandler;
import io.github.payguru.merchant.support.Events;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Prints throughput and latency of the PHS notify path (parse, key check, one conditional
 * TransactWriteItems) on the local DynamoDB emulator: fresh notifications, duplicates, and 8 concurrent callers.
 * Not part of {@code verify} (surefire excludes *Benchmark); run it with
 * {@code ./mvnw -B verify -Dtest=CallbackBenchmark -Dsurefire.failIfNoSpecifiedTests=false}.
 * The emulator is moto behind one lock: these numbers compare versions of this code, not AWS.
 */
@QuarkusTest
class CallbackBenchmark {

    private static final Logger LOG = Logger.getLogger(CallbackBenchmark.class);
    private static final int N = Integer.getInteger("bench.n", 2000);

    @Inject
    PhsNotifyHandler handler;

    @Test
    void phsNotify() throws Exception {
        List<APIGatewayV2HTTPEvent> events = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            String txid = Events.uniqueTxid();
            events.add(Events.get("/payguru/phs/notify", Events.phsNotify(txid, "ORD-" + txid, "3", "19.90")));
        }
        run("warm-up", events.subList(0, Math.min(200, N)), 1);
        run("fresh, 1 caller", events.subList(200, N / 2), 1);
        run("duplicate, 1 caller", events.subList(200, N / 2), 1);
        run("fresh, 8 callers", events.subList(N / 2, N), 8);
    }

    private void run(String label, List<APIGatewayV2HTTPEvent> events, int threads) throws Exception {
        long[] nanos = new long[events.size()];
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < events.size(); i++) {
                int index = i;
                futures.add(pool.submit(() -> {
                    long t0 = System.nanoTime();
                    assertEquals("OK", handler.handleRequest(events.get(index), null).getBody());
                    nanos[index] = System.nanoTime() - t0;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Arrays.sort(nanos);
        LOG.infof("BENCH phs-notify %-20s n=%d  %.0f req/s  p50=%.2f ms  p99=%.2f ms  max=%.2f ms", label, events.size(),
                events.size() / seconds, nanos[nanos.length / 2] / 1e6, nanos[(int) (nanos.length * 0.99)] / 1e6,
                nanos[nanos.length - 1] / 1e6);
    }
}
