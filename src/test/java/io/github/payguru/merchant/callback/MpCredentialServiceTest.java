package io.github.payguru.merchant.callback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.payguru.merchant.lambda.MpCredentialServiceHandler;
import io.github.payguru.merchant.mp.GeneratedCredentials;
import io.github.payguru.merchant.store.CredentialItem;
import io.github.payguru.merchant.store.TableLayout;
import io.github.payguru.merchant.support.Events;
import io.github.payguru.merchant.support.Fixtures;
import io.github.payguru.merchant.support.LedgerView;
import io.github.payguru.merchant.support.LogCapture;
import io.github.payguru.merchant.support.MpEvents;
import io.quarkus.test.junit.QuarkusTest;

/** mp-credential-service through its handler bean, on the local DynamoDB emulator. */
@QuarkusTest
class MpCredentialServiceTest {

    static final String FN = "mp-credential-service";
    static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    MpCredentialServiceHandler handler;

    @Inject
    GeneratedCredentials credentials;

    @Inject
    LedgerView ledger;

    JsonNode body(APIGatewayV2HTTPResponse r) throws Exception {
        return JSON.readTree(r.getBody());
    }

    APIGatewayV2HTTPResponse call(APIGatewayV2HTTPEvent e) {
        return handler.handleRequest(e, null);
    }

    @Test
    void goodKeyGetsCredentialsStoredOnlyHashed() throws Exception {
        APIGatewayV2HTTPResponse r = call(Fixtures.event(FN, "good-key"));
        assertEquals(200, r.getStatusCode());
        assertTrue(r.getHeaders().get("content-type").startsWith("application/json"));
        JsonNode b = body(r);
        assertEquals(1, b.get("result").asInt());
        assertEquals("SUCCESS", b.get("msg").asText());
        assertEquals("m9400001", b.get("login").asText());
        String password = b.get("password").asText();
        assertEquals(8, password.length());
        CredentialItem stored = ledger.item(CredentialItem.SCHEMA, TableLayout.mpSubscription("9400001"),
                CredentialItem.SORT).orElseThrow();
        assertTrue(stored.passwordHash.startsWith("pbkdf2-sha256$"));
        assertFalse(stored.passwordHash.contains(password));
        assertEquals("3001", stored.service);
        assertTrue(credentials.verify("9400001", "m9400001", password));
        assertFalse(credentials.verify("9400001", "m9400001", password + "x"));
        assertFalse(credentials.verify("9400001", "someone", password));
    }

    @Test
    void repeatedCallIssuesAFreshPasswordForTheSameLogin() throws Exception {
        String subsId = Events.uniqueTxid();
        JsonNode first = body(call(MpEvents.get(MpEvents.CREDENTIALS, MpEvents.credentials(subsId, MpEvents.SECRET))));
        JsonNode second = body(call(MpEvents.get(MpEvents.CREDENTIALS, MpEvents.credentials(subsId, MpEvents.SECRET))));
        assertEquals(first.get("login"), second.get("login"));
        assertNotEquals(first.get("password"), second.get("password"));
        assertFalse(credentials.verify(subsId, "m" + subsId, first.get("password").asText()), "the last one answered is valid");
        assertTrue(credentials.verify(subsId, "m" + subsId, second.get("password").asText()));
    }

    @Test
    void eachServiceSignsWithItsOwnSecretAndUppercaseHexIsTheSameKey() throws Exception {
        String subsId = Events.uniqueTxid();
        Map<String, String> games = MpEvents.credentials(subsId, MpEvents.GAMES_SECRET);
        games.put("securekey", games.get("securekey").toUpperCase(Locale.ROOT));
        APIGatewayV2HTTPResponse r = call(MpEvents.get(MpEvents.CREDENTIALS, games));
        assertEquals(1, body(r).get("result").asInt());
        assertEquals("3002", ledger.item(CredentialItem.SCHEMA, TableLayout.mpSubscription(subsId), CredentialItem.SORT)
                .orElseThrow().service);
        APIGatewayV2HTTPResponse other = call(MpEvents.get(MpEvents.CREDENTIALS, MpEvents.credentials(subsId, MpEvents.SECRET)));
        assertEquals(200, other.getStatusCode());
        assertEquals("{\"result\":0,\"msg\":\"ERROR: SUBSCRIPTION BELONGS TO ANOTHER SERVICE\"}", other.getBody());
    }

    @Test
    void badKeyIs403WithTheDocumentedErrorAndNothingIssued() {
        APIGatewayV2HTTPResponse r = call(Fixtures.event(FN, "bad-key"));
        assertEquals(403, r.getStatusCode());
        assertEquals("{\"result\":0,\"msg\":\"ERROR: INVALID SECUREKEY\"}", r.getBody());
        assertTrue(ledger.item(CredentialItem.SCHEMA, TableLayout.mpSubscription("9400002"), CredentialItem.SORT).isEmpty());
        Map<String, String> malformed = MpEvents.credentials(Events.uniqueTxid(), MpEvents.SECRET);
        malformed.put("securekey", "not-hex");
        assertEquals(403, call(MpEvents.get(MpEvents.CREDENTIALS, malformed)).getStatusCode());
    }

    @Test
    void missingFieldAndWrongTokenAnswerInTheDocumentedShape() {
        APIGatewayV2HTTPResponse missing = call(Fixtures.event(FN, "missing-securekey"));
        assertEquals(400, missing.getStatusCode());
        assertEquals("{\"result\":0,\"msg\":\"ERROR: missing field: securekey\"}", missing.getBody());
        APIGatewayV2HTTPResponse token = call(Fixtures.event(FN, "wrong-token"));
        assertEquals(403, token.getStatusCode());
        assertEquals("{\"result\":0,\"msg\":\"ERROR: Forbidden\"}", token.getBody());
        assertTrue(ledger.item(CredentialItem.SCHEMA, TableLayout.mpSubscription("9400004"), CredentialItem.SORT).isEmpty());
        Map<String, String> nonNumeric = MpEvents.credentials("abc", MpEvents.SECRET);
        assertEquals(400, call(MpEvents.get(MpEvents.CREDENTIALS, nonNumeric)).getStatusCode());
    }

    @Test
    void passwordAndKeysNeverReachTheLogs() throws Exception {
        String subsId = Events.uniqueTxid();
        Map<String, String> p = MpEvents.credentials(subsId, MpEvents.SECRET);
        try (LogCapture logs = LogCapture.open()) {
            JsonNode b = body(call(MpEvents.get(MpEvents.CREDENTIALS, p)));
            assertFalse(logs.lines().isEmpty());
            assertFalse(logs.all().contains(b.get("password").asText()), logs.all());
            assertFalse(logs.all().contains(p.get("securekey")), logs.all());
            assertFalse(logs.all().contains(MpEvents.SECRET), logs.all());
        }
    }
}
