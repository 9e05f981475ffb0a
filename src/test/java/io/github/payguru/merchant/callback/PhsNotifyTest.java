package io.github.payguru.merchant.callback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

import io.github.payguru.merchant.kernel.HttpRequest;
import io.github.payguru.merchant.kernel.Privacy;
import io.github.payguru.merchant.lambda.PhsNotifyHandler;
import io.github.payguru.merchant.payguru.PayguruKeys;
import io.github.payguru.merchant.payguru.PhsNotifyKeyInput;
import io.github.payguru.merchant.payguru.ServiceDirectory;
import io.github.payguru.merchant.phs.PhsConfig;
import io.github.payguru.merchant.phs.PhsNotifications;
import io.github.payguru.merchant.phs.PhsTransactions;
import io.github.payguru.merchant.store.RecentNotifications;
import io.github.payguru.merchant.store.RejectionItem;
import io.github.payguru.merchant.store.TableLayout;
import io.github.payguru.merchant.store.TransactionItem;
import io.github.payguru.merchant.support.ConfigVariants;
import io.github.payguru.merchant.support.DynamoCalls;
import io.github.payguru.merchant.support.Events;
import io.github.payguru.merchant.support.Fixtures;
import io.github.payguru.merchant.support.LedgerView;
import io.github.payguru.merchant.support.LogCapture;
import io.github.payguru.merchant.support.OpenIndex;
import io.quarkus.test.junit.QuarkusTest;

/** PHS notify through its handler bean, on the local DynamoDB emulator. */
@QuarkusTest
class PhsNotifyTest {

    static final String PATH = "/payguru/phs/notify";

    @Inject
    PhsNotifyHandler handler;

    @Inject
    LedgerView ledger;

    @Inject
    ServiceDirectory services;

    @Inject
    NotificationRecorder recorder;

    @Inject
    Privacy privacy;

    @Inject
    Clock clock;

    @Inject
    PhsConfig phsConfig;

    APIGatewayV2HTTPResponse call(APIGatewayV2HTTPEvent event) {
        return handler.handleRequest(event, null);
    }

    TransactionItem stored(String txid) {
        return ledger.transaction(TableLayout.phsTransaction(txid)).orElse(null);
    }

    @Test
    void validGetIsStoredAndAnsweredOk() {
        String txid = Events.uniqueTxid();
        APIGatewayV2HTTPResponse r = call(Events.get(PATH, Events.phsNotify(txid, "ORD-" + txid, "3", "150.00")));
        assertEquals(200, r.getStatusCode());
        assertEquals("OK", r.getBody());
        TransactionItem t = stored(txid);
        assertEquals("3", t.status);
        assertEquals("150", t.amount);
        assertEquals("150.00", t.amountWire);
        assertEquals("ORD-" + txid, t.orderRef);
        assertEquals("SHOP", t.service);
        assertEquals("PHS", t.line);
        assertEquals(1L, t.version);
        assertEquals(Boolean.FALSE, t.confirmed, "a notify is a claim until transaction/get shows it (issue 17 case 3)");
        assertEquals(OpenIndex.partition("PHS", t.pk), t.openpk, "so even success stays in the reconciliation index");
        assertFalse(PhsTransactions.fulfillable(t));
        assertEquals(1, ledger.partition(TableLayout.phsTransaction(txid)).size());
        assertEquals(1, ledger.transactionsOfOrder("ORD-" + txid).size(), "found through the by-order index");
    }

    /**
     * Issue 17 case 3: the key covers neither {@code status} nor {@code transaction_date} nor {@code bank}, so a
     * captured {@code status=8} notify replayed with {@code status=3} still carries a valid key. Before: stored as 3,
     * settled and published as {@code orderChange=paid}. Now: stored as reported, unconfirmed, still open, answered OK.
     */
    @Test
    void case3_aReplayedNotifyWithAnotherStatusIsNotTrustedUntilTransactionGet() {
        String txid = Events.uniqueTxid();
        String order = "ORD-" + txid;
        Map<String, String> captured = Events.phsNotify(txid, order, "8", "20.00");
        assertEquals("OK", call(Events.get(PATH, captured)).getBody());
        Map<String, String> replay = new LinkedHashMap<>(captured);
        replay.put("status", "3");
        replay.put("transaction_date", "2026-11-22 23:59:59");
        replay.put("bank", "yapikredibank");
        APIGatewayV2HTTPResponse r = call(Events.get(PATH, replay));
        assertEquals(200, r.getStatusCode());
        assertEquals("OK", r.getBody(), "stored, so answered exactly OK");
        TransactionItem t = stored(txid);
        assertEquals("3", t.status, "stored as reported");
        assertEquals(Boolean.FALSE, t.confirmed, "a claim, not a fact");
        assertEquals(OpenIndex.partition("PHS", t.pk), t.openpk, "open until transaction/get shows it");
        assertFalse(PhsTransactions.fulfillable(t), "nothing to deliver yet");
        assertEquals("OK", call(Events.get(PATH, replay)).getBody(), "a replay of the replay answers the same");
        assertEquals(t.version, stored(txid).version);
    }

    @Test
    void case3_withConfirmBeforeTrustOffANotifyIsTrustedAsBefore() {
        PhsNotifications trusting = new PhsNotifications(services, recorder, privacy, clock,
                ConfigVariants.with(PhsConfig.class, phsConfig, Map.of("confirmBeforeTrust", false)));
        String txid = Events.uniqueTxid();
        assertEquals("OK", trusting.handle(new HttpRequest("GET", PATH,
                Events.phsNotify(txid, "ORD-" + txid, "3", "20.00"), Map.of(), "198.51.100.7")).body());
        TransactionItem t = stored(txid);
        assertEquals(Boolean.TRUE, t.confirmed);
        assertNull(t.openpk, "settled: out of the reconciliation index");
        assertTrue(PhsTransactions.fulfillable(t));
    }

    @Test
    void validPostJsonAndFormAreStored() {
        String a = Events.uniqueTxid();
        assertEquals("OK", call(Events.postJson(PATH, Events.json(Events.phsNotify(a, "ORD-" + a, "3", "10.50")))).getBody());
        assertEquals("3", stored(a).status);
        String b = Events.uniqueTxid();
        assertEquals("OK", call(Events.postForm(PATH, Events.phsNotify(b, "ORD-" + b, "3", "10.50"))).getBody());
        assertEquals("3", stored(b).status);
    }

    @Test
    void fixturesOfEveryBodyKindAreAccepted() {
        for (String c : List.of("get-success", "post-json-success", "post-form-success", "post-base64-form-success",
                "get-amount-two-decimals", "post-json-numeric-amount")) {
            APIGatewayV2HTTPResponse r = call(Fixtures.event("phs-notify", c));
            assertEquals(200, r.getStatusCode(), c);
            assertEquals("OK", r.getBody(), c);
        }
        assertEquals("2.00", stored("7000007").amountWire);
        assertEquals("2.00", stored("7000008").amountWire, "a JSON number 2.00 is hashed and kept as sent");
    }

    @Test
    void wrongKeyWithStatus3IsRefusedAndOnlyAMaskedRejectionIsKept() {
        String txid = Events.uniqueTxid();
        Map<String, String> p = Events.phsNotify(txid, "ORD-" + txid, "3", "99.00");
        p.put("key", "f0e166dc34d14d6c228ffac576c9a43c"); // md5 of "anything": printf '%s' anything | md5sum
        p.put("tckno", "12345678901");
        APIGatewayV2HTTPResponse r = call(Events.get(PATH, p));
        assertEquals(403, r.getStatusCode());
        assertEquals("Wrong Data", r.getBody());
        assertNull(stored(txid));
        assertTrue(ledger.partition(TableLayout.phsTransaction(txid)).isEmpty());
        RejectionItem rejection = ledger.rejectionsOn(LocalDate.now(ZoneOffset.UTC)).stream()
                .filter(e -> txid.equals(e.params.get("txid"))).findFirst().orElseThrow();
        assertEquals("rejected", rejection.outcome);
        assertEquals("*********01", rejection.params.get("tckno"));
        assertFalse(rejection.params.get("key").matches("[0-9a-f]{32}"), "the key itself is not kept");
        assertEquals(403, call(Fixtures.event("phs-notify", "get-wrong-key-status-3")).getStatusCode());
        assertNull(stored("7000004"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "txid", "code", "order", "status", "amount", "transaction_date", "bank", "key" })
    void eachMissingFieldIsA400NamingIt(String field) {
        String txid = Events.uniqueTxid();
        Map<String, String> p = Events.phsNotify(txid, "ORD-" + txid, "3", "5.00");
        p.remove(field);
        APIGatewayV2HTTPResponse r = call(Events.get(PATH, p));
        assertEquals(400, r.getStatusCode());
        assertEquals("missing field: " + field, r.getBody());
        assertNull(stored(txid));
    }

    @Test
    void malformedInputIsRefusedAndChangesNothing() {
        assertEquals(400, call(Fixtures.event("phs-notify", "post-malformed-json")).getStatusCode());
        assertEquals("malformed JSON body", call(Fixtures.event("phs-notify", "post-malformed-json")).getBody());
        APIGatewayV2HTTPResponse nonNumeric = call(Fixtures.event("phs-notify", "get-non-numeric-amount"));
        assertEquals(400, nonNumeric.getStatusCode());
        assertTrue(nonNumeric.getBody().startsWith("malformed field: amount"));
        assertNull(stored("7000011"));
        APIGatewayV2HTTPResponse nonUtf8 = call(Fixtures.event("phs-notify", "post-non-utf8-body"));
        assertEquals(400, nonUtf8.getStatusCode());
        assertEquals("body is not valid UTF-8", nonUtf8.getBody());

        String txid = Events.uniqueTxid();
        Map<String, String> p = Events.phsNotify(txid, "ORD-" + txid, "3", "5.00");
        p.put("service", "NOPE");
        APIGatewayV2HTTPResponse unknownService = call(Events.get(PATH, p));
        assertEquals(400, unknownService.getStatusCode());
        assertEquals("unknown service: NOPE", unknownService.getBody());

        Map<String, String> letters = Events.phsNotify(txid, "ORD-" + txid, "paid", "5.00");
        assertEquals("malformed field: status", call(Events.get(PATH, letters)).getBody());

        String big = "x".repeat(20_000);
        APIGatewayV2HTTPResponse tooLarge = call(Events.postForm(PATH, Map.of("txid", txid, "pad", big)));
        assertEquals(413, tooLarge.getStatusCode());
        assertNull(stored(txid));
    }

    @Test
    void amountIsHashedExactlyAsSent() {
        String txid = Events.uniqueTxid();
        String order = "ORD-" + txid;
        Map<String, String> p = Events.phsNotify(txid, order, "3", "2.00");
        String keyOver2 = PayguruKeys.md5(new PhsNotifyKeyInput("1000", Events.MERCHANT_KEY, "SHOP", Events.SHOP_KEY,
                txid, "PG" + txid, order, "2"));
        Map<String, String> reformatted = new LinkedHashMap<>(p);
        reformatted.put("key", keyOver2);
        assertEquals(403, call(Events.get(PATH, reformatted)).getStatusCode(), "key over \"2\" does not sign \"2.00\"");
        assertEquals("OK", call(Events.get(PATH, p)).getBody());
        assertEquals("2.00", stored(txid).amountWire);
    }

    @Test
    void duplicateAnswersTheSameAndChangesNothing() {
        String txid = Events.uniqueTxid();
        APIGatewayV2HTTPEvent e = Events.get(PATH, Events.phsNotify(txid, "ORD-" + txid, "3", "20.00"));
        assertEquals("OK", call(e).getBody());
        String updatedAt = stored(txid).updatedAt;
        APIGatewayV2HTTPResponse again = call(e);
        assertEquals(200, again.getStatusCode());
        assertEquals("OK", again.getBody());
        TransactionItem t = stored(txid);
        assertEquals(1L, t.version);
        assertEquals(updatedAt, t.updatedAt);
        assertEquals(1, ledger.partition(TableLayout.phsTransaction(txid)).size());
    }

    @Test
    void freshStaleAndDuplicateNotificationsCostOneConditionalWriteEach() {
        String txid = Events.uniqueTxid();
        String order = "ORD-" + txid;
        APIGatewayV2HTTPEvent e = Events.get(PATH, Events.phsNotify(txid, order, "3", "20.00"));
        Map<String, Integer> before = DynamoCalls.snapshot();
        assertEquals("OK", call(e).getBody());
        assertEquals(Map.of("UpdateItem", 1), DynamoCalls.since(before), "fresh: one conditional UpdateItem");
        before = DynamoCalls.snapshot();
        assertEquals("OK", call(e).getBody());
        assertEquals(Map.of("UpdateItem", 1), DynamoCalls.since(before),
                "duplicate: the refusal returns the stored item, which remembers the notification");
        before = DynamoCalls.snapshot();
        assertEquals("OK", call(Events.get(PATH, Events.phsNotify(txid, order, "1", "20.00"))).getBody());
        assertEquals(Map.of("UpdateItem", 1), DynamoCalls.since(before), "stale: refused by the same single write");
        before = DynamoCalls.snapshot();
        assertEquals(409, call(Events.get(PATH, Events.phsNotify(txid, order, "6", "25.00"))).getStatusCode());
        assertEquals(Map.of("UpdateItem", 1), DynamoCalls.since(before), "conflict: refused by the same single write");
    }

    @Test
    void lateProcessingAfterSuccessLeavesSuccess() {
        String txid = Events.uniqueTxid();
        String order = "ORD-" + txid;
        assertEquals("OK", call(Events.get(PATH, Events.phsNotify(txid, order, "3", "20.00"))).getBody());
        assertEquals("OK", call(Events.get(PATH, Events.phsNotify(txid, order, "1", "20.00"))).getBody());
        TransactionItem t = stored(txid);
        assertEquals("3", t.status);
        assertEquals(1L, t.version);
        assertEquals(List.of("3"), LedgerView.recentStatuses(t), "the stale 1 is not remembered as applied");
        assertEquals(1, ledger.partition(t.pk).size(), "nothing is written beside the state item");
    }

    @Test
    void forwardTransitionsApplyAndRefundIsFinal() {
        String txid = Events.uniqueTxid();
        String order = "ORD-" + txid;
        call(Events.get(PATH, Events.phsNotify(txid, order, "1", "20.00")));
        TransactionItem processing = stored(txid);
        assertEquals("1", processing.status);
        assertEquals(OpenIndex.partition("PHS", processing.pk), processing.openpk, "an open payment is in the reconciliation index");
        call(Events.get(PATH, Events.phsNotify(txid, order, "5", "20.00")));
        call(Events.get(PATH, Events.phsNotify(txid, order, "3", "20.00")));
        call(Events.get(PATH, Events.phsNotify(txid, order, "6", "20.00")));
        call(Events.get(PATH, Events.phsNotify(txid, order, "3", "20.00")));
        TransactionItem t = stored(txid);
        assertEquals("6", t.status);
        assertEquals(4L, t.version);
        assertEquals(Boolean.FALSE, t.confirmed);
        assertEquals(OpenIndex.partition("PHS", t.pk), t.openpk, "a notify's refund is a claim until Payguru's API shows it");
    }

    @Test
    void sameTxidWithDifferentAmountOrOrderIsAConflict() {
        String txid = Events.uniqueTxid();
        String order = "ORD-" + txid;
        call(Events.get(PATH, Events.phsNotify(txid, order, "1", "20.00")));
        APIGatewayV2HTTPResponse amount = call(Events.get(PATH, Events.phsNotify(txid, order, "3", "21.00")));
        assertEquals(409, amount.getStatusCode());
        assertNotEquals("OK", amount.getBody());
        APIGatewayV2HTTPResponse otherOrder = call(Events.get(PATH, Events.phsNotify(txid, order + "-X", "3", "20.00")));
        assertEquals(409, otherOrder.getStatusCode());
        TransactionItem t = stored(txid);
        assertEquals("1", t.status);
        assertEquals("20", t.amount);
        assertEquals(order, t.orderRef);
        assertEquals(1L, t.version, "a conflict changes nothing");
        assertEquals(List.of("1"), LedgerView.recentStatuses(t), "nor is it remembered as applied");
        assertEquals("OK", call(Events.get(PATH, Events.phsNotify(txid, order, "3", "20.000"))).getBody(),
                "20.000 is the same amount as 20.00");
    }

    @Test
    void unknownStatusIsKeptBesideTheStateAndNeverBlocksADocumentedOne() {
        String txid = Events.uniqueTxid();
        assertEquals("OK", call(Events.get(PATH, Events.phsNotify(txid, "ORD-" + txid, "42", "20.00"))).getBody());
        TransactionItem t = stored(txid);
        assertNull(t.status, "an undocumented status is never the state");
        assertEquals("42", t.unknownStatus);
        assertEquals(1L, t.unknownStatusCount);
        assertNotNull(t.unknownStatusAt);
        assertEquals(Boolean.FALSE, t.statusKnown);
        assertEquals(OpenIndex.partition("PHS", t.pk), t.openpk, "flagged for reconciliation");
        assertEquals("20", t.amount, "identity is fixed by the first notification");
        assertEquals("OK", call(Events.get(PATH, Events.phsNotify(txid, "ORD-" + txid, "3", "20.00"))).getBody());
        t = stored(txid);
        assertEquals("3", t.status, "success after an undocumented status is applied");
        assertEquals(OpenIndex.partition("PHS", t.pk), t.openpk, "success from a notify is an unconfirmed claim");
        assertEquals("42", t.unknownStatus, "the undocumented status stays on record");
        Map<String, String> late = Events.phsNotify(txid, "ORD-" + txid, "77", "20.00");
        late.put("transaction_date", "2026-11-22 12:00:00");
        assertEquals("OK", call(Events.get(PATH, late)).getBody());
        t = stored(txid);
        assertEquals("3", t.status, "an undocumented status after success keeps success");
        assertEquals(2L, t.unknownStatusCount);
        assertEquals(java.util.Set.of("42", "77"), t.unknownStatuses);
        assertEquals("2026-11-22 10:00:00", t.transactionDate, "what the documented status stored is kept");
        assertEquals("OK", call(Events.get(PATH, Events.phsNotify(txid, "ORD-" + txid, "6", "20.00"))).getBody());
        assertEquals("6", stored(txid).status, "refund still follows");
    }

    @Test
    void anUndocumentedStatusRedeliveredAfterTheRecentWindowCountsOnce() {
        String txid = Events.uniqueTxid();
        String order = "ORD-" + txid;
        Map<String, String> first = Events.phsNotify(txid, order, "42", "20.00");
        assertEquals("OK", call(Events.get(PATH, first)).getBody());
        // more distinct notifications than the item's window holds: five documented steps and two undocumented
        for (String status : List.of("1", "5", "8", "3")) {
            assertEquals("OK", call(Events.get(PATH, Events.phsNotify(txid, order, status, "20.00"))).getBody());
        }
        for (String hour : List.of("11", "12")) {
            Map<String, String> other = Events.phsNotify(txid, order, "77", "20.00");
            other.put("transaction_date", "2026-11-22 " + hour + ":00:00");
            assertEquals("OK", call(Events.get(PATH, other)).getBody());
        }
        assertEquals("OK", call(Events.get(PATH, Events.phsNotify(txid, order, "6", "20.00"))).getBody());
        TransactionItem before = stored(txid);
        assertEquals(RecentNotifications.SLOTS, before.recentNotifications().size());
        assertFalse(before.recentNotifications().stream().anyMatch(e -> "42".equals(e.status())),
                "the first notification left the window");
        assertEquals(3L, before.unknownStatusCount);

        APIGatewayV2HTTPResponse again = call(Events.get(PATH, first));
        assertEquals("OK", again.getBody(), "answered as its first delivery");
        TransactionItem after = stored(txid);
        assertEquals(3L, after.unknownStatusCount, "remembered beyond the window: counted once");
        assertEquals(before.version, after.version, "nothing written");
        assertEquals("77", after.unknownStatus, "the last undocumented status stays the last one");
    }

    @Test
    void secondServiceIsRecognisedByItsKey() {
        String txid = Events.uniqueTxid();
        String order = "ORD-" + txid;
        Map<String, String> p = Events.phsNotify(txid, order, "3", "7.00");
        p.put("key", PayguruKeys.md5(new PhsNotifyKeyInput("1000", Events.MERCHANT_KEY, "MARKET", Events.MARKET_KEY,
                txid, p.get("code"), order, "7.00")));
        assertEquals("OK", call(Events.get(PATH, p)).getBody());
        assertEquals("MARKET", stored(txid).service);
    }

    @Test
    void concurrentDuplicatesHaveOneEffect() throws Exception {
        String txid = Events.uniqueTxid();
        APIGatewayV2HTTPEvent e = Events.get(PATH, Events.phsNotify(txid, "ORD-" + txid, "3", "30.00"));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<APIGatewayV2HTTPResponse>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                calls.add(() -> call(e));
            }
            for (Future<APIGatewayV2HTTPResponse> f : pool.invokeAll(calls)) {
                assertEquals(200, f.get().getStatusCode());
                assertEquals("OK", f.get().getBody());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1L, stored(txid).version);
        assertEquals(1, ledger.partition(TableLayout.phsTransaction(txid)).size());
    }

    @Test
    void concurrentStatusesEndInTheHighest() throws Exception {
        String txid = Events.uniqueTxid();
        String order = "ORD-" + txid;
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<APIGatewayV2HTTPResponse>> calls = new ArrayList<>();
            for (String status : List.of("1", "5", "3", "1")) {
                calls.add(() -> call(Events.get(PATH, Events.phsNotify(txid, order, status, "30.00"))));
            }
            for (Future<APIGatewayV2HTTPResponse> f : pool.invokeAll(calls)) {
                assertEquals("OK", f.get().getBody());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals("3", stored(txid).status);
    }

    @Test
    void logsCarryNoUnmaskedPersonalData() {
        String txid = Events.uniqueTxid();
        Map<String, String> p = Events.phsNotify(txid, "ORD-" + txid, "3", "40.00");
        p.put("msisdn", "905321234567");
        p.put("tckno", "12345678901");
        Map<String, String> bad = new LinkedHashMap<>(p);
        bad.put("key", "0".repeat(32));
        try (LogCapture logs = LogCapture.open()) {
            call(Events.get(PATH, p));
            call(Events.get(PATH, bad));
            call(Events.postJson(PATH, "{\"msisdn\":\"905321234567\",\"tckno\":\"12345678901\","));
            assertFalse(logs.lines().isEmpty());
            assertFalse(logs.all().contains("905321234567"), logs.all());
            assertFalse(logs.all().contains("12345678901"), logs.all());
            // the applied line is the notification's audit record: its parameters, masked
            assertTrue(logs.all().contains("msisdn=**********67"), logs.all());
            assertTrue(logs.all().contains("tckno=*********01"), logs.all());
        }
    }

    @Test
    void base64BodyIsDecoded() {
        String txid = Events.uniqueTxid();
        String form = Events.form(Events.phsNotify(txid, "ORD-" + txid, "3", "1.00"));
        APIGatewayV2HTTPEvent e = Events.event("POST", PATH, "", Base64.getEncoder().encodeToString(form.getBytes()),
                "application/x-www-form-urlencoded", true);
        assertEquals("OK", call(e).getBody());
    }
}
