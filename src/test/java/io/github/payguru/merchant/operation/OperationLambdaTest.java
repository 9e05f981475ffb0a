package io.github.payguru.merchant.operation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.payguru.merchant.dev.simulator.PayguruSimulator;
import io.github.payguru.merchant.support.Fixtures;
import io.github.payguru.merchant.support.LambdaMock;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Each operation as Lambda runs it, one case per route: its success fixture — ids swapped for objects the
 * simulator knows — and each of its refusal fixtures, posted to the Lambda mock event server and handed to the
 * operation's {@code @Named} handler ({@link LambdaMock#to}). {@code mp-payment-page} (its answer is the
 * simulator's page) and {@code phs-test-transaction} (refused without a sandbox) have tests of their own.
 */
@QuarkusTest
class OperationLambdaTest {

    @Inject
    PayguruSimulator payguru;

    @ParameterizedTest
    @ValueSource(strings = { "mp-transaction-get", "mp-transaction-refund", "mp-subscription-get",
            "mp-subscription-cancel", "mp-transaction-search", "mp-subscription-search", "mp-message-search",
            "phs-payment-notification-create", "phs-payment-notification-get", "phs-transaction-get", "phs-refund-get",
            "phs-order-lookup" })
    void fixturesThroughTheLambdaRuntime(String handler) throws Exception {
        payguru.reset();
        ObjectNode event = (ObjectNode) OperationsTestSupport.JSON.readTree(Fixtures.json(handler, "post-success"));
        event.put("body", OperationsTestSupport.successBody(handler, payguru).toString());
        given().body(event.toString()).post(LambdaMock.to(handler))
                .then().statusCode(200).body("statusCode", equalTo(200))
                .body("body", containsString("\"payguruCode\":"));
        for (String refusal : refusalFixtures(handler)) {
            given().body(Fixtures.json(handler, refusal)).post(LambdaMock.to(handler))
                    .then().statusCode(200).body("statusCode", equalTo(400))
                    .body("body", containsString("\"source\":\"validation\""));
        }
        payguru.awaitDeliveries(java.time.Duration.ofSeconds(5));
        payguru.reset();
    }

    private static String[] refusalFixtures(String handler) throws IOException {
        try (Stream<Path> files = Files.list(Path.of("infra", "events", handler))) {
            String[] out = files.map(f -> f.getFileName().toString().replace(".json", ""))
                    .filter(n -> !n.equals("post-success")).sorted().toArray(String[]::new);
            if (out.length == 0) {
                throw new IllegalStateException("no refusal fixture for " + handler);
            }
            return out;
        }
    }
}
