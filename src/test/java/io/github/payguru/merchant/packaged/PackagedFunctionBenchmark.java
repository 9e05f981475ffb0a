package io.github.payguru.merchant.packaged;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.payguru.merchant.support.Events;
import io.github.payguru.merchant.support.Fixtures;

/**
 * Prints the figures of the shipped {@code target/function.zip} beside the empty Quarkus Lambda built in the same
 * run ({@code src/bench/empty-lambda}, {@code target/empty-lambda/function.zip}; after {@code package}, failsafe,
 * only with {@code -Pbench}; src/site/markdown/performance.md). Cold start (process start → first answer, under the
 * Lambda
 * runtime interface client as {@link PackagedFunctionIT} runs it) and classes loaded at that answer, per function
 * kind: a callback (phs-notify, stores one notification), an operation (mp-transaction-get, calls a Payguru
 * stand-in) and the scheduled reconciliation; each kind and the empty function are started in turn, round after
 * round, and the median and range are printed, with the CPU time the process used until that answer (less
 * sensitive to other work on the machine than the wall clock). Then the peak RSS (VmHWM) after N fresh notifications and the size
 * of function.zip, each beside the empty function's and its target. A target never fails the build; the test fails
 * only when it cannot measure. {@code -Dbench.compare.zip=<path>} adds another build's function.zip (e.g. of an
 * earlier commit) to the same rounds, for a before/after on the same machine at the same time.
 */
class PackagedFunctionBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int N = Integer.getInteger("bench.packaged.n", 200);
    private static final int ROUNDS = Integer.getInteger("bench.cold.rounds", 5);
    private static final Path EMPTY_ZIP = Path.of("target", "empty-lambda", "function.zip");
    private static final double COLD_TARGET_RATIO = 1.5;
    private static final double RSS_TARGET_MB = 160;
    private static final double ZIP_TARGET_MB = 15;

    /** One function started cold: its artifact, handler, environment, first event and what a good answer is. */
    private record Kind(String name, String label, Path zip, String handler, Map<String, String> env,
            Supplier<String> event, Predicate<JsonNode> ok) {
    }

    /** Cold starts of one kind, one per round: wall-clock and CPU milliseconds, classes loaded. */
    private record Samples(List<Double> ms, List<Double> cpuMs, List<Long> classes) {
        double medianMs() {
            return median(ms);
        }

        double medianCpuMs() {
            return median(cpuMs);
        }

        long medianClasses() {
            return classes.stream().sorted().toList().get(classes.size() / 2);
        }
    }

    @BeforeAll
    static void emulator() throws Exception {
        PackagedFunctionIT.emulatorAndPayguru();
    }

    @AfterAll
    static void stop() {
        PackagedFunctionIT.stop();
    }

    @Test
    void coldStartRssAndSize() throws Exception {
        String notify = Fixtures.json("phs-notify", "get-success");
        Map<String, String> env = PackagedFunctionIT.templateEnvironment();
        Map<String, String> reconcileEnv = new HashMap<>(env);
        reconcileEnv.put("PAYGURU_SECRETS_NAMES", "merchant-private-key"); // as infra/template.yaml's function
        Predicate<JsonNode> status200 = a -> a.path("statusCode").asInt() == 200;
        List<Kind> kinds = new ArrayList<>();
        kinds.add(new Kind("empty", "empty Quarkus Lambda", EMPTY_ZIP, "empty", env, () -> fresh(notify), status200));
        // -Dbench.compare.zip=<another build's function.zip>: its three kinds in the same rounds (before/after)
        String compare = System.getProperty("bench.compare.zip", "");
        for (String suffix : compare.isBlank() ? List.of("") : List.of("", " (compare)")) {
            Path zip = suffix.isEmpty() ? PackagedFunction.ZIP : Path.of(compare);
            String key = suffix.isEmpty() ? "" : "Compare";
            kinds.add(new Kind("callback" + key, "callback phs-notify" + suffix, zip, "phs-notify", env,
                    () -> fresh(notify), status200));
            kinds.add(new Kind("operation" + key, "operation mp-transaction-get" + suffix, zip, "mp-transaction-get",
                    env, () -> Fixtures.json("mp-transaction-get", "post-success"), status200));
            kinds.add(new Kind("reconcile" + key, "reconcile" + suffix, zip, "reconcile", reconcileEnv,
                    () -> Fixtures.json("reconcile", "scheduled"), a -> a.has("checked")));
        }

        Map<String, Samples> cold = new LinkedHashMap<>();
        kinds.forEach(k -> cold.put(k.name(), new Samples(new ArrayList<>(), new ArrayList<>(), new ArrayList<>())));
        for (int round = 0; round < ROUNDS; round++) {
            for (Kind kind : kinds) {
                long start = System.nanoTime();
                try (PackagedFunction function = PackagedFunction.start(kind.zip(), kind.handler(), kind.env())) {
                    answer(function, kind);
                    cold.get(kind.name()).ms().add((System.nanoTime() - start) / 1e6);
                    cold.get(kind.name()).cpuMs().add(function.cpuMs());
                    cold.get(kind.name()).classes().add(function.loadedClasses());
                }
            }
        }
        double rssMb = rssMb(kinds.get(1));
        double emptyRssMb = rssMb(kinds.get(0));
        double zipMb = Files.size(PackagedFunction.ZIP) / 1024.0 / 1024.0;
        double emptyZipMb = Files.size(EMPTY_ZIP) / 1024.0 / 1024.0;
        System.out.print(table(kinds, cold, rssMb, emptyRssMb, zipMb, emptyZipMb));
    }

    private static String table(List<Kind> kinds, Map<String, Samples> cold, double rssMb, double emptyRssMb,
            double zipMb, double emptyZipMb) {
        double emptyMs = cold.get("empty").medianMs();
        StringBuilder t = new StringBuilder("\n");
        StringBuilder json = new StringBuilder("{\"rounds\":" + ROUNDS + ",\"coldStart\":{");
        for (Kind kind : kinds) {
            Samples s = cold.get(kind.name());
            double ratio = s.medianMs() / emptyMs;
            String verdict = kind.name().equals("empty") ? "baseline"
                    : String.format(Locale.ROOT, "%.2f× empty, target ≤ %.1f×  %s", ratio, COLD_TARGET_RATIO,
                            ratio <= COLD_TARGET_RATIO ? "met" : "NOT met");
            t.append(String.format(Locale.ROOT,
                    "BENCH %-46s %8.0f ms  (%.0f–%.0f)  cpu %5.0f ms (%.2f×)  %5d classes  %s%n",
                    "cold " + kind.label(), s.medianMs(), min(s.ms()), max(s.ms()), s.medianCpuMs(),
                    s.medianCpuMs() / cold.get("empty").medianCpuMs(), s.medianClasses(), verdict));
            json.append(String.format(Locale.ROOT,
                    "%s\"%s\":{\"handler\":\"%s\",\"medianMs\":%.0f,\"minMs\":%.0f,\"maxMs\":%.0f,\"cpuMs\":%.0f,"
                            + "\"classes\":%d,\"ratioToEmpty\":%.2f}",
                    kind.name().equals("empty") ? "" : ",", kind.name(), kind.handler(), s.medianMs(), min(s.ms()),
                    max(s.ms()), s.medianCpuMs(), s.medianClasses(), ratio));
        }
        t.append(String.format(Locale.ROOT, "BENCH %-46s %8.1f MB  empty %.1f MB (%.2f×)  target ≤ %.0f MB  %s%n",
                "RSS (VmHWM) after " + N + " calls", rssMb, emptyRssMb, rssMb / emptyRssMb, RSS_TARGET_MB,
                rssMb <= RSS_TARGET_MB ? "met" : "NOT met"));
        t.append(String.format(Locale.ROOT, "BENCH %-46s %8.1f MB  empty %.1f MB (%.2f×)  target ≤ %.0f MB  %s%n",
                "function.zip", zipMb, emptyZipMb, zipMb / emptyZipMb, ZIP_TARGET_MB,
                zipMb <= ZIP_TARGET_MB ? "met" : "NOT met"));
        boolean coldMet = kinds.stream().filter(k -> !k.name().equals("empty") && !k.name().endsWith("Compare"))
                .allMatch(k -> cold.get(k.name()).medianMs() / emptyMs <= COLD_TARGET_RATIO);
        json.append(String.format(Locale.ROOT,
                "},\"coldStartTargetRatio\":%.1f,\"coldStartTargetMet\":%s,"
                        + "\"rssCalls\":%d,\"rssMb\":%.1f,\"emptyRssMb\":%.1f,\"rssTargetMb\":%.0f,\"rssTargetMet\":%s,"
                        + "\"functionZipMb\":%.1f,\"emptyZipMb\":%.1f,\"functionZipTargetMb\":%.0f,"
                        + "\"functionZipTargetMet\":%s}",
                COLD_TARGET_RATIO, coldMet, N, rssMb, emptyRssMb, RSS_TARGET_MB, rssMb <= RSS_TARGET_MB, zipMb,
                emptyZipMb, ZIP_TARGET_MB, zipMb <= ZIP_TARGET_MB));
        return t.append("BENCH-JSON ").append(json).append('\n').toString();
    }

    /** Peak RSS of {@code kind}'s process after N + 1 fresh events. */
    private static double rssMb(Kind kind) throws Exception {
        try (PackagedFunction function = PackagedFunction.start(kind.zip(), kind.handler(), kind.env())) {
            for (int i = 0; i <= N; i++) {
                answer(function, kind);
            }
            return vmHwmKb(function.pid()) / 1024.0;
        }
    }

    private static void answer(PackagedFunction function, Kind kind) throws Exception {
        LambdaRuntimeApi.Answer answer = function.invoke(kind.event().get());
        assertFalse(answer.error(), () -> kind.handler() + " failed: " + answer.body() + "\n" + function.output());
        JsonNode body = JSON.readTree(answer.body());
        assertEquals(true, kind.ok().test(body), () -> kind.handler() + ": " + body);
    }

    /** The fixture event with a new txid (and its key): a fresh notification. */
    private static String fresh(String template) {
        try {
            String txid = Events.uniqueTxid();
            Map<String, String> params = Events.phsNotify(txid, "ORD-" + txid, "3", "150.00");
            ObjectNode event = (ObjectNode) JSON.readTree(template);
            event.put("rawQueryString", Events.form(params));
            event.set("queryStringParameters", JSON.valueToTree(params));
            return JSON.writeValueAsString(event);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static double median(List<Double> values) {
        return values.stream().sorted().toList().get(values.size() / 2);
    }

    private static double min(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
    }

    private static double max(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
    }

    private static long vmHwmKb(long pid) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        throw new IllegalStateException("no VmHWM in /proc/" + pid + "/status");
    }
}
