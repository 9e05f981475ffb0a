package io.github.payguru.merchant.payguru;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

import io.github.payguru.merchant.payguru.PayguruOutcome.Kind;

/** Every Payguru result code and HTTP status maps to a typed outcome and the caller's status. */
class PayguruOutcomeTest {

    static JsonNode json(String s) throws Exception {
        return PayguruCalls.JSON.readTree(s);
    }

    @ParameterizedTest
    @CsvSource({
            "000, OK, 200",
            "ERR_001, AUTH, 502",
            "ERR_002, IP_NOT_ALLOWED, 502",
            "ERR_004, AUTH, 502",
            "ERR_005, REJECTED, 422",
            "ERR_006, NOT_FOUND, 404",
            "ERR_007, REJECTED, 422",
            "ERR_008, REJECTED, 422",
            "ERR_009, AUTH, 502",
            "ERR_010, UNAVAILABLE, 502",
            "ERR_011, REJECTED, 422",
            "ERR_012, REJECTED, 422",
            "ERR_013, NOT_FOUND, 404",
            "ERR_014, NOT_FOUND, 404",
            "ERR_015, AUTH, 502",
            "ERR_016, AUTH, 502",
            "ERR_017, REJECTED, 422",
            "ERR_018, CONFLICT, 409",
            "ERR_019, CONFLICT, 409",
            "ERR_020, AUTH, 502",
            "ERR_021, REJECTED, 422",
            "ERR_039, REJECTED, 422",
            "ERR_099, REJECTED, 422" })
    void phsCodes(String code, Kind kind, int callerStatus) throws Exception {
        PayguruOutcome o = PayguruOutcome.phs(200, json("{\"status\":\"" + code + "\",\"message\":\"Some message\"}"));
        assertEquals(kind, o.kind());
        assertEquals(code, o.code());
        assertEquals("Some message", o.message());
        assertEquals(callerStatus, o.kind().callerStatus());
    }

    @Test
    void phsTokenRefusalIsRecognised() throws Exception {
        assertTrue(PayguruOutcome.phs(200, json("{\"status\":\"ERR_015\",\"message\":\"Empty Token\"}")).tokenRefused());
        assertTrue(PayguruOutcome.phs(200, json("{\"status\":\"ERR_016\",\"message\":\"Invalid Token\"}")).tokenRefused());
        assertFalse(PayguruOutcome.phs(200, json("{\"status\":\"ERR_005\",\"message\":\"Invalid Service\"}")).tokenRefused());
    }

    @ParameterizedTest
    @CsvSource({
            "403, IP_NOT_ALLOWED, HTTP_403",
            "404, NOT_FOUND, HTTP_404",
            "409, CONFLICT, HTTP_409",
            "429, RATE_LIMITED, HTTP_429",
            "500, UNAVAILABLE, HTTP_500",
            "503, UNAVAILABLE, HTTP_503",
            "400, REJECTED, HTTP_400" })
    void httpStatusesWithoutBody(int http, Kind kind, String code) {
        assertEquals(kind, PayguruOutcome.mp(http, MissingNode.getInstance()).kind());
        assertEquals(code, PayguruOutcome.mp(http, MissingNode.getInstance()).code());
        assertEquals(kind, PayguruOutcome.phs(http, MissingNode.getInstance()).kind());
    }

    @Test
    void mpResults() throws Exception {
        PayguruOutcome ok = PayguruOutcome.mp(200,
                json("{\"response\":{\"result\":\"SUCCESS\",\"resultCode\":\"0000\"},\"subscription\":{\"id\":1}}"));
        assertEquals(Kind.OK, ok.kind());
        assertEquals("0000", ok.code());
        PayguruOutcome failed = PayguruOutcome.mp(200, json(
                "{\"response\":{\"result\":\"FAILED\",\"resultCode\":\"1004\",\"resultDescription\":\"Transaction not refundable\",\"resultDetail\":\"already refunded\"}}"));
        assertEquals(Kind.REJECTED, failed.kind());
        assertEquals("1004", failed.code());
        assertEquals("Transaction not refundable (already refunded)", failed.message());
        PayguruOutcome notFound = PayguruOutcome.mp(404,
                json("{\"response\":{\"result\":\"FAILED\",\"resultCode\":\"2001\",\"resultDescription\":\"Not found\"}}"));
        assertEquals(Kind.NOT_FOUND, notFound.kind());
        assertEquals("2001", notFound.code());
        assertEquals(Kind.NOT_FOUND, PayguruOutcome.mp(204, MissingNode.getInstance()).kind());
        assertEquals(Kind.MALFORMED, PayguruOutcome.mp(200, json("{\"unexpected\":true}")).kind());
        assertEquals(Kind.MALFORMED, PayguruOutcome.phs(200, MissingNode.getInstance()).kind());
    }

    @Test
    void transportFailures() {
        assertEquals(Kind.TIMEOUT, PayguruCalls.transportFailure(new RuntimeException(new TimeoutException("read"))).kind());
        assertEquals(Kind.UNREACHABLE,
                PayguruCalls.transportFailure(new RuntimeException(new ConnectException("refused"))).kind());
        // anything else without an answer may have reached Payguru: treated like a timeout (uncertain for writes)
        assertTrue(PayguruCalls.transportFailure(new IllegalStateException("reset")).kind().uncertain());
        assertFalse(Kind.REJECTED.uncertain());
        assertFalse(Kind.UNREACHABLE.uncertain());
        assertTrue(Kind.UNREACHABLE.transientFailure());
    }
}
