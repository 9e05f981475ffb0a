package io.github.payguru.merchant.payguru;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import io.github.payguru.merchant.mp.api.MpApi;
import io.github.payguru.merchant.phs.api.PhsApi;
import io.github.payguru.merchant.support.PayguruStandIn;

/**
 * The wire requests of the Payguru API classes over {@link PayguruHttp} (the JDK's HttpURLConnection), against a
 * stand-in on loopback that records what arrives: paths, query strings and forms encoded so that a key with
 * {@code +}, {@code /} or {@code =} arrives intact (a space as {@code %20}, which every form decoder reads), null
 * values left out, the PHS headers, HTTP/1.1, no redirect
 * followed, every status an answer; and a call without answer typed as a timeout or as unreachable.
 */
class PayguruHttpTest {

    record Seen(String method, String rawPath, String rawQuery, String protocol, Map<String, String> headers,
            String body) {
    }

    HttpServer server;
    final List<Seen> seen = new CopyOnWriteArrayList<>();
    volatile int status = 200;
    volatile String answer = "{\"ok\":true}";
    volatile long delayMs;
    PayguruHttp http;
    String base;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 4);
        server.createContext("/", exchange -> {
            Map<String, String> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), v.get(0)));
            seen.add(new Seen(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                    exchange.getRequestURI().getRawQuery(), exchange.getProtocol(), headers,
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            sleep(delayMs);
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            if (status == 302) {
                exchange.getResponseHeaders().add("Location", "http://127.0.0.1:1/elsewhere");
            }
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort() + "/phs";
        http = new PayguruHttp(config(Duration.ofMillis(500), Duration.ofMillis(400)));
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    static PayguruApiConfig config(Duration connect, Duration read) {
        return (PayguruApiConfig) Proxy.newProxyInstance(PayguruHttpTest.class.getClassLoader(),
                new Class<?>[] { PayguruApiConfig.class }, (proxy, method, args) -> switch (method.getName()) {
                    case "connectTimeout" -> connect;
                    case "readTimeout" -> read;
                    case "readAttempts" -> 3;
                    case "retryBackoff" -> Duration.ofMillis(5);
                    case "rateLimits" -> Map.of();
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void queryParametersAndHeadersArriveIntactAndNullsAreLeftOut() {
        PhsApi phs = new PhsApi(http, base + "/");
        PayguruHttp.Answer a = phs.getToken("1000", "k+y/with=signs & space");
        assertEquals(200, a.status());
        assertEquals("{\"ok\":true}", a.body());
        Seen token = seen.get(0);
        assertEquals("GET", token.method());
        assertEquals("HTTP/1.1", token.protocol());
        assertEquals("/phs/getToken", token.rawPath());
        assertEquals("merchant=1000&key=k%2By%2Fwith%3Dsigns%20%26%20space", token.rawQuery());
        assertEquals("application/json", token.headers().get("accept"));
        assertNull(token.headers().get("token"));

        phs.orderToReferenceCheck("1000", "tok-1", "SHOP", null);
        Seen check = seen.get(1);
        assertEquals("code=SHOP", check.rawQuery(), "a null parameter is not sent");
        assertEquals("1000", check.headers().get("merchant"));
        assertEquals("tok-1", check.headers().get("token"));
    }

    @Test
    void formsAreUtf8UrlEncodedInOrder() {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("code", "SHOP");
        form.put("PaymentNotification[name]", "Ayşe Yılmaz");
        form.put("skipped", null);
        new PhsApi(http, base).paymentNotificationCreate("1000", "tok-1", form);
        Seen s = seen.get(0);
        assertEquals("POST", s.method());
        assertEquals("application/x-www-form-urlencoded; charset=UTF-8", s.headers().get("content-type"));
        assertEquals("code=SHOP&PaymentNotification%5Bname%5D=Ay%C5%9Fe%20Y%C4%B1lmaz", s.body());
    }

    @Test
    void pathSegmentsAreEncodedAndEveryStatusIsAnAnswer() {
        status = 503;
        answer = "";
        PayguruHttp.Answer a = new MpApi(http, base).transactionDetail("1000", "2001", "91 0/1");
        assertEquals(503, a.status());
        assertEquals("", a.body());
        assertEquals("/phs/transaction/detail/1000/2001/91%200%2F1", seen.get(0).rawPath());

        status = 302;
        assertEquals(302, new MpApi(http, base).transactionRefund("1000", "2001", "1").status(),
                "a redirect is an answer, never followed");
        assertEquals(2, seen.size());
    }

    @Test
    void aLateAnswerIsATimeoutAndNoListenerIsUnreachable() throws IOException {
        delayMs = 1500;
        PayguruOutcome late = PayguruCalls.once(PayguruOutcome::mp,
                () -> new MpApi(http, base).transactionDetail("1000", "2001", "1"));
        assertEquals(PayguruOutcome.Kind.TIMEOUT, late.kind());

        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        PayguruOutcome refused = PayguruCalls.once(PayguruOutcome::mp,
                () -> new MpApi(http, "http://127.0.0.1:" + closed).transactionDetail("1000", "2001", "1"));
        assertEquals(PayguruOutcome.Kind.UNREACHABLE, refused.kind());
        assertFalse(refused.kind().uncertain());
        assertTrue(late.kind().uncertain());
    }

    /** A detail query answered on a kept-alive connection, then the refund on it: read, carried out, no answer. */
    private static PayguruStandIn keptAliveThenBroken(boolean refuseTheReconnect) throws IOException {
        PayguruStandIn[] self = new PayguruStandIn[1];
        self[0] = new PayguruStandIn(target -> {
            if (refuseTheReconnect && target.contains("/transaction/refund/")) {
                try {
                    self[0].close(); // the JDK's second connect is refused
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
            return new PayguruStandIn.Reply(200, "{\"response\":{\"result\":\"SUCCESS\",\"resultCode\":\"0000\"}}");
        });
        return self[0].then(PayguruStandIn.Fault.GOOD, PayguruStandIn.Fault.CLOSE_AFTER);
    }

    /**
     * Issue 17 case 1 on the wire: the kept-alive connection breaks after the refund was read (and carried out).
     * Before: the JDK sent the refund again on a new connection (2 on the wire), and when that connect was refused
     * the call looked UNREACHABLE ("nothing sent"). Now: one refund on the wire, and the call is uncertain.
     */
    @Test
    void case1_aBrokenKeptAliveConnectionNeverResendsTheRefund() throws IOException {
        for (boolean refuse : new boolean[] { false, true }) {
            try (PayguruStandIn payguru = keptAliveThenBroken(refuse)) {
                MpApi mp = new MpApi(http, payguru.base());
                assertEquals(200, mp.transactionDetail("1000", "2001", "77").status());
                PayguruOutcome refund = PayguruCalls.once(PayguruCalls.Mode.MONEY, PayguruOutcome::mp,
                        () -> mp.transactionRefund("1000", "2001", "77"));
                long onTheWire = payguru.count("/mp/transaction/refund/");
                System.out.printf("case 1 (reconnect %s): %d refund request(s) on the wire, outcome %s%n",
                        refuse ? "refused" : "accepted", onTheWire, refund.kind());
                assertEquals(1, onTheWire, "refund requests on the wire");
                assertEquals(PayguruOutcome.Kind.UNCERTAIN, refund.kind(), "the refund may have been carried out");
            }
        }
    }

    static final String MP_OK = "{\"response\":{\"result\":\"SUCCESS\",\"resultCode\":\"0000\"}}";

    /**
     * The money transport on the wire, one fault at a time: a fresh connection per call with {@code Connection: close},
     * the request written once whatever happens to the answer, and the failure typed by what it proves — refused:
     * nothing sent (UNREACHABLE); reset, closed, headers only, half a body: UNCERTAIN; late: TIMEOUT.
     */
    @Test
    void aMoneyCallIsWrittenOnceWhateverHappensToTheAnswer() throws IOException {
        Map<PayguruStandIn.Fault, PayguruOutcome.Kind> expected = new LinkedHashMap<>();
        expected.put(PayguruStandIn.Fault.GOOD, PayguruOutcome.Kind.OK);
        expected.put(PayguruStandIn.Fault.RESET_BEFORE_READ, PayguruOutcome.Kind.UNCERTAIN);
        expected.put(PayguruStandIn.Fault.RESET_AFTER, PayguruOutcome.Kind.UNCERTAIN);
        expected.put(PayguruStandIn.Fault.CLOSE_AFTER, PayguruOutcome.Kind.UNCERTAIN);
        expected.put(PayguruStandIn.Fault.HEADERS_ONLY, PayguruOutcome.Kind.UNCERTAIN);
        expected.put(PayguruStandIn.Fault.HALF_BODY, PayguruOutcome.Kind.UNCERTAIN);
        expected.put(PayguruStandIn.Fault.DELAY, PayguruOutcome.Kind.TIMEOUT);
        for (var e : expected.entrySet()) {
            try (PayguruStandIn payguru = new PayguruStandIn(t -> new PayguruStandIn.Reply(200, MP_OK)).delay(900)) {
                payguru.then(e.getKey());
                MpApi mp = new MpApi(http, payguru.base());
                PayguruOutcome cancel = PayguruCalls.once(PayguruCalls.Mode.MONEY, PayguruOutcome::mp,
                        () -> mp.subscriptionCancel("1000", "2001", "55"));
                assertEquals(e.getValue(), cancel.kind(), e.getKey().name());
                long read = e.getKey() == PayguruStandIn.Fault.RESET_BEFORE_READ ? 0 : 1;
                sleep(50); // a reset before reading: the stand-in never reads it (nothing more arrives either)
                assertEquals(read, payguru.count("/mp/subscription/cancel/"), e.getKey().name());
                assertEquals(1, payguru.connections(), e.getKey() + ": one connection, never a second");
            }
        }
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        PayguruOutcome refused = PayguruCalls.once(PayguruCalls.Mode.MONEY, PayguruOutcome::mp,
                () -> new MpApi(http, "http://127.0.0.1:" + closed).transactionRefund("1000", "2001", "1"));
        assertEquals(PayguruOutcome.Kind.UNREACHABLE, refused.kind(), "refused: provably nothing sent");
    }

    /** Money calls never share a connection, and say so; Payguru's 5xx to a money call is not repeated by any layer. */
    @Test
    void moneyCallsUseAFreshConnectionAndAre5xxNeverRepeated() throws IOException {
        try (PayguruStandIn payguru = new PayguruStandIn(t -> new PayguruStandIn.Reply(
                t.contains("/refund/") ? 503 : 200, MP_OK))) {
            MpApi mp = new MpApi(http, payguru.base());
            mp.transactionDetail("1000", "2001", "1");
            mp.transactionDetail("1000", "2001", "1");
            int keptAlive = payguru.connections();
            assertEquals(1, keptAlive, "reads keep the connection alive");
            PayguruApiConfig cfg = config(Duration.ofMillis(500), Duration.ofMillis(400));
            PayguruConfig merchant = (PayguruConfig) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] { PayguruConfig.class }, (p, m, a) -> "1000");
            io.github.payguru.merchant.kernel.Metrics quiet = new io.github.payguru.merchant.kernel.Metrics("t",
                    java.time.Clock.systemUTC(), line -> {
                    });
            PayguruCalls calls = new PayguruCalls(cfg, new RateLimiter(cfg, null, merchant, java.time.Clock.systemUTC(),
                    quiet), quiet);
            PayguruOutcome refund = calls.call("mp-transaction-refund", PayguruCalls.Mode.MONEY, PayguruOutcome::mp,
                    () -> mp.transactionRefund("1000", "2001", "1"));
            assertEquals(PayguruOutcome.Kind.UNAVAILABLE, refund.kind());
            assertTrue(refund.kind().uncertain(), "a 5xx to a money call is settled by a query");
            assertEquals(1, payguru.count("/mp/transaction/refund/"), "not repeated");
            assertEquals(keptAlive + 1, payguru.connections(), "a connection of its own");
            PayguruOutcome read = calls.call("mp-transaction-get", PayguruCalls.Mode.READ, PayguruOutcome::mp,
                    () -> mp.transactionDetail("1000", "2001", "1"));
            assertEquals(PayguruOutcome.Kind.OK, read.kind());
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
