package io.github.payguru.merchant.callback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

import io.github.payguru.merchant.kernel.BadRequestException;
import io.github.payguru.merchant.lambda.TcknVerifyHandler;
import io.github.payguru.merchant.phs.PhsOrders;
import io.github.payguru.merchant.store.OrderItem;
import io.github.payguru.merchant.store.TableLayout;
import io.github.payguru.merchant.support.Events;
import io.github.payguru.merchant.support.Fixtures;
import io.github.payguru.merchant.support.LedgerView;
import io.github.payguru.merchant.support.LogCapture;
import io.quarkus.test.junit.QuarkusTest;

/** TCKN verify through its handler bean, on the local DynamoDB emulator. */
@QuarkusTest
class TcknVerifyTest {

    static final String PATH = "/payguru/phs/tckn-verify";
    static final String TCKN = "12345678901";

    @Inject
    TcknVerifyHandler handler;

    @Inject
    PhsOrders orders;

    @Inject
    LedgerView ledger;

    APIGatewayV2HTTPResponse verify(Map<String, String> params) {
        return handler.handleRequest(Events.get(PATH, params), null);
    }

    String newOrder() {
        String order = "ORD-T" + Events.uniqueTxid();
        orders.register("SHOP", order, "250.00", TCKN, null);
        return order;
    }

    @Test
    void knownOrderGetsTheHashOfItsTckn() {
        String order = newOrder();
        APIGatewayV2HTTPResponse r = verify(Events.tcknVerify(order, "verify"));
        assertEquals(200, r.getStatusCode());
        assertEquals("{\"status\":true,\"tckn\":\"" + Events.TCKN_HASH_12345678901 + "\"}", r.getBody());
        assertEquals("application/json; charset=utf-8", r.getHeaders().get("content-type"));
        APIGatewayV2HTTPResponse post = handler.handleRequest(
                Events.postJson(PATH, Events.json(Events.tcknVerify(order, "verify"))), null);
        assertEquals(r.getBody(), post.getBody());
    }

    @Test
    void unknownOrderAndWrongKeyGetStatusFalse() {
        APIGatewayV2HTTPResponse unknown = verify(Events.tcknVerify("ORD-NEVER-" + Events.uniqueTxid(), "verify"));
        assertEquals(200, unknown.getStatusCode());
        assertEquals("{\"status\":false,\"tckn\":null}", unknown.getBody());
        Map<String, String> p = Events.tcknVerify(newOrder(), "verify");
        p.put("key", "ea76aa1d2eceb24df1cae061feb57188"); // md5 of "forged": printf '%s' forged | md5sum
        APIGatewayV2HTTPResponse wrong = verify(p);
        assertEquals(403, wrong.getStatusCode());
        assertEquals("{\"status\":false,\"tckn\":null}", wrong.getBody());
    }

    @Test
    void verifiedAndUnverifiedAreRecordedOnTheOrder() {
        String order = newOrder();
        Map<String, String> p = Events.tcknVerify(order, "unverified");
        assertEquals(200, verify(p).getStatusCode());
        OrderItem o = ledger.order(TableLayout.phsOrder("SHOP", order)).orElseThrow();
        assertEquals("unverified", o.verification);
        assertEquals(p.get("txid"), o.verificationTxId);
        verify(Events.tcknVerify(order, "verified"));
        assertEquals("unverified", ledger.order(TableLayout.phsOrder("SHOP", order)).orElseThrow().verification,
                "first wins (issue 17 case 9): the key covers neither the type nor the txid");
        verify(Events.tcknVerify("ORD-NEVER-" + Events.uniqueTxid(), "verified"));
    }

    /**
     * Issue 17 case 9: the key is {@code md5(serviceCode + merchantId + order + keys)}, so a captured request can be
     * replayed with the other {@code notification_type}. Before: a replayed {@code unverified} overwrote
     * {@code verified}. Now the first outcome stays and a replay answers as the first did.
     */
    @Test
    void case9_aReplayedUnverifiedDoesNotFlipVerified() {
        String order = newOrder();
        Map<String, String> verified = Events.tcknVerify(order, "verified");
        APIGatewayV2HTTPResponse first = verify(verified);
        assertEquals(200, first.getStatusCode());
        Map<String, String> replay = new java.util.LinkedHashMap<>(verified);
        replay.put("notification_type", "unverified");
        replay.put("txid", Events.uniqueTxid());
        APIGatewayV2HTTPResponse again;
        try (LogCapture logs = LogCapture.open()) {
            again = verify(replay);
            assertTrue(logs.all().contains("unverified refused, the first outcome verified"), logs.all());
        }
        assertEquals(first.getStatusCode(), again.getStatusCode());
        assertEquals(first.getBody(), again.getBody(), "a replay answers the same as the first");
        OrderItem o = ledger.order(TableLayout.phsOrder("SHOP", order)).orElseThrow();
        assertEquals("verified", o.verification);
        assertEquals(verified.get("txid"), o.verificationTxId, "the first outcome's txid stays with it");
        assertEquals(first.getBody(), verify(verified).getBody(), "the first one again: the same answer, no change");
        assertEquals("verified", ledger.order(TableLayout.phsOrder("SHOP", order)).orElseThrow().verification);
    }

    @Test
    void case9_aReplayedVerifiedDoesNotFlipUnverified() {
        String order = newOrder();
        APIGatewayV2HTTPResponse first = verify(Events.tcknVerify(order, "unverified"));
        for (int i = 0; i < 3; i++) {
            assertEquals(first.getBody(), verify(Events.tcknVerify(order, i % 2 == 0 ? "verified" : "unverified"))
                    .getBody());
        }
        assertEquals("unverified", ledger.order(TableLayout.phsOrder("SHOP", order)).orElseThrow().verification);
        assertEquals(first.getBody(), verify(Events.tcknVerify(order, "verify")).getBody(),
                "verify still answers the hash");
    }

    @Test
    void badInputIsA400WithTheNegativeAnswer() {
        Map<String, String> p = Events.tcknVerify(newOrder(), "verify");
        p.remove("key");
        APIGatewayV2HTTPResponse r = verify(p);
        assertEquals(400, r.getStatusCode());
        assertEquals("{\"status\":false,\"tckn\":null}", r.getBody());
        Map<String, String> type = Events.tcknVerify(newOrder(), "maybe");
        assertEquals(400, verify(type).getStatusCode());
    }

    @Test
    void orderRegistrationKeepsOnlyTheHashAndRefusesAnotherTckn() {
        String order = newOrder();
        OrderItem o = ledger.order(TableLayout.phsOrder("SHOP", order)).orElseThrow();
        assertEquals(Events.TCKN_HASH_12345678901, o.tcknHash);
        assertFalse(o.toString().contains(TCKN));
        orders.register("SHOP", order, "250.00", TCKN, null);
        BadRequestException e = assertThrows(BadRequestException.class,
                () -> orders.register("SHOP", order, "250.00", "10987654321", null));
        assertEquals(409, e.status());
        assertThrows(BadRequestException.class, () -> orders.register("SHOP", "ORD-X", "250.00", "123", null));
        assertThrows(BadRequestException.class, () -> orders.register("NOPE", "ORD-X", "250.00", TCKN, null));
    }

    @Test
    void fixturesAnswerAsDocumented() {
        orders.register("SHOP", "ORD-2001", "250.00", TCKN, null);
        try (LogCapture logs = LogCapture.open()) {
            assertEquals("{\"status\":true,\"tckn\":\"" + Events.TCKN_HASH_12345678901 + "\"}",
                    handler.handleRequest(Fixtures.event("tckn-verify", "get-verify-known-order"), null).getBody());
            assertEquals("{\"status\":false,\"tckn\":null}",
                    handler.handleRequest(Fixtures.event("tckn-verify", "get-verify-unknown-order"), null).getBody());
            assertEquals(403, handler.handleRequest(Fixtures.event("tckn-verify", "get-wrong-key"), null).getStatusCode());
            assertFalse(logs.all().contains(TCKN));
        }
        assertNull(ledger.order(TableLayout.phsOrder("SHOP", "ORD-2999")).orElse(null));
    }
}
