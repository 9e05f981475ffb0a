package io.github.payguru.merchant.lambda;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.payguru.merchant.support.Fixtures;
import io.github.payguru.merchant.support.LambdaMock;
import io.github.payguru.merchant.support.LogCapture;
import io.github.payguru.merchant.support.RecordedMetrics;
import io.quarkus.test.junit.QuarkusTest;

/** One log line and one metric line per request, through the Lambda runtime. */
@QuarkusTest
class RequestLogTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    RecordedMetrics metrics;

    @BeforeEach
    void clear() {
        metrics.clear();
    }

    List<JsonNode> requests() {
        return metrics.lines().stream().map(l -> {
            try {
                return JSON.readTree(l);
            } catch (Exception e) {
                throw new IllegalStateException(l, e);
            }
        }).filter(n -> n.has("Requests")).toList();
    }

    @Test
    void aCallbackIsOneLogLineAndOneMetricLine() {
        try (LogCapture logs = LogCapture.open()) {
            given().body(Fixtures.json("phs-notify", "get-missing-key")).post(LambdaMock.to("phs-notify"))
                    .then().statusCode(200).body("statusCode", equalTo(400));
            List<String> lines = logs.lines().stream().filter(l -> l.contains("phs-notify answered")).toList();
            assertEquals(1, lines.size(), logs.all());
            assertTrue(lines.get(0).contains("phs-notify answered 400 (4xx) in"), lines.get(0));
            assertTrue(lines.get(0).contains("function=phs-notify") && lines.get(0).contains("status=400"),
                    "the context travels with the line: " + lines.get(0));
        }
        List<JsonNode> requests = requests();
        assertEquals(1, requests.size(), metrics.lines().toString());
        assertEquals("phs-notify", requests.get(0).get("Function").asText());
        assertEquals("4xx", requests.get(0).get("Outcome").asText());
        assertTrue(requests.get(0).get("Latency").asLong() >= 0);
    }

    @Test
    void anOperationIsCountedToo() {
        given().body(Fixtures.json("mp-payment-page", "post-unknown-service")).post(LambdaMock.to("mp-payment-page"))
                .then().statusCode(200).body("statusCode", equalTo(400));
        List<JsonNode> requests = requests();
        assertEquals(1, requests.size(), metrics.lines().toString());
        assertEquals("mp-payment-page", requests.get(0).get("Function").asText());
    }
}
