package io.github.payguru.merchant.operation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.payguru.merchant.local.simulator.PayguruSimulator;
import io.github.payguru.merchant.support.Events;
import io.quarkus.arc.Arc;

/** Calls operation handler beans with API Gateway events as the Lambda runtime would. */
final class OperationsTestSupport {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicLong DAYS = new AtomicLong();

    /** A clock running from a day no other test uses, so the shared rate-limit windows start empty. */
    static Clock freshDay() {
        return Clock.offset(Clock.systemUTC(), Duration.ofDays(3650 + DAYS.incrementAndGet() * 2));
    }

    record Answer(int status, JsonNode body) {
        String error() {
            return body.path("error").path("code").asText(null);
        }

        Answer expect(int expected) {
            assertEquals(expected, status, body.toString());
            return this;
        }
    }

    private OperationsTestSupport() {
    }

    /** When the last delayed simulator answer will have been sent (epoch millis). */
    private static final AtomicLong HELD_UNTIL = new AtomicLong();

    /** Queues a delay on the simulator's next {@code operation} and remembers how long that request is held. */
    static void delayed(PayguruSimulator sim, String operation, long millis) {
        HELD_UNTIL.accumulateAndGet(System.currentTimeMillis() + millis + 150, Math::max);
        sim.delayNext(operation, Duration.ofMillis(millis));
    }

    /**
     * Waits for requests the simulator still holds (a delayed answer our client gave up on), so that they
     * cannot take the next test's queued faults.
     */
    static void settle() throws InterruptedException {
        long wait = HELD_UNTIL.get() - System.currentTimeMillis();
        if (wait > 0) {
            Thread.sleep(wait);
        }
    }

    @SuppressWarnings("unchecked")
    static Answer call(String handler, String json) {
        String route = io.github.payguru.merchant.http.Routes.ALL.stream().filter(r -> r.handler().equals(handler))
                .findFirst().orElseThrow().path();
        APIGatewayV2HTTPEvent event = Events.postJson(route, json);
        RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> h = (RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>) Arc
                .container().instance(handler).get();
        APIGatewayV2HTTPResponse r = h.handleRequest(event, null);
        try {
            return new Answer(r.getStatusCode(), JSON.readTree(r.getBody()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
