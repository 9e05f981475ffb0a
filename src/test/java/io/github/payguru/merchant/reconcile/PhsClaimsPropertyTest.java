package io.github.payguru.merchant.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.github.payguru.merchant.dev.simulator.PayguruSimulator;
import io.github.payguru.merchant.dev.simulator.PhsTransaction;
import io.github.payguru.merchant.lambda.PhsNotifyHandler;
import io.github.payguru.merchant.lambda.ReconcileHandler;
import io.github.payguru.merchant.payguru.PayguruKeys;
import io.github.payguru.merchant.payguru.PhsNotifyKeyInput;
import io.github.payguru.merchant.store.TableLayout;
import io.github.payguru.merchant.store.TransactionItem;
import io.github.payguru.merchant.support.Events;
import io.github.payguru.merchant.support.FreshTable;
import io.github.payguru.merchant.support.LedgerView;
import io.github.payguru.merchant.support.StatusModels.Ev;
import io.github.payguru.merchant.support.StatusModels;
import io.github.payguru.merchant.support.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Issue 17 case 3 as a property, through the real phs-notify handler and the scheduled reconciliation against the
 * simulator (Payguru's truth): a set of signed PHS notifications for one txid — documented and undocumented statuses,
 * replays of the same key with another status or date, verbatim duplicates, optionally one with another amount (a
 * true identity conflict) — is delivered in two random orders to two transactions Payguru shows alike. The answers
 * are the same multiset (OK for each, 409 only for the conflicting amount), and after one reconciliation run each
 * stored state is what Payguru shows: that status, {@code confirmed=true}, in {@code open-items} only when it is not
 * final. Sequences come from the generators of {@link StatusModels}; a failure prints the sample.
 */
@QuarkusTest
@TestProfile(ReconcileTest.Handler.class)
class PhsClaimsPropertyTest {

    static final int SAMPLES = 20;

    /** One sample: the notifications, Payguru's status, whether one has another amount, a seed for the 2nd order. */
    record Sample(List<Ev> notifications, String truth, boolean conflict, long seed) {
    }

    @Inject
    PhsNotifyHandler phs;

    @Inject
    ReconcileHandler reconcile;

    @Inject
    PayguruSimulator sim;

    @Inject
    LedgerView ledger;

    @Inject
    TestClock clock;

    @AfterEach
    void release() {
        clock.release();
    }

    static Arbitrary<Sample> samples() {
        return Combinators.combine(StatusModels.events(StatusModels.PHS_LINE, StatusModels.PHS_UNDOCUMENTED, false),
                Arbitraries.of(StatusModels.PHS_LINE), Arbitraries.of(true, false), Arbitraries.longs())
                .as(Sample::new);
    }

    @Test
    void case3_anyOrderGivesTheSameAnswersAndReconciliationEndsInPayguruTruth() {
        samples().sampleStream().limit(SAMPLES).forEach(sample -> {
            FreshTable.recreate();
            clock.release();
            String m = sample.toString();
            List<Ev> second = new ArrayList<>(sample.notifications());
            Collections.shuffle(second, new Random(sample.seed()));
            PhsTransaction a = seed(sample.truth());
            PhsTransaction b = seed(sample.truth());
            Map<String, Integer> answersA = deliver(a, sample.notifications(), sample.conflict(), sample.seed());
            Map<String, Integer> answersB = deliver(b, second, sample.conflict(), sample.seed() >>> 1);
            Map<String, Integer> expected = new TreeMap<>(Map.of("200 OK", sample.notifications().size()));
            if (sample.conflict()) {
                expected.put("409", 1);
            }
            assertEquals(expected, answersA, "answers of the first order, " + m);
            assertEquals(answersA, answersB, "the same multiset in another order, " + m);

            clock.pin(Clock.offset(Clock.systemUTC(), Duration.ofHours(1)));
            reconcile.handleRequest(Map.of(), null);
            for (PhsTransaction t : List.of(a, b)) {
                TransactionItem stored = ledger.transaction(TableLayout.phsTransaction(t.id)).orElseThrow();
                assertEquals(sample.truth(), stored.status, "Payguru's truth after reconciliation, " + m);
                assertEquals(Boolean.TRUE, stored.confirmed, "confirmed, " + m);
                assertEquals(!StatusModels.PHS_TERMINAL.contains(sample.truth()), stored.openpk != null,
                        "open only while not final, " + m);
                assertEquals(t.amount, stored.amountWire, "identity never moves, " + m);
            }
        });
    }

    PhsTransaction seed(String truth) {
        return sim.seedPhsTransaction("SHOP", "ORD-P" + Events.uniqueTxid(), "20.00", Integer.parseInt(truth));
    }

    /** Delivers the notifications (the conflicting one, if any, after the first) and counts the answers. */
    Map<String, Integer> deliver(PhsTransaction t, List<Ev> notifications, boolean conflict, long seed) {
        List<Map<String, String>> all = new ArrayList<>();
        for (Ev e : notifications) {
            Map<String, String> p = Events.phsNotifyOf(t, e.status());
            p.put("transaction_date", "2026-11-22 10:00:0" + e.variant()); // not signed: another notification
            all.add(p);
        }
        if (conflict) {
            Map<String, String> other = new LinkedHashMap<>(Events.phsNotifyOf(t, "3"));
            other.put("amount", "21.00");
            other.put("key", PayguruKeys.md5(new PhsNotifyKeyInput(Events.MERCHANT_ID, Events.MERCHANT_KEY, "SHOP",
                    Events.SHOP_KEY, t.id, t.code, t.order, "21.00")));
            all.add(1 + new Random(seed).nextInt(all.size()), other);
        }
        Map<String, Integer> answers = new TreeMap<>();
        for (Map<String, String> p : all) {
            var r = phs.handleRequest(Events.get("/payguru/phs/notify", p), null);
            answers.merge(r.getStatusCode() == 200 ? r.getStatusCode() + " " + r.getBody()
                    : Integer.toString(r.getStatusCode()), 1, Integer::sum);
        }
        return answers;
    }
}
