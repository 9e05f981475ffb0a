package io.github.payguru.merchant.dev.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

/** The gate alone: what it records, the faults and delays it applies, and its in-flight count. */
class RequestGateTest {

    static final Instant T = Instant.parse("2026-11-02T10:15:30Z");

    final RequestGate gate = new RequestGate(() -> T);

    String pass(String operation) {
        return gate.pass(operation, "GET", "/p", Map.of("id", "1"), Map.of("token", "t"),
                f -> "fault " + f.httpStatus() + " " + f.code(), () -> "answer");
    }

    @Test
    void recordsEveryRequestOnTheClockGiven() {
        pass("phs.transaction.get");
        pass("mp.transaction.detail");
        List<RecordedRequest> seen = gate.requests("phs.transaction.get");
        assertEquals(1, seen.size());
        assertEquals(new RecordedRequest("phs.transaction.get", "GET", "/p", Map.of("id", "1"), Map.of("token", "t"), T),
                seen.get(0));
    }

    @Test
    void queuedFaultsAnswerTheNextRequestsOfTheirOperationInOrder() {
        gate.failNext("mp.transaction.refund", new SimulatorFault(503, "9999"));
        gate.failNext("mp.transaction.refund", new SimulatorFault(409, "1005"));
        assertEquals("answer", pass("mp.transaction.detail"));
        assertEquals("fault 503 9999", pass("mp.transaction.refund"));
        assertEquals("fault 409 1005", pass("mp.transaction.refund"));
        assertEquals("answer", pass("mp.transaction.refund"));
        assertThrows(IllegalArgumentException.class, () -> gate.failNext("mp.nope", new SimulatorFault(500, "x")));
    }

    @Test
    void aDelayedRequestIsInsideUntilAnsweredAndResetForgetsTheQueues() throws Exception {
        gate.delayNext("phs.transaction.get", Duration.ofMillis(300));
        CompletableFuture<String> slow = CompletableFuture.supplyAsync(() -> pass("phs.transaction.get"));
        while (gate.requests("phs.transaction.get").isEmpty()) {
            Thread.sleep(5);
        }
        assertFalse(gate.awaitIdle(Duration.ofMillis(20)));
        assertTrue(gate.awaitIdle(Duration.ofSeconds(5)));
        assertEquals("answer", slow.get());
        gate.failNext("phs.transaction.get", new SimulatorFault(500, "ERR_010"));
        gate.reset();
        assertTrue(gate.requests("phs.transaction.get").isEmpty());
        assertEquals("answer", pass("phs.transaction.get"));
    }

    @Test
    void aDelayQueuedForARequestNotYetArrivedKeepsTheGateBusy() throws Exception {
        gate.delayNext("mp.transaction.refund", Duration.ofMillis(100));
        assertFalse(gate.awaitIdle(Duration.ofMillis(20)), "the held request is on its way");
        CompletableFuture<String> late = CompletableFuture.supplyAsync(() -> pass("mp.transaction.refund"));
        assertTrue(gate.awaitIdle(Duration.ofSeconds(5)));
        assertEquals(1, gate.requests("mp.transaction.refund").size(), "idle only once the held request came");
        assertEquals("answer", late.get());
    }

    @Test
    void anAnswerThatThrowsStillLeaves() throws Exception {
        assertThrows(SimulatorError.class, () -> gate.pass("phs.refund.get", "GET", "/p", null, null,
                f -> "fault", () -> {
                    throw SimulatorError.phs("ERR_006");
                }));
        assertTrue(gate.awaitIdle(Duration.ZERO));
    }
}
