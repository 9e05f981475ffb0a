package io.github.payguru.merchant.operation;

import static io.github.payguru.merchant.operation.OperationsTestSupport.call;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.github.payguru.merchant.kernel.Amount;
import io.github.payguru.merchant.kernel.Metrics;
import io.github.payguru.merchant.mp.MpTransactionFact;
import io.github.payguru.merchant.mp.MpTransactions;
import io.github.payguru.merchant.mp.api.HttpMpGateway;
import io.github.payguru.merchant.mp.api.MpApi;
import io.github.payguru.merchant.mp.api.MpGateway;
import io.github.payguru.merchant.operation.OperationsTestSupport.Answer;
import io.github.payguru.merchant.payguru.PayguruApiConfig;
import io.github.payguru.merchant.payguru.PayguruCalls;
import io.github.payguru.merchant.payguru.PayguruConfig;
import io.github.payguru.merchant.payguru.PayguruHttp;
import io.github.payguru.merchant.payguru.PayguruOutcome;
import io.github.payguru.merchant.payguru.RateLimiter;
import io.github.payguru.merchant.store.TableLayout;
import io.github.payguru.merchant.support.DynamoCalls;
import io.github.payguru.merchant.support.Events;
import io.github.payguru.merchant.support.LedgerView;
import io.github.payguru.merchant.support.PayguruStandIn;
import io.github.payguru.merchant.support.PayguruStandIn.Fault;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Issue 17, "outbound money calls are exactly once under connection faults": the MP refund and cancel through their
 * Lambda entry points, with the injected {@link MpGateway} talking to a Payguru stand-in on loopback
 * ({@link PayguruStandIn}) that carries out every request it reads and then resets, closes, half-answers, answers
 * late or well, and with connections refused. The merchant retries until a final answer. Counted on the wire:
 * never two refund (cancel) requests for one id, and every accepted one is reported done (lock {@code done}, the
 * state reflecting it) — the lock never ends {@code released} after Payguru accepted.
 */
@QuarkusTest
class MoneyCallFaultsTest {

    static final String GAME = "2001";
    static final long SEED = 20261205L;
    /** At least 1,000 in the normal suite ({@code -Dmoney.schedules=N} for a longer run). */
    static final int SCHEDULES = Math.max(1000, Integer.getInteger("money.schedules", 1000));
    static final Duration READ = Duration.ofMillis(250);

    @Inject
    LedgerView ledger;

    @Inject
    MpTransactions transactions;

    @Inject
    PayguruConfig payguruConfig;

    /** The gateway each id's calls go through (each schedule has its own stand-in). */
    final Map<String, MpGateway> routes = new ConcurrentHashMap<>();
    final List<PayguruStandIn> standIns = new java.util.concurrent.CopyOnWriteArrayList<>();
    PayguruHttp http;
    PayguruCalls calls;

    @BeforeEach
    void routeTheGateway() {
        PayguruApiConfig fast = fastConfig();
        http = new PayguruHttp(fast);
        Metrics quiet = new Metrics("test", Clock.systemUTC(), line -> {
        });
        calls = new PayguruCalls(fast, new RateLimiter(fast, null, payguruConfig, Clock.systemUTC(), quiet), quiet);
        // the mock must be a bean-class instance (the client proxy casts to it): a router by id over the real class
        QuarkusMock.installMockForType(new HttpMpGateway("1000", null, null) {
            @Override
            public PayguruOutcome transactionDetail(String serviceId, String id) {
                return routes.get(id).transactionDetail(serviceId, id);
            }

            @Override
            public PayguruOutcome transactionRefund(String serviceId, String id) {
                return routes.get(id).transactionRefund(serviceId, id);
            }

            @Override
            public PayguruOutcome subscriptionDetail(String serviceId, String id) {
                return routes.get(id).subscriptionDetail(serviceId, id);
            }

            @Override
            public PayguruOutcome subscriptionCancel(String serviceId, String id) {
                return routes.get(id).subscriptionCancel(serviceId, id);
            }
        }, MpGateway.class);
    }

    @AfterEach
    void stopStandIns() throws IOException {
        for (PayguruStandIn s : standIns) {
            s.close();
        }
    }

    /** Short timeouts, two read attempts, no rate limit (the shared limits have their own tests). */
    static PayguruApiConfig fastConfig() {
        return (PayguruApiConfig) Proxy.newProxyInstance(MoneyCallFaultsTest.class.getClassLoader(),
                new Class<?>[] { PayguruApiConfig.class }, (proxy, method, args) -> switch (method.getName()) {
                    case "connectTimeout" -> Duration.ofMillis(500);
                    case "readTimeout" -> READ;
                    case "readAttempts" -> 2;
                    case "retryBackoff" -> Duration.ofMillis(5);
                    case "rateLimits" -> Map.of();
                    case "toString" -> "fast";
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    /** Payguru's MP book: transactions (3 paid → 7 on refund) and subscriptions (active → cancelled). */
    static final class Book implements Function<String, PayguruStandIn.Reply> {
        final Map<String, String> status = new ConcurrentHashMap<>();

        @Override
        public synchronized PayguruStandIn.Reply apply(String target) {
            String[] p = target.split("/"); // "", "mp", kind, op, merchant, service, id
            String id = p[p.length - 1];
            String now = status.get(id);
            if (now == null) {
                return new PayguruStandIn.Reply(404, "{\"response\":{\"result\":\"FAILED\",\"resultCode\":\"404\"}}");
            }
            boolean write = p[3].equals("refund") || p[3].equals("cancel");
            String from = p[2].equals("transaction") ? "3" : "active";
            String to = p[2].equals("transaction") ? "7" : "cancelled";
            if (write && !now.equals(from)) {
                return new PayguruStandIn.Reply(409, "{\"response\":{\"result\":\"FAILED\",\"resultCode\":\"2002\","
                        + "\"resultDescription\":\"wrong state\"}}");
            }
            if (write) {
                status.put(id, to);
            }
            String item = p[2].equals("transaction")
                    ? "{\"id\":" + id + ",\"service\":" + GAME + ",\"status\":" + status.get(id) + ",\"amount\":9.99}"
                    : "{\"id\":" + id + ",\"status\":\"" + status.get(id) + "\",\"lastTransaction\":" + id + "1}";
            return new PayguruStandIn.Reply(200, "{\"response\":{\"result\":\"SUCCESS\",\"resultCode\":\"0000\"}"
                    + (write && p[2].equals("transaction") ? "" : ",\"subscription\":" + item) + "}");
        }
    }

    PayguruStandIn standIn(Book book) throws IOException {
        PayguruStandIn s = new PayguruStandIn(book).delay(READ.toMillis() + 250);
        standIns.add(s);
        return s;
    }

    String paidTransaction(Book book) {
        String id = Events.uniqueTxid();
        book.status.put(id, "3");
        transactions.apply(MpTransactionFact.fromApi(id, GAME, "3", Amount.parse("9.99")));
        return id;
    }

    String lock(String pk, String sk) {
        return ledger.partition(pk).stream().filter(i -> sk.equals(i.get("sk").s())).findFirst()
                .map(i -> i.get("status").s()).orElse(null);
    }

    /**
     * Case 1 through the mp-transaction-refund Lambda: the kept-alive connection (a detail query just used it) breaks
     * after Payguru read and carried out the refund. Before: the JDK wrote the refund again on a new connection (2 on
     * the wire). Now: 1 on the wire, the answer is uncertain, the query confirms it, the lock is done, and the
     * merchant's retry sends nothing.
     */
    @Test
    void case1_aBrokenKeptAliveConnectionNeverResendsTheRefund() throws IOException {
        Book book = new Book();
        PayguruStandIn payguru = standIn(book);
        String id = paidTransaction(book);
        routes.put(id, new HttpMpGateway("1000", new MpApi(http, payguru.base()), calls));
        call("mp-transaction-get", MpOperationsTest.tx(id)).expect(200); // leaves a kept-alive connection
        payguru.then(Fault.CLOSE_AFTER);
        Answer a = call("mp-transaction-refund", MpOperationsTest.tx(id)).expect(200);
        assertEquals("confirmed-by-query", a.body().path("refund").asText(), a.body().toString());
        assertEquals(1, payguru.count("/mp/transaction/refund/"), "refund requests on the wire");
        assertEquals("done", lock(TableLayout.mpTransaction(id), TableLayout.REFUND_LOCK));
        assertEquals("ALREADY_REFUNDED", call("mp-transaction-refund", MpOperationsTest.tx(id)).expect(409).error());
        assertEquals(1, payguru.count("/mp/transaction/refund/"));
        assertEquals("7", transactions.find(id).orElseThrow().status);
    }

    /** A money call that cannot connect sent nothing: the lock is released and the next request sends once. */
    @Test
    void aRefusedConnectionSendsNothingAndReleasesTheLock() throws IOException {
        Book book = new Book();
        PayguruStandIn payguru = standIn(book);
        String id = paidTransaction(book);
        routes.put(id, new HttpMpGateway("1000", new MpApi(http, payguru.deadBase()), calls));
        Answer refused = call("mp-transaction-refund", MpOperationsTest.tx(id)).expect(502);
        assertEquals("UNREACHABLE", refused.error(), refused.body().toString());
        assertEquals("released", lock(TableLayout.mpTransaction(id), TableLayout.REFUND_LOCK));
        routes.put(id, new HttpMpGateway("1000", new MpApi(http, payguru.base()), calls));
        assertEquals("accepted", call("mp-transaction-refund", MpOperationsTest.tx(id)).expect(200).body()
                .path("refund").asText());
        assertEquals(1, payguru.count("/mp/transaction/refund/"));
    }

    /** What one schedule came to. */
    record Result(int merchantRequests, long onTheWire, boolean settled, boolean releasedAfterAccepted,
            boolean reflected, Map<Fault, Integer> faults, int refusedCalls) {
    }

    /** Refusals drawn per call while the schedule has some left. */
    static final class Flaky implements MpGateway {
        final MpGateway live;
        final MpGateway dead;
        final Random random;
        final AtomicInteger refusalsLeft;
        final AtomicInteger refused = new AtomicInteger();

        Flaky(MpGateway live, MpGateway dead, Random random, int refusals) {
            this.live = live;
            this.dead = dead;
            this.random = random;
            this.refusalsLeft = new AtomicInteger(refusals);
        }

        MpGateway pick() {
            synchronized (random) {
                if (refusalsLeft.get() > 0 && random.nextBoolean()) {
                    refusalsLeft.decrementAndGet();
                    refused.incrementAndGet();
                    return dead;
                }
            }
            return live;
        }

        @Override
        public PayguruOutcome transactionDetail(String s, String id) {
            return pick().transactionDetail(s, id);
        }

        @Override
        public PayguruOutcome transactionRefund(String s, String id) {
            return pick().transactionRefund(s, id);
        }

        @Override
        public PayguruOutcome subscriptionDetail(String s, String id) {
            return pick().subscriptionDetail(s, id);
        }

        @Override
        public PayguruOutcome subscriptionCancel(String s, String id) {
            return pick().subscriptionCancel(s, id);
        }
    }

    Result schedule(long seed, boolean refund) throws IOException {
        Random random = new Random(seed);
        Book book = new Book();
        PayguruStandIn payguru = standIn(book);
        Map<Fault, Integer> injected = new EnumMap<>(Fault.class);
        for (int i = random.nextInt(7); i > 0; i--) {
            Fault f = Fault.values()[random.nextInt(Fault.values().length)];
            injected.merge(f, 1, Integer::sum);
            payguru.then(f);
        }
        String id;
        String body;
        String pk;
        if (refund) {
            id = paidTransaction(book);
            body = MpOperationsTest.tx(id);
            pk = TableLayout.mpTransaction(id);
        } else {
            id = Events.uniqueTxid();
            book.status.put(id, "active");
            body = "{\"service\":\"gold\",\"subscriptionId\":\"" + id + "\"}";
            pk = TableLayout.mpSubscription(id);
        }
        String operation = refund ? "mp-transaction-refund" : "mp-subscription-cancel";
        String wire = refund ? "/mp/transaction/refund/" : "/mp/subscription/cancel/";
        String sk = refund ? TableLayout.REFUND_LOCK : TableLayout.CANCEL_LOCK;
        Flaky flaky = new Flaky(new HttpMpGateway("1000", new MpApi(http, payguru.base()), calls),
                new HttpMpGateway("1000", new MpApi(http, payguru.deadBase()), calls), random, random.nextInt(3));
        routes.put(id, flaky);
        int requests = 0;
        boolean settled = false;
        while (!settled && requests < 25) {
            Answer a = call(operation, body);
            requests++;
            settled = a.status() == 200 || Set.of("ALREADY_REFUNDED", "ALREADY_CANCELLED").contains(a.error());
        }
        // one read of the partition: the lock and the item beside it
        Map<String, String> statusBySk = new java.util.HashMap<>();
        ledger.partition(pk).forEach(i -> statusBySk.put(i.get("sk").s(), i.containsKey("status")
                ? i.get("status").s() : null));
        String lockStatus = statusBySk.get(sk);
        boolean releasedAfterAccepted = payguru.count(wire) > 0 && "released".equals(lockStatus);
        boolean reflected = "done".equals(lockStatus) && (refund ? Set.of("7", "6").contains(statusBySk.get("TX"))
                : "cancelled".equals(statusBySk.get("SUB")));
        routes.remove(id);
        standIns.remove(payguru);
        payguru.close();
        return new Result(requests, payguru.count(wire), settled, releasedAfterAccepted, reflected, injected,
                flaky.refused.get());
    }

    /**
     * At least 1,000 seeded schedules (half refunds, half cancels), several at a time: 0 double sends, 0 lost
     * refunds/cancels. Each schedule: up to 6 faults on the stand-in's next requests, up to 2 refused calls, and the
     * merchant asking again until a final answer.
     */
    @Test
    void thousandFaultSchedulesSendEachRefundAndCancelExactlyOnce() throws Exception {
        long start = System.nanoTime();
        Map<String, Integer> dynamoBefore = DynamoCalls.snapshot();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        List<Future<Result>> futures = new ArrayList<>();
        for (int i = 0; i < SCHEDULES; i++) {
            long seed = SEED + i;
            boolean refund = i % 2 == 0;
            futures.add(pool.submit(() -> schedule(seed, refund)));
        }
        LongAdder requests = new LongAdder();
        LongAdder onTheWire = new LongAdder();
        LongAdder refused = new LongAdder();
        Map<Fault, Integer> faults = new EnumMap<>(Fault.class);
        int doubleSends = 0;
        int lost = 0;
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < futures.size(); i++) {
            Result r = futures.get(i).get();
            requests.add(r.merchantRequests());
            onTheWire.add(r.onTheWire());
            refused.add(r.refusedCalls());
            r.faults().forEach((f, n) -> faults.merge(f, n, Integer::sum));
            if (r.onTheWire() > 1) {
                doubleSends++;
                failures.add("seed " + (SEED + i) + ": " + r);
            }
            if (!r.settled() || !r.reflected() || r.releasedAfterAccepted() || r.onTheWire() == 0) {
                lost++;
                failures.add("seed " + (SEED + i) + ": " + r);
            }
        }
        pool.shutdown();
        System.out.printf("money-call fault schedules: %d (refund %d, cancel %d), merchant requests %d, money requests"
                + " on the wire %d, refused calls %d, faults %s, double sends %d, lost %d, DynamoDB calls %s, %d ms%n", SCHEDULES,
                (SCHEDULES + 1) / 2, SCHEDULES / 2, requests.sum(), onTheWire.sum(), refused.sum(), faults, doubleSends,
                lost, DynamoCalls.since(dynamoBefore), (System.nanoTime() - start) / 1_000_000);
        assertEquals(List.of(), failures.stream().limit(10).toList());
        assertEquals(0, doubleSends);
        assertEquals(0, lost);
        assertEquals(SCHEDULES, onTheWire.sum(), "each refund and cancel on the wire exactly once");
        assertTrue(faults.values().stream().mapToInt(Integer::intValue).sum() > SCHEDULES, faults::toString);
        assertNotEquals(0, refused.sum());
    }
}
