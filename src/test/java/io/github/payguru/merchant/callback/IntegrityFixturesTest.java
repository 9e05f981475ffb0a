package io.github.payguru.merchant.callback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

import io.github.payguru.merchant.kernel.Identifiers;
import io.github.payguru.merchant.lambda.MpBillingNotificationHandler;
import io.github.payguru.merchant.lambda.MpSubscriptionNotificationHandler;
import io.github.payguru.merchant.lambda.PhsNotifyHandler;
import io.github.payguru.merchant.mp.MpSubscriptions;
import io.github.payguru.merchant.mp.MpTransactions;
import io.github.payguru.merchant.store.SubscriptionItem;
import io.github.payguru.merchant.store.TableLayout;
import io.github.payguru.merchant.store.TransactionItem;
import io.github.payguru.merchant.support.Events;
import io.github.payguru.merchant.support.Fixtures;
import io.github.payguru.merchant.support.LedgerView;
import io.github.payguru.merchant.support.MpEvents;
import io.quarkus.test.junit.QuarkusTest;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/**
 * Issue 9 §1–3 by example, each a fixture under {@code infra/events/<handler>/<case>.json} sent to the real
 * handler: undocumented statuses never block documented ones, a money status without a valid amount is a
 * 400 that stores nothing, non-canonical identifiers are a 400 that stores nothing.
 */
@QuarkusTest
class IntegrityFixturesTest {

    static final String RULE = " (" + Identifiers.rule() + ")";

    @Inject
    PhsNotifyHandler phs;

    @Inject
    MpBillingNotificationHandler billing;

    @Inject
    MpSubscriptionNotificationHandler subscription;

    @Inject
    MpSubscriptions subscriptions;

    @Inject
    LedgerView ledger;

    @Inject
    MpTransactions transactions;

    APIGatewayV2HTTPResponse send(String handler, String fixture) {
        var event = Fixtures.event(handler, fixture);
        return switch (handler) {
            case "phs-notify" -> phs.handleRequest(event, null);
            case "mp-billing-notification" -> billing.handleRequest(event, null);
            default -> subscription.handleRequest(event, null);
        };
    }

    @Test
    void phsSuccessAfterAnUndocumentedStatusIsApplied() {
        assertEquals("OK", send("phs-notify", "get-unknown-status-before-success").getBody());
        assertEquals("OK", send("phs-notify", "get-success-after-unknown-status").getBody());
        TransactionItem t = ledger.transaction(TableLayout.phsTransaction("7000111")).orElseThrow();
        assertEquals("3", t.status);
        assertEquals("99", t.unknownStatus);
        assertEquals(Set.of("99"), t.unknownStatuses);
        assertEquals(Boolean.FALSE, t.confirmed, "a notify's success is a claim until transaction/get shows it");
        assertNotNull(t.openpk, "so it stays in open-items (issue 17 case 3)");
    }

    @Test
    void mpPaidAfterAnUndocumentedStatusIsApplied() {
        assertEquals("OK", send("mp-billing-notification", "unknown-status-before-paid").getBody());
        assertEquals("OK", send("mp-billing-notification", "paid-after-unknown-status").getBody());
        TransactionItem t = ledger.transaction(TableLayout.mpTransaction("9100054")).orElseThrow();
        assertEquals("3", t.status);
        assertEquals("43", t.unknownStatus);
        assertEquals(1L, t.unknownStatusCount);
        assertEquals("9.99", t.amount);
    }

    @Test
    void subscriptionStatusAfterAnUndocumentedOneWithAHigherTxIdIsApplied() {
        assertEquals("OK", send("mp-subscription-notification", "unrecognized-status-before-active").getBody());
        assertEquals("OK", send("mp-subscription-notification", "active-after-unrecognized-status").getBody());
        SubscriptionItem s = subscriptions.find("9300011").orElseThrow();
        assertEquals("active", s.status, "an undocumented status takes no place in the txId order");
        assertEquals("9100150", s.txId);
        assertEquals("paused", s.unknownStatus);
        assertEquals(1L, s.unknownStatusCount, "kept on record beside the state");
    }

    @Test
    void anUnconfirmedItemWithoutAnAmountGainsTheOneALaterNotificationCarriesAndKeepsIt() {
        assertEquals("OK", send("mp-billing-notification", "expired-without-amount").getBody());
        TransactionItem t = ledger.transaction(TableLayout.mpTransaction("9100052")).orElseThrow();
        assertEquals("5", t.status);
        assertNull(t.amount);
        assertEquals(false, t.confirmed, "a failure from a callback is a claim");

        // a later notification's amount is not a conflict: an unconfirmed item gains it (case 4)
        Map<String, String> p = MpEvents.billing("9100052", "42");
        p.put("order", "MP-ORD-9100052");
        APIGatewayV2HTTPResponse r = billing.handleRequest(MpEvents.get(MpEvents.BILLING, p), null);
        assertEquals(200, r.getStatusCode(), r.getBody());
        t = ledger.transaction(TableLayout.mpTransaction("9100052")).orElseThrow();
        assertEquals("9.99", t.amount, "gained");
        assertEquals("42", t.unknownStatus);
        assertEquals("5", t.status);

        // no Java check stands in the way: the condition expression (amount absent or = :sent) refuses another
        Map<String, String> q = MpEvents.billing("9100052", "1");
        q.put("order", "MP-ORD-9100052");
        q.put("amount", "2.50");
        APIGatewayV2HTTPResponse other = billing.handleRequest(MpEvents.get(MpEvents.BILLING, q), null);
        assertEquals(409, other.getStatusCode(), other.getBody());
        assertEquals("9.99", ledger.transaction(TableLayout.mpTransaction("9100052")).orElseThrow().amount);
    }

    /** Random non-canonical spellings of a number through both signed and unsigned callbacks: 400, nothing stored. */
    @Test
    void nonCanonicalSpellingsAreRefusedAndStoreNothing() {
        Arbitrary<String> spellings = Arbitraries.longs().between(1, 999_999_999L).flatMap(n -> Arbitraries.of(
                "0" + n, "00" + n, "+" + n, "-" + n, n + " ", " " + n, n + "x", fullWidth(n), "0",
                "1" + "0".repeat(19)));
        spellings.sampleStream().limit(30).forEach(s -> {
            Map<String, String> p = MpEvents.billing(s, "3");
            APIGatewayV2HTTPResponse mp = billing.handleRequest(MpEvents.get(MpEvents.BILLING, p), null);
            assertEquals(400, mp.getStatusCode(), s + ": " + mp.getBody());
            assertTrue(mp.getBody().startsWith("malformed field: txId (") || mp.getBody().equals("missing field: txId"),
                    mp.getBody());
            Map<String, String> q = Events.phsNotify(s, "ORD-X", "3", "5.00");
            APIGatewayV2HTTPResponse phsAnswer = phs.handleRequest(Events.get(PhsNotifyTest.PATH, q), null);
            assertEquals(400, phsAnswer.getStatusCode(), s + ": " + phsAnswer.getBody());
            String digits = s.replaceAll("[^0-9]", "").replaceFirst("^0+", "");
            if (!digits.isEmpty() && digits.length() < 19) {
                assertTrue(ledger.transaction(TableLayout.mpTransaction(digits)).isEmpty(), s);
                assertTrue(ledger.transaction(TableLayout.phsTransaction(digits)).isEmpty(), s);
            }
            assertTrue(ledger.transaction(TableLayout.mpTransaction(s)).isEmpty(), s);
            assertTrue(ledger.partition(TableLayout.mpTransaction(s)).isEmpty(), s);
        });
    }

    /** Money statuses with a missing, empty, zero, negative or malformed amount: 400, nothing stored. */
    @Test
    void moneyStatusesWithoutAValidAmountAreRefusedAndStoreNothing() {
        for (String status : List.of("3", "7", "6")) {
            for (String amount : java.util.Arrays.asList(null, "", "0", "0.00", "-9.99", "9,99", "abc", "1e3")) {
                String txId = Events.uniqueTxid();
                Map<String, String> p = MpEvents.billing(txId, status);
                if (amount == null) {
                    p.remove("amount");
                } else {
                    p.put("amount", amount);
                }
                APIGatewayV2HTTPResponse r = billing.handleRequest(MpEvents.get(MpEvents.BILLING, p), null);
                assertEquals(400, r.getStatusCode(), status + "/" + amount + ": " + r.getBody());
                assertTrue(r.getBody().contains("amount"), r.getBody());
                assertTrue(ledger.transaction(TableLayout.mpTransaction(txId)).isEmpty());
                assertTrue(ledger.partition(TableLayout.mpTransaction(txId)).isEmpty());
            }
        }
        for (String status : List.of("3", "6", "8", "1")) {
            String txid = Events.uniqueTxid();
            APIGatewayV2HTTPResponse r = phs.handleRequest(
                    Events.get(PhsNotifyTest.PATH, Events.phsNotify(txid, "ORD-" + txid, status, "0.00")), null);
            assertEquals(400, r.getStatusCode(), r.getBody());
            assertEquals("malformed field: amount (must be greater than zero)", r.getBody());
            assertTrue(ledger.transaction(TableLayout.phsTransaction(txid)).isEmpty());
        }
    }

    static String fullWidth(long n) {
        StringBuilder b = new StringBuilder();
        Long.toString(n).chars().forEach(c -> b.append((char) ('\uFF10' + (c - '0'))));
        return b.toString();
    }

    @ParameterizedTest(name = "{0}/{1}")
    @CsvSource(delimiter = '|', value = {
            "phs-notify|get-zero-amount-success|malformed field: amount (must be greater than zero)|TX#PHS#7000114",
            "phs-notify|get-leading-zero-txid|malformed field: txid" + " (1 to 19 ASCII digits without sign or leading zero, not 0)|TX#PHS#7000112",
            "phs-notify|get-zero-txid|malformed field: txid (1 to 19 ASCII digits without sign or leading zero, not 0)|TX#PHS#0",
            "mp-billing-notification|paid-without-amount|missing field: amount (required with status 3)|TX#MP#9100050",
            "mp-billing-notification|refunded-without-amount|missing field: amount (required with status 6)|TX#MP#9100051",
            "mp-billing-notification|leading-zero-txid|malformed field: txId (1 to 19 ASCII digits without sign or leading zero, not 0)|TX#MP#9100053",
            "mp-subscription-notification|leading-zero-subsid|malformed field: subsId (1 to 19 ASCII digits without sign or leading zero, not 0)|SUB#MP#9300010",
            "mp-subscription-notification|zero-txid|malformed field: txId (1 to 19 ASCII digits without sign or leading zero, not 0)|SUB#MP#9300012" })
    void refusedWith400AndNothingStored(String handler, String fixture, String message, String pk) {
        APIGatewayV2HTTPResponse r = send(handler, fixture);
        assertEquals(400, r.getStatusCode(), r.getBody());
        assertEquals(message, r.getBody());
        assertTrue(message.endsWith(")") && (message.contains("amount") || message.endsWith(RULE)));
        String sk = pk.startsWith("SUB#") ? SubscriptionItem.SORT : TransactionItem.SORT;
        assertTrue(ledger.item(TransactionItem.SCHEMA, pk, sk).isEmpty(), "no item for " + pk);
        assertTrue(ledger.partition(pk).isEmpty(), "no notification log for " + pk);
    }
}
