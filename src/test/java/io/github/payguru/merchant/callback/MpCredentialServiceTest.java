package io.github.payguru.merchant.callback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.payguru.merchant.kernel.Line;
import io.github.payguru.merchant.lambda.EventReader;
import io.github.payguru.merchant.lambda.MpCredentialServiceHandler;
import io.github.payguru.merchant.lambda.MpSubscriptionNotificationHandler;
import io.github.payguru.merchant.mp.GeneratedCredentials;
import io.github.payguru.merchant.mp.MpConfig;
import io.github.payguru.merchant.mp.MpCredentialProvider;
import io.github.payguru.merchant.mp.MpCredentialService;
import io.github.payguru.merchant.mp.MpGuard;
import io.github.payguru.merchant.payguru.ServiceDirectory;
import io.github.payguru.merchant.store.CredentialItem;
import io.github.payguru.merchant.store.Ledger;
import io.github.payguru.merchant.store.LedgerReader;
import io.github.payguru.merchant.store.TableLayout;
import io.github.payguru.merchant.support.ConfigVariants;
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

    @Inject
    MpConfig config;

    @Inject
    ServiceDirectory services;

    @Inject
    MpGuard guard;

    @Inject
    MpCredentialProvider provider;

    @Inject
    Ledger writer;

    @Inject
    LedgerReader reader;

    @Inject
    MpSubscriptionNotificationHandler subscriptions;

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

    /** The credential request Payguru would repeat: one trans_id, the same URL each time. */
    static Map<String, String> request(String subsId, String transId) {
        Map<String, String> p = MpEvents.credentials(subsId, MpEvents.SECRET);
        p.put("trans_id", transId);
        return p;
    }

    /** Issue 17 case 5. Before: 2 identical requests, 2 different passwords, the first one dead. After: equal. */
    @Test
    void case5_theSameCredentialRequestReturnsTheSamePassword() throws Exception {
        String subsId = Events.uniqueTxid();
        String transId = Events.uniqueTxid();
        JsonNode first = body(call(MpEvents.get(MpEvents.CREDENTIALS, request(subsId, transId))));
        JsonNode second = body(call(MpEvents.get(MpEvents.CREDENTIALS, request(subsId, transId))));
        assertEquals(1, first.get("result").asInt(), first::toString);
        assertEquals(first, second, "the same request gets the same answer");
        String password = first.get("password").asText();
        assertTrue(credentials.verify(subsId, "m" + subsId, password), "the password the subscriber got still works");
        CredentialItem stored = ledger.item(CredentialItem.SCHEMA, TableLayout.mpSubscription(subsId), CredentialItem.SORT)
                .orElseThrow();
        assertEquals(transId, stored.transId, "the first trans_id is what the password is derived from");
        assertFalse(ledger.partition(TableLayout.mpSubscription(subsId)).toString().contains(password),
                "no clear password in the table");
    }

    /** Payguru asks after the first charge; asked again under another trans_id, the first password stays valid. */
    @Test
    void case5_anotherTransIdForTheSameSubscriptionGetsTheFirstCredentials() throws Exception {
        String subsId = Events.uniqueTxid();
        String firstTransId = Events.uniqueTxid();
        JsonNode first = body(call(MpEvents.get(MpEvents.CREDENTIALS, request(subsId, firstTransId))));
        for (int i = 0; i < 3; i++) {
            JsonNode again = body(call(MpEvents.get(MpEvents.CREDENTIALS, request(subsId, Events.uniqueTxid()))));
            assertEquals(first, again, "another trans_id never replaces the subscriber's password");
        }
        assertTrue(credentials.verify(subsId, "m" + subsId, first.get("password").asText()));
        assertEquals(firstTransId, ledger.item(CredentialItem.SCHEMA, TableLayout.mpSubscription(subsId),
                CredentialItem.SORT).orElseThrow().transId);
    }

    /** Two first requests at once (different trans_ids): one write wins, both answers are its credentials. */
    @Test
    void case5_racingFirstRequestsGetOneAnswer() throws Exception {
        String subsId = Events.uniqueTxid();
        var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<String>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < 4; i++) {
                Map<String, String> p = request(subsId, Events.uniqueTxid());
                answers.add(pool.submit(() -> call(MpEvents.get(MpEvents.CREDENTIALS, p)).getBody()));
            }
            Set<String> bodies = new java.util.HashSet<>();
            for (var a : answers) {
                bodies.add(a.get());
            }
            assertEquals(1, bodies.size(), bodies::toString);
            assertTrue(bodies.iterator().next().startsWith("{\"result\":1,"), bodies::toString);
        } finally {
            pool.shutdown();
        }
    }

    /** A changed key (or an item of an earlier release) cannot give the stored password again: refused, nothing changed. */
    @Test
    void case5_credentialsThatCannotBeDerivedAgainAreRefusedNotReplaced() throws Exception {
        String subsId = Events.uniqueTxid();
        JsonNode first = body(call(MpEvents.get(MpEvents.CREDENTIALS, request(subsId, Events.uniqueTxid()))));
        MpConfig.Credentials rotated = ConfigVariants.with(MpConfig.Credentials.class, config.credentials(),
                Map.of("key", Optional.of("another-credentials-key")));
        GeneratedCredentials other = new GeneratedCredentials(writer, reader,
                ConfigVariants.with(MpConfig.class, config, Map.of("credentials", rotated)));
        MpCredentialProvider.Issued issued = other.issue(services.candidates(Line.MP, null).stream()
                .filter(s -> s.payguruId().equals(MpEvents.SERVICE)).findFirst().orElseThrow(), subsId, "1");
        assertEquals("CREDENTIALS CANNOT BE REPEATED", issued.error());
        assertTrue(credentials.verify(subsId, "m" + subsId, first.get("password").asText()), "the first still works");
    }

    /** The API doc does not say Payguru asks only for subscriptions it notified: refusing the unknown is configuration. */
    @Test
    void case5_aSubsIdNeverSeenIsRefusedOnlyWhenConfigured() throws Exception {
        MpConfig.Credentials strict = ConfigVariants.with(MpConfig.Credentials.class, config.credentials(),
                Map.of("requireKnownSubscription", true));
        MpCredentialService known = new MpCredentialService(services, guard, provider, reader,
                ConfigVariants.with(MpConfig.class, config, Map.of("credentials", strict)));
        String unknown = Events.uniqueTxid();
        CallbackAnswer refused = known.handle(EventReader.callback(MpEvents.get(MpEvents.CREDENTIALS,
                request(unknown, Events.uniqueTxid())), 16384));
        assertEquals("{\"result\":0,\"msg\":\"ERROR: UNKNOWN SUBSCRIPTION\"}", refused.body());
        assertTrue(ledger.item(CredentialItem.SCHEMA, TableLayout.mpSubscription(unknown), CredentialItem.SORT).isEmpty());
        assertEquals(1, body(call(MpEvents.get(MpEvents.CREDENTIALS, request(unknown, Events.uniqueTxid()))))
                .get("result").asInt(), "by default (off) the same subsId gets credentials");

        String subsId = Events.uniqueTxid();
        subscriptions.handleRequest(MpEvents.get(MpEvents.SUBSCRIPTION,
                MpEvents.subscription(subsId, Events.uniqueTxid(), "active", "order-" + subsId)), null);
        CallbackAnswer ok = known.handle(EventReader.callback(MpEvents.get(MpEvents.CREDENTIALS,
                request(subsId, Events.uniqueTxid())), 16384));
        assertTrue(ok.body().startsWith("{\"result\":1,\"msg\":\"SUCCESS\""), ok.body());
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
