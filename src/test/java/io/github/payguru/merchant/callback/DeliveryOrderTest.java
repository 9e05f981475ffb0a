package io.github.payguru.merchant.callback;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

import io.github.payguru.merchant.dev.simulator.MpSubscription;
import io.github.payguru.merchant.dev.simulator.MpTransaction;
import io.github.payguru.merchant.dev.simulator.PayguruSimulator;
import io.github.payguru.merchant.kernel.Line;
import io.github.payguru.merchant.lambda.MpBillingNotificationHandler;
import io.github.payguru.merchant.lambda.MpSubscriptionNotificationHandler;
import io.github.payguru.merchant.mp.MpQueries;
import io.github.payguru.merchant.payguru.ServiceDirectory;
import io.github.payguru.merchant.store.SubscriptionItem;
import io.github.payguru.merchant.store.TableLayout;
import io.github.payguru.merchant.store.TransactionItem;
import io.github.payguru.merchant.support.LedgerView;
import io.github.payguru.merchant.support.MpEvents;
import io.github.payguru.merchant.support.StatusModels;
import io.quarkus.test.junit.QuarkusTest;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Case 4 as a property: a random set of MP billing (and of subscription) notifications, with verbatim duplicates,
 * is delivered in several random permutations, each to its own transaction (cycle), through the real handler. The
 * multiset of answers is the same for every permutation, and after Payguru's API is asked (what reconciliation does
 * per open item), the stored state equals the simulator's truth. Sets come from jqwik generators; a failure prints
 * the set and the permutation.
 */
@QuarkusTest
class DeliveryOrderTest {

    static final int SETS = 12;
    static final int PERMUTATIONS = 3;

    /** One billing notification: its status, whether it carries the amount (failures may not), a variant. */
    record Bill(String status, boolean withAmount, int variant) {
    }

    /** One subscription notification: its status, Payguru txId (offset from the cycle's first), a variant. */
    record Sub(String status, long txOffset, int variant) {
    }

    @Inject
    MpBillingNotificationHandler billing;

    @Inject
    MpSubscriptionNotificationHandler subscription;

    @Inject
    MpQueries queries;

    @Inject
    ServiceDirectory services;

    @Inject
    PayguruSimulator sim;

    @Inject
    LedgerView ledger;

    static <T> Arbitrary<List<T>> withDuplicates(Arbitrary<T> one) {
        return one.list().ofMinSize(1).ofMaxSize(7).flatMap(list -> Arbitraries.of(list).list().ofMaxSize(3)
                .map(extra -> {
                    List<T> all = new ArrayList<>(list);
                    all.addAll(extra);
                    return all;
                }));
    }

    static Arbitrary<Bill> bill() {
        return Combinators.combine(Arbitraries.of(StatusModels.MP_DOCUMENTED), Arbitraries.of(true, false),
                Arbitraries.integers().between(0, 1))
                .as((s, a, v) -> new Bill(s, a || !StatusModels.MP_FAILURES.contains(s), v));
    }

    @Test
    void case4_billingAnswersAndFinalStateDoNotDependOnDeliveryOrder() {
        Arbitrary<Integer> truth = Arbitraries.of(StatusModels.MP_DOCUMENTED).map(Integer::parseInt);
        withDuplicates(bill()).sampleStream().limit(SETS).forEach(set -> {
            int payguru = truth.sample();
            List<String> first = null;
            for (int p = 0; p < PERMUTATIONS; p++) {
                List<Bill> order = Arbitraries.shuffle(set).sample();
                MpTransaction t = sim.seedMpTransaction(MpEvents.SERVICE, payguru, "9.99", null);
                t.referenceCode = "MP-" + t.id;
                t.amount = "9.99";
                List<String> answers = new ArrayList<>();
                for (Bill b : order) {
                    Map<String, String> q = MpEvents.billing(t.id, b.status());
                    if (!b.withAmount()) {
                        q.remove("amount");
                    }
                    q.put("errorDesc", "variant " + b.variant());
                    answers.add(answer(billing.handleRequest(MpEvents.get(MpEvents.BILLING, q), null)));
                }
                String m = "set " + set + ", delivered as " + order + ", Payguru says " + payguru;
                answers.sort(null);
                assertEquals(answers.stream().filter(a -> !a.equals("200 OK")).toList(), List.of(), m);
                if (first == null) {
                    first = answers;
                }
                assertEquals(first, answers, "answers as a multiset: " + m);
                withinRateLimit(() -> queries.refreshTransaction(service(), t.id));
                TransactionItem stored = ledger.transaction(TableLayout.mpTransaction(t.id)).orElseThrow();
                assertEquals(Integer.toString(payguru), stored.status, m);
                assertEquals(true, stored.confirmed, m);
                assertEquals("9.99", stored.amount, m);
            }
        });
    }

    @Test
    void case4_subscriptionAnswersAndFinalStateDoNotDependOnDeliveryOrder() {
        Arbitrary<Sub> sub = Combinators.combine(Arbitraries.of(StatusModels.SUB_DOCUMENTED),
                Arbitraries.longs().between(0, 4), Arbitraries.integers().between(0, 1)).as(Sub::new);
        Arbitrary<String> truthStatus = Arbitraries.of(StatusModels.SUB_DOCUMENTED);
        withDuplicates(sub).sampleStream().limit(SETS).forEach(set -> {
            String payguru = truthStatus.sample();
            long payguruOffset = Arbitraries.longs().between(0, 5).sample();
            List<String> first = null;
            for (int p = 0; p < PERMUTATIONS; p++) {
                List<Sub> order = Arbitraries.shuffle(set).sample();
                MpSubscription s = sim.seedSubscription(MpEvents.SERVICE, payguru, "19.90", null);
                String ref = "SUBP-" + s.id;
                s.referenceCode = ref;
                long base = Long.parseLong(s.lastTransaction);
                s.lastTransaction = Long.toString(base + payguruOffset);
                List<String> answers = new ArrayList<>();
                for (Sub n : order) {
                    Map<String, String> q = MpEvents.subscription(s.id, Long.toString(base + n.txOffset()), n.status(), ref);
                    q.put("billingType", "monthly" + n.variant());
                    answers.add(answer(subscription.handleRequest(MpEvents.get(MpEvents.SUBSCRIPTION, q), null)));
                }
                String m = "set " + set + ", delivered as " + order + ", Payguru says " + payguru + " at +" + payguruOffset;
                answers.sort(null);
                if (first == null) {
                    first = answers;
                }
                assertEquals(first, answers, "answers as a multiset: " + m);
                withinRateLimit(() -> queries.refreshSubscription(service(), s.id));
                SubscriptionItem stored = ledger.item(SubscriptionItem.SCHEMA, TableLayout.mpSubscription(s.id),
                        SubscriptionItem.SORT).orElseThrow();
                assertEquals(payguru, stored.status, m);
                assertEquals(s.lastTransaction, stored.txId, m);
                assertEquals(Boolean.TRUE,
                        ledger.partition(TableLayout.mpSubscription(s.id)).get(0).get("confirmed").bool(), m);
            }
        });
    }

    static String answer(APIGatewayV2HTTPResponse r) {
        return r.getStatusCode() + " " + r.getBody();
    }

    ServiceDirectory.NamedService service() {
        return services.find(Line.MP, MpEvents.SERVICE).orElseThrow();
    }

    /**
     * Payguru allows 5 detail queries a second (our own rate limit refuses the sixth with 429): this property asks
     * about many items in a row, so a refused query waits for the next second and asks again.
     */
    private static void withinRateLimit(Runnable query) {
        for (int attempt = 1;; attempt++) {
            try {
                query.run();
                return;
            } catch (io.github.payguru.merchant.payguru.OperationException e) {
                if (e.status() != 429 || attempt == 5) {
                    throw e;
                }
                try {
                    Thread.sleep(1_100);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }
}
