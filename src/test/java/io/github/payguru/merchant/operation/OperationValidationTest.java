package io.github.payguru.merchant.operation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.payguru.merchant.store.LedgerReader;
import io.github.payguru.merchant.store.TableLayout;
import io.github.payguru.merchant.support.Fixtures;
import io.quarkus.arc.Arc;
import io.quarkus.test.junit.QuarkusTest;

/** Invalid requests are refused before any call to Payguru, with a clear 400 and nothing stored. */
@QuarkusTest
class OperationValidationTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @SuppressWarnings("unchecked")
    static APIGatewayV2HTTPResponse invoke(String handler, APIGatewayV2HTTPEvent event) {
        RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> h = (RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>) Arc
                .container().instance(handler).get();
        return h.handleRequest(event, null);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "mp-payment-page|post-negative-price|malformed field: price (a positive decimal with a dot)",
            "mp-payment-page|post-unknown-service|unknown service: 999",
            "mp-transaction-get|post-missing-transaction-id|missing field: transactionId",
            "mp-transaction-refund|post-malformed-transaction-id|malformed field: transactionId (1 to 19 ASCII digits without sign or leading zero, not 0)",
            "mp-subscription-get|post-unknown-service|unknown service: SHOP",
            "mp-subscription-cancel|post-missing-subscription-id|missing field: subscriptionId",
            "mp-transaction-search|post-limit-too-large|malformed field: limit (1 to 100)",
            "mp-subscription-search|post-too-many-search-terms|malformed field: search (an array of at most 3 objects)",
            "mp-message-search|post-missing-service|missing field: service",
            "phs-payment-notification-create|post-missing-order|missing field: order",
            "phs-payment-notification-create|post-malformed-amount|malformed field: amount (a positive decimal with a dot)",
            "phs-payment-notification-get|post-malformed-id|malformed field: id (1 to 19 ASCII digits without sign or leading zero, not 0)",
            "phs-transaction-get|post-missing-id|missing field: id",
            "phs-refund-get|post-malformed-id|malformed field: id (1 to 19 ASCII digits without sign or leading zero, not 0)",
            "phs-order-lookup|post-unknown-service|unknown service: NOPE",
            "phs-test-transaction|post-negative-amount|malformed field: amount (a positive decimal with a dot)" })
    void refusedBeforeAnyCall(String handler, String fixture, String message) throws Exception {
        APIGatewayV2HTTPResponse r = invoke(handler, Fixtures.event(handler, fixture));
        assertEquals(400, r.getStatusCode(), r.getBody());
        assertTrue(r.getHeaders().get("content-type").startsWith("application/json"));
        JsonNode error = JSON.readTree(r.getBody()).get("error");
        assertEquals("INVALID_REQUEST", error.get("code").asText());
        assertEquals(message, error.get("message").asText());
        assertEquals("validation", error.get("source").asText());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "phs-transaction-get|{not json|malformed JSON body",
            "phs-transaction-get|[1,2]|JSON body must be an object",
            "mp-transaction-search|{\"service\":\"2001\",\"search\":[{\"column\":\"id; drop\",\"term\":\"1\",\"condition\":\"=\"}]}|malformed field: search[].column",
            "mp-payment-page|{\"service\":\"2001\",\"referenceCode\":\"R-1\",\"item\":\"x\",\"price\":\"1.00\",\"successUrl\":\"javascript:alert(1)\",\"failureUrl\":\"https://a.example/f\"}|malformed field: successUrl (an absolute http(s) URL)",
            "phs-payment-notification-create|{\"service\":\"SHOP\",\"order\":\"O-1\",\"amount\":\"0\",\"bank\":\"isbank\"}|malformed field: amount (must be greater than zero)",
            "phs-payment-notification-create|{\"service\":\"SHOP\",\"order\":\"O-1\",\"amount\":\"1.00\",\"bank\":\"isbank\",\"tckn\":\"123\"}|malformed field: tckn (11 digits)" })
    void malformedBodies(String handler, String body, String message) throws Exception {
        APIGatewayV2HTTPEvent event = Fixtures.event(handler, "post-success");
        event.setBody(body);
        APIGatewayV2HTTPResponse r = invoke(handler, event);
        assertEquals(400, r.getStatusCode(), r.getBody());
        assertEquals(message, JSON.readTree(r.getBody()).path("error").path("message").asText());
    }

    @org.junit.jupiter.api.Test
    void aRefusedOrderIsNotStored() {
        APIGatewayV2HTTPEvent event = Fixtures.event("phs-payment-notification-create", "post-malformed-amount");
        assertEquals(400, invoke("phs-payment-notification-create", event).getStatusCode());
        LedgerReader ledger = Arc.container().instance(LedgerReader.class).get();
        assertEquals(Optional.empty(), ledger.order(TableLayout.phsOrder("SHOP", "PHS-ORD-3002")));
    }
}
