package io.github.payguru.merchant.packaged;

import static io.github.payguru.merchant.packaged.PackagedStack.answer;
import static io.github.payguru.merchant.packaged.PackagedStack.answerTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.github.payguru.merchant.store.OrderItem;
import io.github.payguru.merchant.store.TableLayout;
import io.github.payguru.merchant.support.Fixtures;
import io.github.payguru.merchant.support.PayguruStandIn;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Issue 17's trust model in the shipped {@code function.zip} (cases 2, 3, 4, 7 and 9; the others are in
 * {@link PackagedSafetyIT}): a callback is a claim until Payguru's API, here a stand-in on loopback answering
 * {@code transaction/detail} from {@link #payguru}, confirms it through the shipped {@code mp-transaction-get}.
 */
class PackagedClaimsIT {

    private static final String BILLING = "mp-billing-notification";

    /** What the stand-in's {@code transaction/detail} reports: txId to status, amount and referenceCode. */
    private static final Map<String, String[]> payguru = new ConcurrentHashMap<>();

    private static PackagedStack stack;
    private static PayguruStandIn standIn;

    @BeforeAll
    static void stack() throws Exception {
        stack = new PackagedStack("payguru-merchant-packaged-claims");
        standIn = new PayguruStandIn(target -> {
            String id = target.substring(target.lastIndexOf('/') + 1);
            String[] tx = payguru.get(id);
            if (tx == null) {
                return new PayguruStandIn.Reply(200, "{\"response\":{\"result\":\"FAILURE\",\"resultCode\":\"4004\","
                        + "\"resultDescription\":\"Transaction not found\"}}");
            }
            return new PayguruStandIn.Reply(200, "{\"response\":{\"result\":\"SUCCESS\",\"resultCode\":\"0000\"},"
                    + "\"subscription\":{\"id\":" + id + ",\"service\":3001,\"status\":" + tx[0] + ",\"amount\":" + tx[1]
                    + ",\"operator\":1,\"item\":\"Gold membership\",\"referenceCode\":\"" + tx[2]
                    + "\",\"billingType\":\"onetime\",\"subscriptionId\":null}}");
        });
    }

    @AfterAll
    static void stop() throws Exception {
        standIn.close();
        stack.close();
    }

    private static Map<String, String> mp() {
        return stack.mpCallbackEnvironment(standIn.base());
    }

    /** The billing fixture's event with another txId (and the order that carries it). */
    private static String withTxId(String fixture, String from, String to) {
        return Fixtures.json(BILLING, fixture).replace(from, to);
    }

    /** The shipped mp-transaction-get asks Payguru about {@code txId}; the answer's state result. */
    private static String query(String txId) throws Exception {
        try (PackagedFunction function = PackagedFunction.start("mp-transaction-get", mp())) {
            String event = Fixtures.json("mp-transaction-get", "post-success")
                    .replace("\\\"2001\\\"", "\\\"3001\\\"").replace("9100001", txId);
            JsonNode a = answerTo(function, event);
            assertEquals(200, a.get("statusCode").asInt(), a::toString);
            return PackagedStack.JSON.readTree(a.get("body").asText()).at("/state/result").asText();
        }
    }

    private static Map<String, AttributeValue> tx(String txId) {
        return stack.item(TableLayout.mpTransaction(txId), "TX");
    }

    /**
     * Case 2. Before: {@code 9} without an amount, then Payguru's real {@code 3} with 9.99 were answered 200, 409, 409
     * (the redelivery too), stored {@code 9}, out of open-items. After: 200, 200, 200; stored {@code 3} as an open,
     * unconfirmed claim, which the first API query confirms.
     */
    @Test
    void case2_aFailureClaimDoesNotSwallowThePayment() throws Exception {
        try (PackagedFunction function = PackagedFunction.start(BILLING, mp())) {
            List<Integer> answers = List.of(
                    answer(function, BILLING, "cancelled-claim-without-amount").get("statusCode").asInt(),
                    answer(function, BILLING, "paid-after-cancelled-claim").get("statusCode").asInt(),
                    answer(function, BILLING, "paid-after-cancelled-claim").get("statusCode").asInt());
            assertEquals(List.of(200, 200, 200), answers);
        }
        Map<String, AttributeValue> claim = tx("9100061");
        assertEquals("3", claim.get("status").s(), claim::toString);
        assertEquals(Boolean.FALSE, claim.get("confirmed").bool(), claim::toString);
        assertTrue(claim.containsKey("openpk"), "open until Payguru's API confirms it: " + claim);

        payguru.put("9100061", new String[] { "3", "9.99", "MP-ORD-9100061" });
        assertEquals("applied", query("9100061"));
        Map<String, AttributeValue> confirmed = tx("9100061");
        assertEquals("3", confirmed.get("status").s());
        assertEquals(Boolean.TRUE, confirmed.get("confirmed").bool(), confirmed::toString);
        assertFalse(confirmed.containsKey("openpk"), "confirmed and settled: " + confirmed);
    }

    /**
     * Issue 17 case 3 in the shipped function: the captured processing notify replayed with {@code status=3} (its key
     * still matches: Payguru's key does not cover the status) is answered OK and stored as an unconfirmed claim that
     * stays in open-items; before, it was stored as a settled success.
     */
    @Test
    void case3_aReplayedNotifyWithAnotherStatusIsStoredAsAnUnconfirmedClaim() throws Exception {
        try (PackagedFunction function = PackagedFunction.start("phs-notify", stack.environment("2001", standIn.base()))) {
            assertEquals("OK", answer(function, "phs-notify", "get-processing").get("body").asText());
            String captured = Fixtures.json("phs-notify", "get-processing");
            String replay = captured.replace("status=1&", "status=3&").replace("\"status\": \"1\"", "\"status\": \"3\"");
            assertNotEquals(captured, replay);
            JsonNode replayed = answerTo(function, replay);
            assertEquals(200, replayed.get("statusCode").asInt(), replayed::toString);
            assertEquals("OK", replayed.get("body").asText());
            Map<String, AttributeValue> stored = stack.item("TX#PHS#7000009", "TX");
            assertEquals("3", stored.get("status").s(), stored::toString);
            assertEquals(Boolean.FALSE, stored.get("confirmed").bool(), stored::toString);
            assertTrue(stored.containsKey("openpk"), "still open until transaction/get shows it: " + stored);
        }
    }

    /**
     * Case 4. Before: {@code 9} then {@code 1} with 2.50 was answered 200, 409 and the reverse 200, 200. After: 200,
     * 200 both ways, and both items end alike (the waiting claim's amount gained, the failure claim kept).
     */
    @Test
    void case4_theSameNotificationsGetTheSameAnswersInEitherOrder() throws Exception {
        try (PackagedFunction function = PackagedFunction.start(BILLING, mp())) {
            String failure = "cancelled-claim-without-amount";
            String waiting = "waiting-after-cancelled-claim";
            List<Integer> failureFirst = List.of(
                    answerTo(function, withTxId(failure, "9100061", "9100062")).get("statusCode").asInt(),
                    answer(function, BILLING, waiting).get("statusCode").asInt());
            List<Integer> waitingFirst = List.of(
                    answerTo(function, withTxId(waiting, "9100062", "9100063")).get("statusCode").asInt(),
                    answerTo(function, withTxId(failure, "9100061", "9100063")).get("statusCode").asInt());
            assertEquals(List.of(200, 200), failureFirst);
            assertEquals(List.of(200, 200), waitingFirst);
        }
        for (String txId : List.of("9100062", "9100063")) {
            Map<String, AttributeValue> t = tx(txId);
            assertEquals("9", t.get("status").s(), t::toString);
            assertEquals("2.50", t.get("amountWire").s(), t::toString);
            assertEquals(Boolean.FALSE, t.get("confirmed").bool(), t::toString);
        }
    }

    /**
     * Case 7. Before: an SMS purchase with a registered code (REFKOD) was stored under its order, and Payguru's
     * detail, which reports the code as referenceCode, was a conflict at every query: confirmed never. After: the
     * first query confirms it, and the payment keeps its order and code.
     */
    @Test
    void case7_aPurchaseWithARegisteredCodeIsConfirmedByTheFirstQuery() throws Exception {
        try (PackagedFunction function = PackagedFunction.start("mp-refcode-create", mp())) {
            String create = Fixtures.json("mp-refcode-create", "post-given-code-created").replace("FIXREF01", "PKGREF07")
                    .replace("FIX-ORD-2", "PKG-ORD-7").replace("\\\"2001\\\"", "\\\"3001\\\"");
            JsonNode created = answerTo(function, create);
            assertEquals(201, created.get("statusCode").asInt(), created::toString);
        }
        try (PackagedFunction function = PackagedFunction.start(BILLING, mp())) {
            assertEquals(200, answer(function, BILLING, "paid-with-registered-refcode").get("statusCode").asInt());
        }
        Map<String, AttributeValue> claim = tx("9100071");
        assertEquals("PKG-ORD-7", claim.get("orderRef").s(), claim::toString);
        assertEquals("PKGREF07", claim.get("refcode").s(), claim::toString);

        payguru.put("9100071", new String[] { "3", "2.50", "PKGREF07" });
        assertEquals("applied", query("9100071"), "confirmed by the first query");
        Map<String, AttributeValue> confirmed = tx("9100071");
        assertEquals(Boolean.TRUE, confirmed.get("confirmed").bool(), confirmed::toString);
        assertFalse(confirmed.containsKey("openpk"), confirmed::toString);
        assertEquals("PKG-ORD-7", confirmed.get("orderRef").s(), "still the code's order");
    }

    /**
     * Case 9. Before: a replayed {@code unverified} overwrote {@code verified}. After: the first outcome is kept, and
     * the replay is answered as the first was.
     */
    @Test
    void case9_aReplayedUnverifiedDoesNotFlipVerified() throws Exception {
        Map<String, String> phs = stack.environment("2001", standIn.base());
        // the merchant's backend registers the order (and its TCKN) before it asks Payguru; Payguru unreachable here
        phs.put("PAYGURU_API_PHS_BASE_URL", standIn.deadBase());
        try (PackagedFunction function = PackagedFunction.start("phs-payment-notification-create", phs)) {
            answerTo(function, Fixtures.json("phs-payment-notification-create", "post-success")
                    .replace("PHS-ORD-3001", "ORD-2001"));
        }
        assertFalse(stack.item(TableLayout.phsOrder("SHOP", "ORD-2001"), OrderItem.SORT).isEmpty(), "registered");
        try (PackagedFunction function = PackagedFunction.start("tckn-verify", phs)) {
            JsonNode verified = answer(function, "tckn-verify", "get-verified");
            assertEquals(200, verified.get("statusCode").asInt(), verified::toString);
            JsonNode replay = answer(function, "tckn-verify", "get-unverified");
            assertEquals(verified.get("statusCode"), replay.get("statusCode"));
            assertEquals(verified.get("body"), replay.get("body"), "the replay is answered as the first");
        }
        Map<String, AttributeValue> order = stack.item(TableLayout.phsOrder("SHOP", "ORD-2001"), OrderItem.SORT);
        assertEquals("verified", order.get("verification").s(), order::toString);
    }
}
