package io.github.payguru.merchant.bench;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;

import io.github.payguru.merchant.lambda.MpBillingNotificationHandler;
import io.github.payguru.merchant.lambda.PhsNotifyHandler;
import io.github.payguru.merchant.store.TableLayout;
import io.github.payguru.merchant.support.DynamoCalls;
import io.github.payguru.merchant.support.Events;
import io.github.payguru.merchant.support.MpEvents;
import io.quarkus.test.junit.QuarkusTest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Prints, in one run, the performance figures of the callback path next to a baseline measured in the same run, as a
 * table and as one JSON line ({@code BENCH-JSON}): warm p50/p99 of phs-notify and mp-billing-notification (fresh
 * notifications) against a bare conditional {@code UpdateItem} of an item of the same size on the same emulator,
 * DynamoDB calls and estimated WCU per fresh and per duplicate notification, and the target with met / not met
 * (cold start, RSS and function.zip: {@code PackagedFunctionBenchmark}, after package). A target never fails the build:
 * the test fails only when it cannot measure.
 * Not part of {@code verify} (surefire excludes *Benchmark); run it with {@code ./mvnw -B verify -Pbench}
 * (src/site/markdown/performance.md). The emulator is moto behind one lock: the numbers compare this code with a
 * bare write on
 * the same machine, not with AWS.
 */
@QuarkusTest
class CallbackBenchmark {

    /** Measured calls per kind (fresh phs, fresh mp, bare write), interleaved in rounds of {@link #ROUND}. */
    private static final int N = Integer.getInteger("bench.n", 100);
    private static final int ROUND = 20;
    private static final int WARM_UP = 100;
    private static final java.util.concurrent.atomic.AtomicInteger ERRORS = new java.util.concurrent.atomic.AtomicInteger();

    private static final double WARM_TARGET = 1.3;

    @Inject
    PhsNotifyHandler phs;

    @Inject
    MpBillingNotificationHandler mp;

    @Inject
    DynamoDbClient dynamo;

    @ConfigProperty(name = "payguru.table.name")
    String table;

    @Test
    void benchmark() throws Exception {
        List<APIGatewayV2HTTPEvent> phsEvents = new ArrayList<>();
        List<APIGatewayV2HTTPEvent> mpEvents = new ArrayList<>();
        List<String> phsTxids = new ArrayList<>();
        for (int i = 0; i < WARM_UP + N; i++) {
            String txid = Events.uniqueTxid();
            phsTxids.add(txid);
            phsEvents.add(Events.get("/payguru/phs/notify", Events.phsNotify(txid, "ORD-" + txid, "3", "19.90")));
            mpEvents.add(MpEvents.get(MpEvents.BILLING, MpEvents.billing(Events.uniqueTxid(), "3")));
        }

        // Item size of the stored phs state, so the bare write writes as much.
        call(phs, phsEvents.get(0));
        int stateBytes = stateItemBytes(TableLayout.phsTransaction(phsTxids.get(0)));
        String filler = "x".repeat(Math.max(0, stateBytes - 40));
        String barePrefix = "BENCH#" + System.nanoTime() + "#";

        IntConsumer bare = i -> bareWrite(barePrefix + i, filler);
        // phs-notify's own UpdateItem, sent raw on new keys: what the emulator spends on that expression, without our code
        call(phs, phsEvents.get(WARM_UP - 1));
        UpdateItemRequest own = DynamoCalls.lastUpdate();
        String replayPrefix = "BENCH#R#" + System.nanoTime() + "#";
        IntConsumer replay = i -> replayWrite(own, replayPrefix + i);
        IntConsumer phsFresh = i -> call(phs, phsEvents.get(i));
        IntConsumer mpFresh = i -> call(mp, mpEvents.get(i));

        // Warm-up: JIT, connection pool, emulator.
        for (int i = 1; i < WARM_UP; i++) {
            bare.accept(i);
            replay.accept(-i); // keys of their own: the measured ones are WARM_UP and up
            phsFresh.accept(i);
            mpFresh.accept(i);
        }
        int bareSize = stateItemBytes(barePrefix + 1);

        long[] bareNs = new long[N];
        long[] replayNs = new long[N];
        long[] phsNs = new long[N];
        long[] mpNs = new long[N];
        for (int r = 0; r < N; r += ROUND) {
            int end = Math.min(N, r + ROUND);
            time(bare, bareNs, WARM_UP, r, end);
            time(replay, replayNs, WARM_UP, r, end);
            time(phsFresh, phsNs, WARM_UP, r, end);
            time(mpFresh, mpNs, WARM_UP, r, end);
        }
        // Duplicates: the same fresh notifications again.
        int dups = Math.min(N, 100);
        long[] phsDupNs = new long[dups];
        long[] mpDupNs = new long[dups];
        time(phsFresh, phsDupNs, WARM_UP, 0, dups);
        time(mpFresh, mpDupNs, WARM_UP, 0, dups);

        // Calls and WCU of one fresh notification and its duplicate.
        Map<String, String> phsOne = freshPhs();
        Cost phsCost = cost(phs, Events.get("/payguru/phs/notify", phsOne), TableLayout.phsTransaction(phsOne.get("txid")));
        String mpOne = Events.uniqueTxid();
        Cost mpCost = cost(mp, MpEvents.get(MpEvents.BILLING, MpEvents.billing(mpOne, "3")), TableLayout.mpTransaction(mpOne));

        double throughput8 = concurrent(8, N);

        Stats bareS = new Stats(bareNs);
        Stats replayS = new Stats(replayNs);
        Stats phsS = new Stats(phsNs);
        Stats mpS = new Stats(mpNs);

        StringBuilder t = new StringBuilder("\n");
        t.append(String.format(Locale.ROOT, "BENCH %d calls per kind, item %d B (bare %d B), %d cores, emulator %s%n", N,
                stateBytes, bareSize, Runtime.getRuntime().availableProcessors(), "moto (serialized)"));
        t.append(String.format(Locale.ROOT, "BENCH %-34s %9s %9s %8s %8s  %-22s %s%n", "figure", "p50 ms", "p99 ms",
                "p50 ×", "p99 ×", "target", "met"));
        t.append(row("bare conditional UpdateItem (base)", bareS, bareS, null));
        t.append(row("phs-notify's UpdateItem, raw", replayS, bareS, null));
        t.append(row("phs-notify fresh", phsS, bareS, WARM_TARGET));
        t.append(row("phs-notify fresh ÷ its raw write", phsS, replayS, null));
        t.append(row("mp-billing-notification fresh", mpS, bareS, WARM_TARGET));
        t.append(row("phs-notify duplicate", new Stats(phsDupNs), bareS, null));
        t.append(row("mp-billing-notification duplicate", new Stats(mpDupNs), bareS, null));
        t.append(String.format(Locale.ROOT, "BENCH %-34s %.0f req/s%n", "phs-notify fresh, 8 callers", throughput8));
        t.append(String.format(Locale.ROOT, "BENCH %-34s %-44s %s%n", "DynamoDB per notification", "calls", "est. WCU"));
        t.append(costRow("phs-notify fresh", phsCost.fresh));
        t.append(costRow("phs-notify duplicate", phsCost.duplicate));
        t.append(costRow("mp-billing-notification fresh", mpCost.fresh));
        t.append(costRow("mp-billing-notification duplicate", mpCost.duplicate));
        t.append(String.format(Locale.ROOT, "BENCH %-34s printed by PackagedFunctionBenchmark after package%n",
                "cold start, RSS, function.zip"));
        t.append(String.format(Locale.ROOT, "BENCH %-34s %d (answered other than OK, e.g. 503 on an emulator timeout)%n",
                "errors", ERRORS.get()));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("calls", N);
        json.put("itemBytes", stateBytes);
        json.put("cores", Runtime.getRuntime().availableProcessors());
        json.put("bareUpdateItem", bareS.json(bareS, null));
        json.put("phsNotifyUpdateItemRaw", replayS.json(bareS, null));
        json.put("phsNotifyFresh", phsS.json(bareS, WARM_TARGET));
        json.put("phsNotifyFreshOverRawWrite", phsS.json(replayS, null));
        json.put("mpBillingFresh", mpS.json(bareS, WARM_TARGET));
        json.put("phsNotifyDuplicate", new Stats(phsDupNs).json(bareS, null));
        json.put("mpBillingDuplicate", new Stats(mpDupNs).json(bareS, null));
        json.put("phsNotify8CallersReqPerS", Math.round(throughput8));
        json.put("phsNotifyFreshDynamo", phsCost.fresh.json());
        json.put("phsNotifyDuplicateDynamo", phsCost.duplicate.json());
        json.put("mpBillingFreshDynamo", mpCost.fresh.json());
        json.put("mpBillingDuplicateDynamo", mpCost.duplicate.json());
        json.put("errors", ERRORS.get());
        t.append("BENCH-JSON ").append(toJson(json)).append('\n');
        // stdout, not the log: the report stays readable and greppable in the Maven output.
        System.out.print(t);
        assertTrue(ERRORS.get() < 3 * N, "too many failed calls to measure: " + ERRORS.get());
    }

    // ---- measuring

    private static void call(com.amazonaws.services.lambda.runtime.RequestHandler<APIGatewayV2HTTPEvent, com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse> handler,
            APIGatewayV2HTTPEvent event) {
        // A 503 of an overloaded emulator is counted and printed, not a failure: the benchmark fails only when it cannot measure.
        if (!"OK".equals(handler.handleRequest(event, null).getBody())) {
            ERRORS.incrementAndGet();
        }
    }

    private static void time(IntConsumer op, long[] out, int offset, int from, int to) {
        for (int i = from; i < to; i++) {
            long t0 = System.nanoTime();
            op.accept(offset + i);
            out[i] = System.nanoTime() - t0;
        }
    }

    private void bareWrite(String pk, String filler) {
        try {
            bareUpdate(pk, filler);
        } catch (software.amazon.awssdk.core.exception.SdkException e) {
            ERRORS.incrementAndGet(); // the emulator's stall, as the handlers see it: counted, not a failure
        }
    }

    /** {@code own} again with another partition key: the same expression and values on a new item. */
    private void replayWrite(UpdateItemRequest own, String pk) {
        Map<String, AttributeValue> key = new LinkedHashMap<>(own.key());
        key.put(TableLayout.PK, s(pk));
        try {
            dynamo.updateItem(own.toBuilder().key(key).build());
        } catch (software.amazon.awssdk.core.exception.SdkException e) {
            ERRORS.incrementAndGet();
        }
    }

    private void bareUpdate(String pk, String filler) {
        dynamo.updateItem(UpdateItemRequest.builder().tableName(table)
                .key(Map.of(TableLayout.PK, s(pk), TableLayout.SK, s("TX")))
                .updateExpression("SET #v = :v, #f = :f")
                .conditionExpression("attribute_not_exists(pk) OR #v < :v")
                .expressionAttributeNames(Map.of("#v", "version", "#f", "filler"))
                .expressionAttributeValues(Map.of(":v", AttributeValue.fromN("1"), ":f", s(filler)))
                .build());
    }

    /** Size of the largest item under {@code pk}, counted as DynamoDB does (names + values, roughly). */
    private int stateItemBytes(String pk) {
        var items = dynamo.query(QueryRequest.builder().tableName(table).keyConditionExpression("#pk = :pk")
                .expressionAttributeNames(Map.of("#pk", TableLayout.PK)).expressionAttributeValues(Map.of(":pk", s(pk)))
                .build()).items();
        assertFalse(items.isEmpty(), "no item under " + pk);
        return items.stream().mapToInt(CallbackBenchmark::size).max().orElseThrow();
    }

    private static int size(Map<String, AttributeValue> item) {
        int n = 0;
        for (var e : item.entrySet()) {
            n += e.getKey().getBytes(StandardCharsets.UTF_8).length + size(e.getValue());
        }
        return n;
    }

    private static int size(AttributeValue v) {
        if (v.s() != null) {
            return v.s().getBytes(StandardCharsets.UTF_8).length;
        }
        if (v.n() != null) {
            return v.n().length() / 2 + 1;
        }
        if (v.bool() != null || Boolean.TRUE.equals(v.nul())) {
            return 1;
        }
        if (v.hasM()) {
            return 3 + size(v.m());
        }
        if (v.hasL()) {
            return 3 + v.l().stream().mapToInt(CallbackBenchmark::size).sum();
        }
        return v.b() != null ? v.b().asByteArray().length : 0;
    }

    private static Map<String, String> freshPhs() {
        String txid = Events.uniqueTxid();
        return Events.phsNotify(txid, "ORD-" + txid, "3", "19.90");
    }

    private Cost cost(com.amazonaws.services.lambda.runtime.RequestHandler<APIGatewayV2HTTPEvent, com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse> handler,
            APIGatewayV2HTTPEvent event, String pk) {
        Dynamo fresh = measureCalls(() -> call(handler, event));
        Dynamo duplicate = measureCalls(() -> call(handler, event));
        // a write unit is 1 KB of the larger of the item before and after: the stored item is that size
        int units = (stateItemBytes(pk) + 1023) / 1024;
        return new Cost(fresh.inUnitsOf(units), duplicate.inUnitsOf(units));
    }

    /** The calls {@code r} makes, counted at 1 KB per write until {@link Dynamo#inUnitsOf} says otherwise. */
    private static Dynamo measureCalls(Runnable r) {
        Map<String, Integer> before = DynamoCalls.snapshot();
        int itemsBefore = DynamoCalls.transactItems();
        r.run();
        return new Dynamo(DynamoCalls.since(before), DynamoCalls.transactItems() - itemsBefore, 1);
    }

    private double concurrent(int threads, int n) throws Exception {
        List<APIGatewayV2HTTPEvent> events = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            events.add(Events.get("/payguru/phs/notify", freshPhs()));
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (APIGatewayV2HTTPEvent e : events) {
                futures.add(pool.submit(() -> call(phs, e)));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return n / ((System.nanoTime() - start) / 1e9);
    }

    // ---- reporting

    private record Cost(Dynamo fresh, Dynamo duplicate) {
    }

    /**
     * Calls by operation and items written in transactions; WCU of the base table estimated from the state item's size
     * in KB ({@code units}, rounded up; a transaction's items taken as that size too), index writes not counted.
     */
    private record Dynamo(Map<String, Integer> calls, int transactItems, int units) {

        Dynamo inUnitsOf(int itemUnits) {
            return new Dynamo(calls, transactItems, itemUnits);
        }

        int wcu() {
            int w = 2 * transactItems * units;
            for (String op : List.of("PutItem", "UpdateItem", "DeleteItem")) {
                w += calls.getOrDefault(op, 0) * units; // a failed conditional write costs as much
            }
            w += calls.getOrDefault("BatchWriteItem", 0) > 0 ? 1 : 0;
            return w;
        }

        int total() {
            return calls.values().stream().mapToInt(Integer::intValue).sum();
        }

        Map<String, Object> json() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("calls", total());
            m.put("byOperation", calls);
            m.put("transactItems", transactItems);
            m.put("estimatedWcu", wcu());
            return m;
        }
    }

    private static final class Stats {
        final double p50;
        final double p99;

        Stats(long[] nanos) {
            long[] sorted = nanos.clone();
            Arrays.sort(sorted);
            p50 = sorted[sorted.length / 2] / 1e6;
            p99 = sorted[Math.min(sorted.length - 1, (int) (sorted.length * 0.99))] / 1e6;
        }

        Map<String, Object> json(Stats base, Double target) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("p50Ms", round(p50));
            m.put("p99Ms", round(p99));
            m.put("p50Ratio", round(p50 / base.p50));
            m.put("p99Ratio", round(p99 / base.p99));
            if (target != null) {
                m.put("targetRatio", target);
                m.put("targetMet", p50 / base.p50 <= target && p99 / base.p99 <= target);
            }
            return m;
        }
    }

    private static String row(String label, Stats s, Stats base, Double target) {
        double r50 = s.p50 / base.p50;
        double r99 = s.p99 / base.p99;
        String targetText = target == null ? "" : String.format(Locale.ROOT, "≤ %.1f× bare (p50,p99)", target);
        String met = target == null ? "" : r50 <= target && r99 <= target ? "met" : "NOT met";
        return String.format(Locale.ROOT, "BENCH %-34s %9.2f %9.2f %7.2f× %7.2f×  %-22s %s%n", label, s.p50, s.p99, r50,
                r99, targetText, met);
    }

    private static String costRow(String label, Dynamo d) {
        return String.format(Locale.ROOT, "BENCH %-34s %-44s %d%n", label,
                d.total() + " " + d.calls() + (d.transactItems() > 0 ? " (" + d.transactItems() + " items)" : ""),
                d.wcu());
    }

    private static double round(double d) {
        return Math.round(d * 100) / 100.0;
    }

    private static AttributeValue s(String v) {
        return AttributeValue.fromS(v);
    }

    private static String toJson(Object o) {
        if (o == null) {
            return "null";
        }
        if (o instanceof Map<?, ?> m) {
            StringBuilder b = new StringBuilder("{");
            m.forEach((k, v) -> b.append(b.length() > 1 ? "," : "").append('"').append(k).append("\":").append(toJson(v)));
            return b.append('}').toString();
        }
        if (o instanceof Number || o instanceof Boolean) {
            return o.toString();
        }
        return '"' + o.toString().replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
