package io.github.payguru.merchant.callback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

import io.github.payguru.merchant.lambda.MpSubscriptionNotificationHandler;
import io.github.payguru.merchant.mp.MpSubscriptions;
import io.github.payguru.merchant.store.RecentNotifications;
import io.github.payguru.merchant.store.SubscriptionItem;
import io.github.payguru.merchant.store.TableLayout;
import io.github.payguru.merchant.support.Events;
import io.github.payguru.merchant.support.Fixtures;
import io.github.payguru.merchant.support.LedgerView;
import io.github.payguru.merchant.support.LogCapture;
import io.github.payguru.merchant.support.MpEvents;
import io.github.payguru.merchant.support.OpenIndex;
import io.quarkus.test.junit.QuarkusTest;

/** mp-subscription-notification through its handler bean, on the local DynamoDB emulator. */
@QuarkusTest
class MpSubscriptionNotificationTest {

    static final String FN = "mp-subscription-notification";

    @Inject
    MpSubscriptionNotificationHandler handler;

    @Inject
    MpSubscriptions subscriptions;

    @Inject
    LedgerView ledger;

    APIGatewayV2HTTPResponse call(APIGatewayV2HTTPEvent e) {
        return handler.handleRequest(e, null);
    }

    APIGatewayV2HTTPResponse send(String subsId, long txId, String status, String order) {
        return call(MpEvents.get(MpEvents.SUBSCRIPTION, MpEvents.subscription(subsId, Long.toString(txId), status, order)));
    }

    APIGatewayV2HTTPResponse fixture(String c) {
        return call(Fixtures.event(FN, c));
    }

    SubscriptionItem stored(String subsId) {
        return subscriptions.find(subsId).orElse(null);
    }

    void assertOk(APIGatewayV2HTTPResponse r) {
        assertEquals(200, r.getStatusCode(), r.getBody());
        assertEquals("OK", r.getBody());
    }

    @Test
    void cycleLifecycleFromFixturesThenANewCycleAfterCancel() {
        assertOk(fixture("unknown"));
        assertEquals("unknown", stored("9300001").status);
        assertEquals(OpenIndex.partition("MPSUB", stored("9300001").pk), stored("9300001").openpk);
        assertOk(fixture("active"));
        assertEquals("active", stored("9300001").status);
        assertOk(fixture("retry"));
        assertEquals("retry", stored("9300001").status);
        assertOk(fixture("active-after-retry"));
        assertEquals("active", stored("9300001").status, "active <-> retry both ways");
        assertOk(fixture("late-retry-older-txid"));
        SubscriptionItem s = stored("9300001");
        assertEquals("active", s.status, "an older txId arriving late changes nothing");
        assertEquals("9100102", s.txId);
        assertOk(fixture("cancelled"));
        assertEquals("cancelled", stored("9300001").status);
        assertEquals(OpenIndex.partition("MPSUB", stored("9300001").pk), stored("9300001").openpk,
                "a cancel from a callback is a claim: open until subscription/detail confirms it");

        assertOk(fixture("new-cycle-after-cancel"));
        assertEquals("active", stored("9300002").status);
        assertEquals("cancelled", stored("9300001").status, "the new cycle is its own item");
        List<SubscriptionItem> cycles = subscriptions.cycles("MP-SUB-ORD-1");
        assertEquals(List.of("9300001", "9300002"), cycles.stream().map(c -> c.subsId).toList());
        assertEquals(List.of("3001", "3001"), cycles.stream().map(c -> c.service).toList());

        APIGatewayV2HTTPResponse conflict = fixture("conflicting-service-order");
        assertEquals(409, conflict.getStatusCode());
        assertEquals("cancelled", stored("9300001").status);
        SubscriptionItem cancelled = stored("9300001");
        assertEquals(List.of("active", "retry", "active", "cancelled"), LedgerView.recentStatuses(cancelled).subList(
                LedgerView.recentStatuses(cancelled).size() - 4, LedgerView.recentStatuses(cancelled).size()),
                "the late older txId and the conflict are not remembered as applied");
        assertEquals(1, ledger.partition(TableLayout.mpSubscription("9300001")).size(), "nothing beside the state item");
    }

    @ParameterizedTest(name = "{0}")
    // an ended cycle from a callback is a claim: open until subscription/detail confirms it
    @CsvSource({ "suspend, 9300003, suspend, true, true", "rejected, 9300004, rejected, true, true",
            "unrecognized-status, 9300005, paused, false, true" })
    void everyOtherStatusFixture(String fixture, String subsId, String status, boolean known, boolean open) {
        assertOk(fixture(fixture));
        SubscriptionItem s = stored(subsId);
        if (known) {
            assertEquals(status, s.status, "kept exactly as sent");
        } else {
            assertNull(s.status, "an undocumented status is never the state");
            assertEquals(status, s.unknownStatus, "kept exactly as sent, beside the state");
            assertEquals(1L, s.unknownStatusCount);
        }
        assertEquals(known, s.statusKnown);
        assertEquals(open, s.openpk != null);
        assertEquals("90532*****67", s.msisdn);
        assertEquals("5", s.operator);
        assertEquals("monthly", s.billingType);
    }

    @Test
    void outOfOrderNotificationsEndWithTheNewestTxId() {
        String subsId = Events.uniqueTxid();
        String order = "MP-O-" + subsId;
        long base = 7_000_000L;
        List<long[]> events = new ArrayList<>();
        String[] statuses = { "unknown", "active", "retry", "active", "retry", "active", "retry", "active" };
        for (int i = 0; i < statuses.length; i++) {
            events.add(new long[] { base + i, i });
        }
        Collections.shuffle(events, new Random(42));
        for (long[] e : events) {
            assertOk(send(subsId, e[0], statuses[(int) e[1]], order));
        }
        SubscriptionItem s = stored(subsId);
        assertEquals("active", s.status);
        assertEquals(Long.toString(base + statuses.length - 1), s.txId);
        assertOk(send(subsId, base + 100, "retry", order));
        assertEquals("retry", stored(subsId).status, "a newer retry follows active");
        assertOk(send(subsId, base + 99, "cancelled", order));
        assertEquals("retry", stored(subsId).status, "an older cancel does not end a newer state");
    }

    @Test
    void sameTxIdIsOrderedByTheStatusRank() {
        String subsId = Events.uniqueTxid();
        assertOk(send(subsId, 500, "active", "MP-R-" + subsId));
        assertOk(send(subsId, 500, "unknown", "MP-R-" + subsId));
        assertEquals("active", stored(subsId).status, "unknown starts a process: not after active of the same txId");
        assertOk(send(subsId, 500, "cancelled", "MP-R-" + subsId));
        assertEquals("cancelled", stored(subsId).status);
    }

    @Test
    void duplicateGetsTheFirstAnswerAndOneEffect() {
        String subsId = Events.uniqueTxid();
        APIGatewayV2HTTPEvent e = MpEvents.get(MpEvents.SUBSCRIPTION, MpEvents.subscription(subsId, "10", "active", "D"));
        assertOk(call(e));
        assertOk(call(e));
        assertEquals(1L, stored(subsId).version);
        assertEquals(1, ledger.partition(TableLayout.mpSubscription(subsId)).size());
    }

    @Test
    void aRedeliveryOlderThanTheRememberedWindowIsStaleNeverAppliedTwice() {
        String subsId = Events.uniqueTxid();
        String order = "W-" + subsId;
        int cycles = RecentNotifications.SLOTS + 2;
        for (int i = 0; i < cycles; i++) {
            assertOk(send(subsId, 2000 + i, i % 2 == 0 ? "active" : "retry", order));
        }
        SubscriptionItem before = stored(subsId);
        assertEquals(cycles, before.version.intValue());
        assertEquals(RecentNotifications.SLOTS, before.recentNotifications().size(), "the window keeps the newest only");

        // the first notification fell out of the window: refused by the txId order, answered OK, nothing changes
        assertOk(send(subsId, 2000, "active", order));
        // one inside the window is a duplicate: same answer, nothing changes
        assertOk(send(subsId, 2000 + cycles - 1, "retry", order));
        SubscriptionItem after = stored(subsId);
        assertEquals(before.version, after.version);
        assertEquals(before.txId, after.txId);
        assertEquals(before.recentNotifications(), after.recentNotifications());
    }

    @Test
    void concurrentNotificationsEndWithTheNewest() throws Exception {
        String subsId = Events.uniqueTxid();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<APIGatewayV2HTTPResponse>> calls = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                long tx = 1000 + i;
                String status = i % 2 == 0 ? "active" : "retry";
                calls.add(() -> send(subsId, tx, status, "C-" + subsId));
            }
            for (Future<APIGatewayV2HTTPResponse> f : pool.invokeAll(calls)) {
                assertOk(f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals("1009", stored(subsId).txId);
        assertEquals("retry", stored(subsId).status);
        SubscriptionItem s = stored(subsId);
        List<String> recent = LedgerView.recentStatuses(s);
        assertEquals(Math.min(RecentNotifications.SLOTS, s.version.intValue()), recent.size(),
                "one remembered notification per applied change, at most the window");
        assertEquals("retry", recent.get(recent.size() - 1), "the newest applied is 1009's");
        assertEquals(1, ledger.partition(TableLayout.mpSubscription(subsId)).size(), "nothing beside the state item");
    }

    @ParameterizedTest
    @CsvSource({ "non-numeric-txid, 'malformed field: txId (1 to 19 ASCII digits without sign or leading zero, not 0)'", "unknown-operator, 'unknown operator: 2'",
            "unknown-service, 'unknown service: 3999'" })
    void malformedFixturesAre400AndChangeNothing(String fixture, String message) {
        APIGatewayV2HTTPResponse r = fixture(fixture);
        assertEquals(400, r.getStatusCode());
        assertEquals(message, r.getBody());
        assertNull(stored("9300006"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "subsId", "txId", "status", "service" })
    void missingRequiredFieldIs400(String field) {
        String subsId = Events.uniqueTxid();
        Map<String, String> p = MpEvents.subscription(subsId, "1", "active", "M");
        p.remove(field);
        assertEquals(400, call(MpEvents.get(MpEvents.SUBSCRIPTION, p)).getStatusCode());
        assertNull(stored(subsId));
    }

    @ParameterizedTest
    @CsvSource({ "wrong-token, 9300007", "source-not-allowed, 9300008" })
    void tokenOrSourceFailureIs403AndChangesNothing(String fixture, String subsId) {
        APIGatewayV2HTTPResponse r = fixture(fixture);
        assertEquals(403, r.getStatusCode());
        assertEquals("Forbidden", r.getBody());
        assertNull(stored(subsId));
    }

    @Test
    void passThroughIsKeptAndMsisdnMaskedInLogs() {
        String subsId = Events.uniqueTxid();
        Map<String, String> p = MpEvents.subscription(subsId, "1", "active", "P-" + subsId);
        p.put("plan", "gold");
        try (LogCapture logs = LogCapture.open()) {
            assertOk(call(MpEvents.get(MpEvents.SUBSCRIPTION, p)));
            assertFalse(logs.all().contains(MpEvents.MSISDN), logs.all());
        }
        assertEquals(Map.of("plan", "gold"), stored(subsId).attributes);
    }
}
