package io.github.payguru.merchant.dev.simulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.github.payguru.merchant.kernel.Masking;
import io.github.payguru.merchant.payguru.PayguruConfig;
import io.github.payguru.merchant.payguru.ServiceDirectory;
import io.github.payguru.merchant.payguru.ServiceDirectory.NamedService;
import io.quarkus.arc.profile.IfBuildProfile;

/**
 * The simulated Payguru platform (MP and PHS) and its control surface for tests and the local run.
 * <p>
 * State is in memory and {@link #reset()} clears it. The platforms themselves are {@link MpPlatform}
 * and {@link PhsPlatform} (sharing a {@link SimContext}); callbacks go out through
 * {@link CallbackSender}. The HTTP side is in {@link MpApiResource}, {@link CheckoutResource},
 * {@link PhsApiResource} and {@link ControlResource} (the same controls as JSON over HTTP).
 * Operation names (for {@link #failNext}, {@link #delayNext}, {@link #requests}): {@link #OPERATIONS}.
 * <p>
 * MP {@code resultCode}s other than {@code 0000} are not documented; the simulator's own are the
 * {@code MP_*} constants (clients should decide on the HTTP status and {@code result}, not on them).
 */
@IfBuildProfile(anyOf = { "dev", "test" })
@ApplicationScoped
public class PayguruSimulator {

    public static final List<String> OPERATIONS = List.of("mp.transaction.detail", "mp.transaction.refund",
            "mp.transactions.search", "mp.subscription.detail", "mp.subscription.cancel", "mp.subscriptions.search",
            "mp.messages.search", "cp.token", "phs.getToken", "phs.paymentNotification.get",
            "phs.paymentNotification.create", "phs.transaction.get", "phs.refund.get", "phs.orderToReference.check",
            "phs.transaction.test");

    /** MP result codes: {@code 0000} is documented, the others are the simulator's. */
    public static final String MP_SUCCESS = "0000";
    public static final String MP_BAD_REQUEST = "1001";
    public static final String MP_INVALID_KEY = "1002";
    public static final String MP_UNKNOWN_MERCHANT_OR_SERVICE = "1003";
    public static final String MP_NOT_FOUND = "1004";
    public static final String MP_WRONG_STATE = "1005";
    public static final String MP_RATE_LIMITED = "1006";
    public static final String MP_IP_NOT_ALLOWED = "1007";
    public static final String MP_TOKEN_GONE = "1008";

    /** PHS result codes as documented (src/site/markdown/payguru-api.md §2.4). */
    public static final Map<String, String> PHS_MESSAGES = Map.ofEntries(
            Map.entry("000", "Success"), Map.entry("ERR_001", "Invalid Authorization"),
            Map.entry("ERR_002", "IP Not Allowed"), Map.entry("ERR_004", "Invalid Merchant"),
            Map.entry("ERR_005", "Invalid Service"), Map.entry("ERR_006", "Invalid Transaction"),
            Map.entry("ERR_007", "Invalid Request"), Map.entry("ERR_008", "Bad Request"),
            Map.entry("ERR_009", "Service Not Enabled"), Map.entry("ERR_010", "Internal Error"),
            Map.entry("ERR_011", "Invalid Bank"), Map.entry("ERR_012", "Amount Required For SALES"),
            Map.entry("ERR_013", "Invalid Payment Notification"), Map.entry("ERR_014", "Invalid Order"),
            Map.entry("ERR_015", "Empty Token"), Map.entry("ERR_016", "Invalid Token"),
            Map.entry("ERR_017", "Invalid Amount"), Map.entry("ERR_018", "Spending Already Recorded"),
            Map.entry("ERR_019", "Order Exists"), Map.entry("ERR_020", "Unauthorized"),
            Map.entry("ERR_021", "Amount Limit Exceeded"), Map.entry("ERR_039", "Invalid Action"));

    public static final String PHS_NOTIFY_PATH = "/payguru/phs/notify";
    public static final String PHS_TCKN_VERIFY_PATH = "/payguru/phs/tckn-verify";
    public static final String MP_BILLING_PATH = "/payguru/mp/billing";
    public static final String MP_SUBSCRIPTION_PATH = "/payguru/mp/subscription";

    private static final Logger LOG = Logger.getLogger(PayguruSimulator.class);

    @Inject
    SimulatorSettings settings;

    @Inject
    PayguruConfig config;

    @Inject
    ServiceDirectory services;

    private SimContext ctx;
    private CallbackSender sender;
    private MpPlatform mp;
    private PhsPlatform phs;
    private final Map<String, Deque<SimulatorFault>> faults = new ConcurrentHashMap<>();
    private final Map<String, Deque<Duration>> delays = new ConcurrentHashMap<>();
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    /** Requests between {@link #enter} and {@link #leave}: a delayed one our client gave up on is still here. */
    private final AtomicInteger inFlight = new AtomicInteger();

    @PostConstruct
    void init() {
        sender = new CallbackSender(settings.baseUrl(), settings.timeout, defaultKnobs());
        ctx = new SimContext(settings, config, services, sender);
        mp = new MpPlatform(ctx);
        phs = new PhsPlatform(ctx);
        reset();
        LOG.infof("payguru simulator: MP /_simulator/mp, checkout /_simulator/cp, PHS /_simulator/phs; callbacks to %s",
                settings.baseUrl());
    }

    @PreDestroy
    void close() {
        sender.close();
    }

    private CallbackSender.Knobs defaultKnobs() {
        return new CallbackSender.Knobs(settings.duplicates, settings.delay, settings.reorder, settings.synchronous,
                Math.max(1, settings.maxAttempts), settings.backoff);
    }

    MpPlatform mp() {
        return mp;
    }

    PhsPlatform phs() {
        return phs;
    }

    // ---------------------------------------------------------------- control surface

    /** Forgets every object, request, delivery, fault and knob change; back to the configured defaults. */
    public void reset() {
        sender.reset();
        sender.knobs(defaultKnobs());
        sender.baseUrl(settings.baseUrl());
        ctx.clock = Clock.systemUTC();
        sender.useClock(ctx.clock);
        ctx.ipAllowed = true;
        faults.clear();
        delays.clear();
        requests.clear();
        mp.reset();
        phs.reset();
    }

    /**
     * The next request of {@code operation} is answered with {@code httpStatus} and {@code code}
     * (MP {@code resultCode} / PHS {@code status}) before any check. Calls queue up.
     */
    public void failNext(String operation, int httpStatus, String code) {
        known(operation);
        faults.computeIfAbsent(operation, k -> new ArrayDeque<>()).add(new SimulatorFault(httpStatus, code));
    }

    /** The next request of {@code operation} waits this long before being answered (to make a client time out). */
    public void delayNext(String operation, Duration delay) {
        known(operation);
        delays.computeIfAbsent(operation, k -> new ArrayDeque<>()).add(delay);
    }

    /** false: every MP and PHS API call is refused as from an IP that is not allow-listed (403 / {@code ERR_002}). */
    public void allowIp(boolean allowed) {
        ctx.ipAllowed = allowed;
    }

    /** Every PHS token issued so far becomes invalid ({@code ERR_016}). */
    public void expireTokens() {
        phs.expireTokens();
    }

    /** false: the MP rate limits are not enforced (e.g. for end-to-end tests that confirm many callbacks at once). */
    public void setRateLimits(boolean enforced) {
        mp.setRateLimits(enforced);
    }

    /** false: {@code transaction/test} is refused ({@code ERR_039}) as on the production platform. */
    public void setPhsSandbox(boolean sandbox) {
        phs.setPhsSandbox(sandbox);
    }

    /** The simulator's clock (token expiry, rate limits, dates). {@link #reset()} puts back the system clock. */
    public void useClock(Clock c) {
        ctx.clock = c;
        sender.useClock(c);
    }

    /** Delivery knobs: each notification sent {@code duplicates} times, {@code delayMs} before each, batches reversed. */
    public void setDelivery(int duplicates, long delayMs, boolean reorder) {
        CallbackSender.Knobs k = sender.knobs();
        sender.knobs(new CallbackSender.Knobs(Math.max(1, duplicates), Duration.ofMillis(Math.max(0, delayMs)), reorder,
                k.synchronous(), k.maxAttempts(), k.backoff()));
    }

    /** Sends callbacks to another merchant address from now on (e.g. one that is down); reset() restores the configured one. */
    public void setCallbackBaseUrl(String url) {
        sender.baseUrl(url);
    }

    /** PHS notify and TCKN verify as {@code GET} (query) or {@code POST} (JSON body); reset() restores the configured one. */
    public void setPhsCallbackMethod(String method) {
        phs.setPhsCallbackMethod(method);
    }

    /**
     * What MP callbacks carry besides Payguru's parameters: a {@code token} query parameter and a
     * pass-through query string (null: none); reset() restores the configured ones.
     */
    public void setMpCallbackExtras(String token, String passThroughQuery) {
        mp.setMpCallbackExtras(token, passThroughQuery);
    }

    /** true: callbacks are delivered inside the request that caused them, before it answers. */
    public void setSynchronous(boolean synchronous) {
        CallbackSender.Knobs k = sender.knobs();
        sender.knobs(new CallbackSender.Knobs(k.duplicates(), k.delay(), k.reorder(), synchronous, k.maxAttempts(),
                k.backoff()));
    }

    /** Retry policy: attempts per copy (first included) and the first backoff (doubled each time). */
    public void setRetry(int maxAttempts, Duration backoff) {
        CallbackSender.Knobs k = sender.knobs();
        sender.knobs(new CallbackSender.Knobs(k.duplicates(), k.delay(), k.reorder(), k.synchronous(),
                Math.max(1, maxAttempts), backoff));
    }

    /** The current delivery knobs as a map (for the control API). */
    public Map<String, Object> delivery() {
        CallbackSender.Knobs k = sender.knobs();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("duplicates", k.duplicates());
        m.put("delayMs", k.delay().toMillis());
        m.put("reorder", k.reorder());
        m.put("synchronous", k.synchronous());
        m.put("maxAttempts", k.maxAttempts());
        m.put("backoffMs", k.backoff().toMillis());
        m.put("callbackBaseUrl", sender.baseUrl());
        m.putAll(phs.knobs());
        m.putAll(mp.knobs());
        m.put("ipAllowed", ctx.ipAllowed);
        return m;
    }

    /** Waits until every callback sent so far got its final answer (accepted or given up). */
    public boolean awaitDeliveries(Duration timeout) {
        return sender.awaitIdle(timeout);
    }

    /** Requests that reached {@code operation}, oldest first. */
    public List<RecordedRequest> requests(String operation) {
        return requests.stream().filter(r -> r.operation().equals(operation)).toList();
    }

    /** Every delivery attempt so far, oldest first. */
    public List<Delivery> deliveries() {
        return sender.deliveries();
    }

    /** Delivery attempts of one kind ({@code phs.notify}, {@code phs.tckn-verify}, {@code mp.billing}, {@code mp.subscription}). */
    public List<Delivery> deliveries(String kind) {
        return sender.deliveries().stream().filter(d -> d.kind().equals(kind)).toList();
    }

    // ---------------------------------------------------------------- seeding and platform events

    /** An MP transaction as if paid earlier (no callbacks sent). {@code service}: MP service id or local name. */
    public MpTransaction seedMpTransaction(String service, int status, String amount, String referenceCode) {
        return mp.seedMpTransaction(service, status, amount, referenceCode);
    }

    /** A subscription cycle as if started earlier (no callbacks sent), with its first paid transaction. */
    public MpSubscription seedSubscription(String service, String status, String fee, String referenceCode) {
        return mp.seedSubscription(service, status, fee, referenceCode);
    }

    /** A PHS transaction as if the transfer had arrived earlier (no callbacks sent). {@code service}: code or local name. */
    public PhsTransaction seedPhsTransaction(String service, String order, String amount, int status) {
        return phs.seedPhsTransaction(service, order, amount, status);
    }

    /** A PHS refund of a known PHS transaction (refund creation is not documented, so only seeding makes them). */
    public PhsRefund seedPhsRefund(String transactionId, int status) {
        return phs.seedPhsRefund(transactionId, status);
    }

    /** A renewal charge of a subscription: billing 1 then 3 (paid) or 4, and the subscription notification. */
    public MpTransaction renewSubscription(String subscriptionId, boolean paid) {
        return mp.renewSubscription(subscriptionId, paid);
    }

    /** Finishes a refund held at 7 ({@code payguru.simulator.refund-completes=false}): 7 -> 6 and its notification. */
    public MpTransaction completeRefund(String id) {
        return mp.completeRefund(id);
    }

    /** An SMS-initiated payment (src/site/markdown/payguru-api.md §1.4): keyword and REFKOD to 3544, EVET or no answer. */
    public MpTransaction smsPurchase(String service, String price, String keyword, String referenceCode, String msisdn,
            boolean confirmed) {
        return mp.smsPurchase(service, price, keyword, referenceCode, msisdn, confirmed);
    }

    public Optional<MpTransaction> mpTransaction(String id) {
        return mp.mpTransaction(id);
    }

    public Optional<MpSubscription> subscription(String id) {
        return mp.subscription(id);
    }

    public List<MpTransaction> mpTransactions() {
        return mp.mpTransactions();
    }

    public List<MpSubscription> subscriptions() {
        return mp.subscriptions();
    }

    public Optional<PhsTransaction> phsTransaction(String id) {
        return phs.phsTransaction(id);
    }

    public Optional<PhsPaymentNotification> paymentNotificationByCode(String code) {
        return phs.paymentNotificationByCode(code);
    }

    public List<PhsTransaction> phsTransactions() {
        return phs.phsTransactions();
    }

    public List<PhsPaymentNotification> paymentNotifications() {
        return phs.paymentNotifications();
    }

    /** The signed PHS notify parameters of a transaction, as Payguru sends them (src/site/markdown/payguru-api.md §1.5). */
    public Map<String, String> notifyParams(NamedService service, PhsTransaction tx) {
        return phs.notifyParams(service, tx);
    }

    // ---------------------------------------------------------------- request gate

    /**
     * Every simulated endpoint starts here: records the request, applies a queued delay, and answers
     * a queued fault if there is one.
     */
    Optional<SimulatorFault> enter(String operation, String method, String path, Map<String, String> params,
            Map<String, String> headers) {
        inFlight.incrementAndGet();
        requests.add(new RecordedRequest(operation, method, path, Map.copyOf(nonNull(params)),
                Map.copyOf(nonNull(headers)), ctx.now()));
        LOG.debugf("payguru simulator: %s %s %s", operation, method, Masking.params(params));
        Deque<Duration> d = delays.get(operation);
        Duration wait = d == null ? null : d.pollFirst();
        if (wait != null) {
            try {
                Thread.sleep(wait.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Deque<SimulatorFault> f = faults.get(operation);
        return Optional.ofNullable(f == null ? null : f.pollFirst());
    }

    /** Every endpoint that called {@link #enter} calls this when its answer is made, whatever it was. */
    void leave() {
        inFlight.decrementAndGet();
    }

    /**
     * Waits until no request is inside the simulator (e.g. a delayed answer our client stopped waiting
     * for has been carried out), at most {@code timeout}; true when it is idle.
     */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return inFlight.get() <= 0;
    }

    private static Map<String, String> nonNull(Map<String, String> m) {
        Map<String, String> out = new LinkedHashMap<>();
        if (m != null) {
            m.forEach((k, v) -> {
                if (k != null && v != null) {
                    out.put(k, v);
                }
            });
        }
        return out;
    }

    Instant now() {
        return ctx.now();
    }

    private static void known(String operation) {
        if (!OPERATIONS.contains(operation)) {
            throw new IllegalArgumentException("unknown operation " + operation + "; one of " + OPERATIONS);
        }
    }
}
