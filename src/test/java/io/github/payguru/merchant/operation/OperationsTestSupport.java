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
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.payguru.merchant.dev.simulator.PayguruSimulator;
import io.github.payguru.merchant.support.Events;
import io.github.payguru.merchant.support.Fixtures;
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

    /** Queues a delay of {@code millis} on the simulator's next {@code operation}. */
    static void delayed(PayguruSimulator sim, String operation, long millis) {
        sim.delayNext(operation, Duration.ofMillis(millis));
    }

    /**
     * Waits until the simulator is idle: every delayed request has arrived and been carried out (a delayed answer
     * our client gave up on), so that none can take the next test's queued faults. No sleep: the simulator knows.
     */
    static void settle(PayguruSimulator sim) throws InterruptedException {
        if (!sim.awaitIdle(Duration.ofSeconds(10))) {
            throw new IllegalStateException("the Payguru simulator still holds requests after 10 s");
        }
    }

    /**
     * The body of {@code handler}'s success fixture with its ids swapped for objects the simulator knows
     * (seeded here), so the call succeeds end to end.
     */
    static ObjectNode successBody(String handler, PayguruSimulator payguru) throws Exception {
        ObjectNode b = (ObjectNode) JSON.readTree(Fixtures.event(handler, "post-success").getBody());
        String unique = Events.uniqueTxid();
        switch (handler) {
            case "mp-payment-page" -> b.put("referenceCode", "MP-GW-" + unique);
            case "mp-transaction-get", "mp-transaction-refund" ->
                b.put("transactionId", payguru.seedMpTransaction("2001", 3, "12.50", "MP-GW-" + unique).id);
            case "mp-subscription-get", "mp-subscription-cancel" -> b.put("service", "gold")
                    .put("subscriptionId", payguru.seedSubscription("gold", "active", "9.90", "SUB-GW-" + unique).id);
            case "phs-payment-notification-create" -> b.put("order", "PHS-GW-" + unique);
            case "phs-payment-notification-get" -> {
                call("phs-payment-notification-create", "{\"service\":\"SHOP\",\"order\":\"PHS-GW-" + unique
                        + "\",\"amount\":\"10.00\",\"bank\":\"isbank\"}").expect(200);
                b.put("id", Long.toString(payguru.paymentNotifications().get(0).id));
            }
            case "phs-transaction-get" -> b.put("id", payguru.seedPhsTransaction("SHOP", "PHS-GW-" + unique, "10.00", 3).id);
            case "phs-refund-get" -> b.put("id",
                    payguru.seedPhsRefund(payguru.seedPhsTransaction("SHOP", "PHS-GW-" + unique, "10.00", 3).id, 1).id);
            case "phs-order-lookup" -> b.put("order", payguru.seedPhsTransaction("SHOP", "PHS-GW-" + unique, "10.00", 3).order);
            case "phs-test-transaction" -> b.put("ref", payguru.seedPhsTransaction("SHOP", "PHS-GW-" + unique, "10.00", 3).code);
            default -> {
            }
        }
        return b;
    }

    @SuppressWarnings("unchecked")
    static Answer call(String handler, String json) {
        String route = io.github.payguru.merchant.lambda.Routes.ALL.stream().filter(r -> r.handler().equals(handler))
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
