package io.github.payguru.merchant.packaged;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.payguru.merchant.support.Events;
import io.github.payguru.merchant.support.Fixtures;

/**
 * Prints the figures of the shipped {@code target/function.zip} (after {@code package}, failsafe, only with
 * {@code -Pbench}; README "Performance"): cold start of phs-notify (process start → first answer, under the Lambda
 * runtime interface client as {@link PackagedFunctionIT} runs it), the function process's peak RSS (VmHWM) after N
 * fresh notifications, and the size of function.zip, each beside its target. The baseline of the cold start (the
 * smallest Quarkus Lambda, measured the same way) is not built here: it is printed as missing. A target never fails
 * the build; the test fails only when it cannot measure.
 */
class PackagedFunctionBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int N = Integer.getInteger("bench.packaged.n", 200);
    private static final double RSS_TARGET_MB = 160;
    private static final double ZIP_TARGET_MB = 15;

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
        String template = Fixtures.json("phs-notify", "get-success");
        double coldMs;
        double rssMb;
        long start = System.nanoTime();
        try (PackagedFunction function = PackagedFunction.start("phs-notify", PackagedFunctionIT.templateEnvironment())) {
            assertOk(function.invoke(fresh(template)));
            coldMs = (System.nanoTime() - start) / 1e6;
            for (int i = 0; i < N; i++) {
                assertOk(function.invoke(fresh(template)));
            }
            rssMb = vmHwmKb(function.pid()) / 1024.0;
        }
        double zipMb = Files.size(PackagedFunction.ZIP) / 1024.0 / 1024.0;

        StringBuilder t = new StringBuilder("\n");
        t.append(String.format(Locale.ROOT, "BENCH %-34s %8.0f ms  target ≤ 1.5× empty Quarkus Lambda: baseline missing%n",
                "cold start phs-notify (packaged)", coldMs));
        t.append(String.format(Locale.ROOT, "BENCH %-34s %8.1f MB  target ≤ %.0f MB  %s%n",
                "RSS (VmHWM) after " + N + " calls", rssMb, RSS_TARGET_MB, rssMb <= RSS_TARGET_MB ? "met" : "NOT met"));
        t.append(String.format(Locale.ROOT, "BENCH %-34s %8.1f MB  target ≤ %.0f MB  %s%n", "function.zip", zipMb,
                ZIP_TARGET_MB, zipMb <= ZIP_TARGET_MB ? "met" : "NOT met"));
        t.append(String.format(Locale.ROOT,
                "BENCH-JSON {\"coldStartMs\":%.0f,\"coldStartBaselineMs\":null,\"coldStartTargetMet\":null,"
                        + "\"rssCalls\":%d,\"rssMb\":%.1f,\"rssTargetMb\":%.0f,\"rssTargetMet\":%s,"
                        + "\"functionZipMb\":%.1f,\"functionZipTargetMb\":%.0f,\"functionZipTargetMet\":%s}%n",
                coldMs, N, rssMb, RSS_TARGET_MB, rssMb <= RSS_TARGET_MB, zipMb, ZIP_TARGET_MB, zipMb <= ZIP_TARGET_MB));
        System.out.print(t);
    }

    /** The fixture event with a new txid (and its key): a fresh notification. */
    private static String fresh(String template) throws Exception {
        String txid = Events.uniqueTxid();
        Map<String, String> params = Events.phsNotify(txid, "ORD-" + txid, "3", "150.00");
        ObjectNode event = (ObjectNode) JSON.readTree(template);
        event.put("rawQueryString", Events.form(params));
        event.set("queryStringParameters", JSON.valueToTree(params));
        return JSON.writeValueAsString(event);
    }

    private static void assertOk(LambdaRuntimeApi.Answer answer) throws Exception {
        JsonNode body = JSON.readTree(answer.body());
        assertEquals(200, body.get("statusCode").asInt(), body::toString);
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
