package io.github.payguru.merchant.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;

import io.github.payguru.merchant.aws.AwsJson;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * The EventBridge sink and its signed JSON call ({@link AwsJson}) against a stand-in for EventBridge on loopback
 * that records each request and answers what the test queues: the request as AWS expects it (target, content
 * type, SigV4 with the session token, entries), per-entry refusals and a missing answer as the SDK client's sink
 * reported them, retries of 5xx and throttling, no retry of a refusal, and no secret or detail in a failure.
 */
class EventBridgeSinkTest {

    static final ObjectMapper JSON = new ObjectMapper();

    record Seen(String target, String contentType, String authorization, String token, JsonNode body) {
    }

    HttpServer server;
    final List<Seen> seen = new CopyOnWriteArrayList<>();
    final Deque<Object[]> answers = new ArrayDeque<>();
    AwsJson eventBridge;
    EventBridgeSink sink;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 4);
        server.createContext("/", exchange -> {
            JsonNode body = JSON.readTree(exchange.getRequestBody());
            seen.add(new Seen(exchange.getRequestHeaders().getFirst("X-Amz-Target"),
                    exchange.getRequestHeaders().getFirst("Content-Type"),
                    exchange.getRequestHeaders().getFirst("Authorization"),
                    exchange.getRequestHeaders().getFirst("X-Amz-Security-Token"), body));
            Object[] answer;
            synchronized (answers) {
                answer = answers.isEmpty() ? new Object[] { 500, "{}" } : answers.removeFirst();
            }
            byte[] bytes = ((String) answer[1]).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
            exchange.sendResponseHeaders((Integer) answer[0], bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        eventBridge = new AwsJson("events", "AWSEvents", URI.create("http://127.0.0.1:" + server.getAddress().getPort()),
                Region.EU_CENTRAL_1, StaticCredentialsProvider.create(
                        AwsSessionCredentials.create("AKIDLOCAL", "secret-not-in-messages", "session-token-1")));
        sink = new EventBridgeSink(eventBridge, () -> Optional.of("the-bus"));
    }

    @AfterEach
    void stop() {
        eventBridge.close();
        server.stop(0);
    }

    void answer(int status, String body) {
        answers.addLast(new Object[] { status, body });
    }

    static ChangeEvent event(String id, String occurredAt) {
        ObjectNode detail = JSON.createObjectNode().put("eventId", id).put("secretish", "detail-" + id);
        return new ChangeEvent(EventDerivation.TRANSACTION, id, 1, occurredAt, "TX#PHS#1", detail);
    }

    @Test
    void putsEveryEntrySignedAndReportsEachRefusalByItsCode() {
        answer(200, "{\"FailedEntryCount\":1,\"Entries\":[{\"EventId\":\"e-1\"},"
                + "{\"ErrorCode\":\"InternalFailure\",\"ErrorMessage\":\"try again\"},{\"EventId\":\"e-3\"}]}");
        List<String> errors = sink.put(List.of(event("a", "2026-11-22T10:00:00.123Z"), event("b", null),
                event("c", "not a time")));
        assertEquals(Arrays.asList(null, "InternalFailure", null), errors);

        assertEquals(1, seen.size());
        Seen request = seen.get(0);
        assertEquals("AWSEvents.PutEvents", request.target());
        assertEquals("application/x-amz-json-1.1", request.contentType());
        assertTrue(request.authorization().startsWith("AWS4-HMAC-SHA256 Credential=AKIDLOCAL/"), request.authorization());
        assertTrue(request.authorization().contains("/eu-central-1/events/aws4_request"), request.authorization());
        assertTrue(request.authorization().contains("x-amz-target"), request.authorization());
        assertEquals("session-token-1", request.token());
        JsonNode entries = request.body().path("Entries");
        assertEquals(3, entries.size());
        JsonNode first = entries.get(0);
        assertEquals("the-bus", first.path("EventBusName").asText());
        assertEquals(EventDerivation.SOURCE, first.path("Source").asText());
        assertEquals(EventDerivation.TRANSACTION, first.path("DetailType").asText());
        assertEquals("a", parse(first.path("Detail").asText()).path("eventId").asText());
        assertEquals("1795341600.123", first.path("Time").decimalValue().toPlainString());
        assertFalse(entries.get(1).has("Time"), "no time: EventBridge stamps its own");
        assertFalse(entries.get(2).has("Time"), "an unreadable time is left out");
    }

    @Test
    void entriesWithoutAnAnswerOrAnIdAreRefusals() {
        answer(200, "{\"FailedEntryCount\":0,\"Entries\":[{\"EventId\":\"e-1\"},{}]}");
        assertEquals(List.of("NoEventId", "NoResult"),
                sink.put(List.of(event("a", null), event("b", null), event("c", null))).subList(1, 3));
    }

    @Test
    void serverErrorsAndThrottlingAreRetriedRefusalsAreNot() {
        answer(503, "");
        answer(400, "{\"__type\":\"com.amazon.coral.availability#ThrottlingException\",\"message\":\"Rate exceeded\"}");
        answer(200, "{\"FailedEntryCount\":0,\"Entries\":[{\"EventId\":\"e-1\"}]}");
        assertEquals(Arrays.asList((String) null), sink.put(List.of(event("a", null))));
        assertEquals(3, seen.size());

        seen.clear();
        answer(400, "{\"__type\":\"ResourceNotFoundException\",\"message\":\"Event bus the-bus does not exist.\"}");
        AwsJson.Failure refused = assertThrows(AwsJson.Failure.class, () -> sink.put(List.of(event("a", null))));
        assertEquals(1, seen.size(), "a refusal is not retried");
        assertEquals(400, refused.status());
        assertEquals("ResourceNotFoundException", refused.errorCode());
        assertTrue(refused.getMessage().startsWith("AWSEvents.PutEvents failed: HTTP 400 ResourceNotFoundException"),
                refused.getMessage());
        assertFalse(refused.getMessage().contains("detail-a"), refused.getMessage());
        assertFalse(refused.getMessage().contains("secret-not-in-messages"), refused.getMessage());
    }

    @Test
    void aCallThatNeverGetsAnAnswerFailsAfterThreeAttempts() {
        for (int i = 0; i < 3; i++) {
            answer(500, "{\"__type\":\"InternalException\"}");
        }
        AwsJson.Failure failed = assertThrows(AwsJson.Failure.class, () -> sink.put(List.of(event("a", null))));
        assertEquals(3, seen.size());
        assertEquals(500, failed.status());
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
