package io.github.payguru.merchant.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Embedded Metric Format lines: what CloudWatch reads from a function's standard output. */
class MetricsTest {

    final List<String> lines = new ArrayList<>();
    final Metrics metrics = new Metrics("PayguruMerchant", Clock.fixed(Instant.ofEpochMilli(1767225600000L),
            ZoneOffset.UTC), lines::add);

    @Test
    void oneLineHoldsTheDirectiveTheDimensionsAndTheValues() throws Exception {
        metrics.emit(Map.of("Operation", "mp-transaction-get", "Outcome", "OK"), Metrics.Measure.count("PayguruCalls"),
                Metrics.Measure.millis("PayguruLatency", 42));
        assertEquals(1, lines.size());
        JsonNode line = new ObjectMapper().readTree(lines.get(0));
        JsonNode directive = line.get("_aws").get("CloudWatchMetrics").get(0);
        assertEquals(1767225600000L, line.get("_aws").get("Timestamp").asLong());
        assertEquals("PayguruMerchant", directive.get("Namespace").asText());
        assertEquals("[[\"Operation\",\"Outcome\"]]", directive.get("Dimensions").toString());
        assertEquals("[{\"Name\":\"PayguruCalls\",\"Unit\":\"Count\"},{\"Name\":\"PayguruLatency\",\"Unit\":\"Milliseconds\"}]",
                directive.get("Metrics").toString());
        assertEquals("mp-transaction-get", line.get("Operation").asText());
        assertEquals(1, line.get("PayguruCalls").asInt());
        assertEquals(42, line.get("PayguruLatency").asInt());
    }

    @Test
    void aDimensionValueCannotBreakTheLineOrGrowWithoutBound() throws Exception {
        metrics.count("Requests", Map.of("Function", "x\",\"_aws\":{}\n" + "y".repeat(200)));
        JsonNode line = new ObjectMapper().readTree(lines.get(0));
        String function = line.get("Function").asText();
        assertEquals(64, function.length());
        assertEquals("x____aws_:___", function.substring(0, 13), "quotes, braces and line breaks are replaced");
    }
}
