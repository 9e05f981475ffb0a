package io.github.payguru.merchant.packaged;

import static io.github.payguru.merchant.packaged.PackagedStack.EXPRESSION_TOKEN;
import static io.github.payguru.merchant.packaged.PackagedStack.JSON;
import static io.github.payguru.merchant.packaged.PackagedStack.MP_SECRET;
import static io.github.payguru.merchant.packaged.PackagedStack.MP_TOKEN;
import static io.github.payguru.merchant.packaged.PackagedStack.SECRETS;
import static io.github.payguru.merchant.packaged.PackagedStack.answer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.github.payguru.merchant.support.Fixtures;
import io.github.payguru.merchant.support.LeakScan;
import io.github.payguru.merchant.support.PayguruStandIn;

/**
 * Issue 17 in the shipped {@code function.zip}, the cases of the edges (the trust model's are in
 * {@link PackagedClaimsIT}): a money call written once (case 1), credentials that are idempotent (case 5), a
 * configuration that fails closed (case 6), and personal data and source addresses never kept in clear (case 8).
 */
class PackagedSafetyIT {

    private static final String BILLING = "mp-billing-notification";

    private static PackagedStack stack;
    /** Payguru for the functions that never call it here. */
    private static PayguruStandIn standIn;

    @BeforeAll
    static void stack() throws Exception {
        stack = new PackagedStack("payguru-merchant-packaged-safety");
        standIn = new PayguruStandIn(target -> new PayguruStandIn.Reply(500, "{}"));
    }

    @AfterAll
    static void stop() throws Exception {
        standIn.close();
        stack.close();
    }

    private static Map<String, String> mpCallbackEnvironment() {
        return stack.mpCallbackEnvironment(standIn.base());
    }

    /**
     * Issue 17 case 1 on the shipped function: Payguru reads the refund, carries it out and the connection closes
     * without an answer. The JDK's HttpURLConnection would write the GET again on a new connection; the function
     * writes it once, queries, and reports it confirmed.
     */
    @Test
    void case1_theShippedRefundIsWrittenOnceWhenTheConnectionBreaks() throws Exception {
        java.util.Map<String, String> tx = new java.util.concurrent.ConcurrentHashMap<>(Map.of("9100002", "3"));
        try (PayguruStandIn stand = new PayguruStandIn(target -> {
            String id = target.substring(target.lastIndexOf('/') + 1);
            if (target.contains("/transaction/refund/")) {
                tx.put(id, "7");
            }
            return new PayguruStandIn.Reply(200, "{\"response\":{\"result\":\"SUCCESS\",\"resultCode\":\"0000\"},"
                    + "\"subscription\":{\"id\":" + id + ",\"service\":2001,\"status\":" + tx.get(id) + ",\"amount\":9.99}}");
        })) {
            stand.then(PayguruStandIn.Fault.CLOSE_AFTER);
            Map<String, String> env = stack.environment("2001", stand.base());
            try (PackagedFunction function = PackagedFunction.start("mp-transaction-refund", env)) {
                JsonNode a = answer(function, "mp-transaction-refund", "post-success");
                JsonNode body = JSON.readTree(a.get("body").asText());
                assertEquals(200, a.get("statusCode").asInt(), a::toString);
                assertEquals("confirmed-by-query", body.get("refund").asText(), body::toString);
                assertEquals(1, stand.count("/mp/transaction/refund/"), stand.requests()::toString);
                assertEquals("done", stack.item("TX#MP#9100002", "REFUND").get("status").s());
            }
        }
    }

    /** Issue 17 case 5 as shipped. Before: 2 identical credential requests, 2 passwords. After: the same answer. */
    @Test
    void case5_theSameCredentialRequestReturnsTheSamePassword() throws Exception {
        Map<String, String> env = mpCallbackEnvironment();
        env.put("PAYGURU_SECRETS_NAMES", env.get("PAYGURU_SECRETS_NAMES") + ",mp/credentials/key");
        try (PackagedFunction function = PackagedFunction.start("mp-credential-service", env)) {
            JsonNode first = answer(function, "mp-credential-service", "good-key");
            assertTrue(first.get("body").asText().startsWith("{\"result\":1,\"msg\":\"SUCCESS\""), first::toString);
            assertEquals(first, answer(function, "mp-credential-service", "good-key"));
            String password = JSON.readTree(first.get("body").asText()).get("password").asText();
            assertFalse(function.output().contains(password), "the password is never logged");
        }
    }

    /** Issue 17 case 6 as shipped. Before: {@code PAYGURU_MP_CALLBACK_TOKEN=} hid the SSM token and turned the check off. */
    @Test
    void case6_anEmptyEnvironmentTokenDoesNotSwitchTheCheckOff() throws Exception {
        Map<String, String> env = mpCallbackEnvironment();
        env.put("PAYGURU_MP_CALLBACK_TOKEN", "");
        try (PackagedFunction function = PackagedFunction.start("mp-billing-notification", env)) {
            assertEquals(403, answer(function, "mp-billing-notification", "missing-token").get("statusCode").asInt());
            assertEquals(403, answer(function, "mp-billing-notification", "wrong-token").get("statusCode").asInt());
            assertEquals(200, answer(function, "mp-billing-notification", "paid").get("statusCode").asInt());
        }
    }

    /** Issue 17 case 6 as shipped. Before: an SSM token {@code Tok-${x}-42} was expanded to nothing (check off). */
    @Test
    void case6_aTokenWithAnExpressionIsUsedAsWritten() throws Exception {
        Map<String, String> env = mpCallbackEnvironment();
        env.put("PAYGURU_SECRETS_PATH", SECRETS + "/expression");
        env.put("PAYGURU_SECRETS_NAMES", "services/mp/private-key,mp/callback-token");
        try (PackagedFunction function = PackagedFunction.start("mp-billing-notification", env)) {
            assertEquals(200, withToken(function, EXPRESSION_TOKEN).get("statusCode").asInt());
            assertEquals(403, withToken(function, "Tok--42").get("statusCode").asInt(), "the expanded form is no token");
            assertEquals(403, answer(function, "mp-billing-notification", "missing-token").get("statusCode").asInt());
            assertFalse(function.output().contains(EXPRESSION_TOKEN), "the token is never logged");
        }
    }

    /** The {@code paid} fixture with another token in its URL. */
    private static JsonNode withToken(PackagedFunction function, String token) throws Exception {
        String encoded = java.net.URLEncoder.encode(token, StandardCharsets.UTF_8);
        String event = Fixtures.json("mp-billing-notification", "paid").replace("token=" + MP_TOKEN, "token=" + encoded)
                .replace("\"" + MP_TOKEN + "\"", JSON.writeValueAsString(token));
        LambdaRuntimeApi.Answer answer = function.invoke(event);
        assertFalse(answer.error(), answer::body);
        return JSON.readTree(answer.body());
    }

    /**
     * Issue 17 case 6 as shipped. Before: neither token nor CIDRs started and served MP callbacks open, without a word.
     * After: the start fails naming the settings; with the insecure flag it serves, with a WARN at start.
     */
    @Test
    void case6_startRefusesAnOpenMpDeploymentWithoutTheInsecureFlag() throws Exception {
        Map<String, String> open = stack.environment("3001", standIn.base());
        open.put("PAYGURU_MP_ALLOW_UNAUTHENTICATED_CALLBACKS", "false");
        try (PackagedFunction function = PackagedFunction.start("mp-billing-notification", open)) {
            String seen;
            try {
                LambdaRuntimeApi.Answer answer = function.invoke(Fixtures.json("mp-billing-notification", "paid"));
                assertTrue(answer.error(), () -> "an open MP deployment served: " + answer.body());
                seen = answer.body() + function.output();
            } catch (IllegalStateException ended) {
                seen = ended.getMessage();
            }
            assertTrue(seen.contains("MP callbacks would accept any caller"), seen);
        }
        open.put("PAYGURU_MP_ALLOW_UNAUTHENTICATED_CALLBACKS", "true");
        try (PackagedFunction function = PackagedFunction.start("mp-billing-notification", open)) {
            assertEquals(200, answer(function, "mp-billing-notification", "paid").get("statusCode").asInt());
            assertTrue(function.output().contains("INSECURE: MP callbacks run with neither a token nor a source allow-list"),
                    function::output);
        }
    }

    /**
     * Issue 17 case 8 as shipped. Before: {@code ab@gmx.de} (under 10 characters) was stored and logged in clear, and
     * a rejection record kept the caller's address. After: neither the table nor the function's output holds the
     * e-mail or the full address; the rejection is kept under the caller's /24.
     */
    @Test
    void case8_aShortEmailAndTheSourceAddressAreNeverKeptInClear() throws Exception {
        try (PackagedFunction function = PackagedFunction.start(BILLING, mpCallbackEnvironment())) {
            assertEquals(200, answer(function, BILLING, "paid-with-short-email").get("statusCode").asInt());
            assertEquals(403, answer(function, BILLING, "wrong-token-from-another-network").get("statusCode").asInt());
            LeakScan scan = new LeakScan(List.of(MP_TOKEN, MP_SECRET), List.of("ab@gmx.de", "198.51.100.77"));
            int[] items = { 0 };
            List<LeakScan.Hit> hits = new ArrayList<>(scan.table(stack.dynamo, stack.table, items));
            hits.addAll(scan.logs(function.output().lines().toList()));
            assertTrue(items[0] > 0, "the scan read the table");
            assertEquals(List.of(), hits);
            assertTrue(stack.item("TX#MP#9100064", "TX").toString().contains("***@gmx.de"), "kept masked");
            assertTrue(function.output().contains("from 198.51.100.0/24"), function::output);
            assertTrue(stack.dynamo.scan(b -> b.tableName(stack.table)).items().stream()
                    .anyMatch(i -> i.toString().contains("198.51.100.0/24")), "the rejection is kept under the /24");
        }
    }
}
