package io.github.payguru.merchant.local.simulator;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.github.payguru.merchant.core.Amount;
import io.github.payguru.merchant.core.Line;
import io.github.payguru.merchant.core.Masking;
import io.github.payguru.merchant.core.PayguruConfig;
import io.github.payguru.merchant.core.PayguruKeys;
import io.github.payguru.merchant.core.ServiceDirectory;
import io.github.payguru.merchant.core.ServiceDirectory.NamedService;
import io.quarkus.arc.profile.IfBuildProfile;

/**
 * The simulated Payguru platform (MP and PHS) and its control surface for tests and the local run.
 * <p>
 * State is in memory and {@link #reset()} clears it. The HTTP side is in {@link MpApiResource},
 * {@link CheckoutResource}, {@link PhsApiResource} and {@link ControlResource} (the same controls as
 * JSON over HTTP). Operation names (for {@link #failNext}, {@link #delayNext}, {@link #requests}):
 * {@link #OPERATIONS}.
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

    /** PHS result codes as documented (PAYGURU-API.md §2.3). */
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
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    @Inject
    SimulatorSettings settings;

    @Inject
    PayguruConfig config;

    @Inject
    ServiceDirectory services;

    private CallbackSender sender;
    private final RateLimiter limiter = new RateLimiter();
    private volatile Clock clock = Clock.systemUTC();
    private volatile boolean ipAllowed = true;
    private volatile boolean phsSandbox = true;
    private volatile boolean rateLimits = true;
    private volatile String phsCallbackMethod = "GET";
    private volatile Optional<String> mpCallbackToken = Optional.empty();
    private volatile Optional<String> mpCallbackQuery = Optional.empty();
    private final Map<String, Deque<SimulatorFault>> faults = new ConcurrentHashMap<>();
    private final Map<String, Deque<Duration>> delays = new ConcurrentHashMap<>();
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();

    /** Guards every state change below: the simulated platform is small, one lock is enough. */
    private final Object lock = new Object();
    private final Map<String, MpTransaction> mpTransactions = new LinkedHashMap<>();
    private final Map<String, MpSubscription> subscriptions = new LinkedHashMap<>();
    private final Map<String, MpMessage> messages = new LinkedHashMap<>();
    private final Map<String, CheckoutToken> checkoutTokens = new ConcurrentHashMap<>();
    private final Map<String, Instant> phsTokens = new ConcurrentHashMap<>();
    private final Map<Long, PhsPaymentNotification> paymentNotifications = new LinkedHashMap<>();
    /** Payguru order code -> (service code, merchant order): payment notifications and looked-up references. */
    private final Map<String, String[]> references = new LinkedHashMap<>();
    private final Map<String, PhsTransaction> phsTransactions = new LinkedHashMap<>();
    private final Map<String, PhsRefund> phsRefunds = new LinkedHashMap<>();
    private final AtomicLong ids = new AtomicLong();

    @PostConstruct
    void init() {
        sender = new CallbackSender(settings.baseUrl(), settings.timeout, defaultKnobs());
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

    // ---------------------------------------------------------------- control surface

    /** Forgets every object, request, delivery, fault and knob change; back to the configured defaults. */
    public void reset() {
        synchronized (lock) {
            sender.reset();
            sender.knobs(defaultKnobs());
            sender.baseUrl(settings.baseUrl());
            clock = Clock.systemUTC();
            sender.useClock(clock);
            ipAllowed = true;
            phsSandbox = settings.phsSandbox;
            rateLimits = settings.rateLimits;
            phsCallbackMethod = "POST".equalsIgnoreCase(settings.phsCallbackMethod) ? "POST" : "GET";
            mpCallbackToken = settings.mpCallbackToken;
            mpCallbackQuery = settings.mpCallbackQuery;
            faults.clear();
            delays.clear();
            requests.clear();
            limiter.reset();
            mpTransactions.clear();
            subscriptions.clear();
            messages.clear();
            checkoutTokens.clear();
            phsTokens.clear();
            paymentNotifications.clear();
            references.clear();
            phsTransactions.clear();
            phsRefunds.clear();
            // ids look like Payguru's (large numbers) and never repeat within a JVM, so tests sharing
            // DynamoDB Local never collide across resets
            ids.compareAndSet(0, 700_000_000L + (System.nanoTime() % 1_000_000L) * 100);
        }
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

    /** Every PHS token issued so far becomes invalid ({@code ERR_016}). */
    public void expireTokens() {
        phsTokens.replaceAll((t, exp) -> Instant.EPOCH);
    }

    /** false: every MP and PHS API call is refused as from an IP that is not allow-listed (403 / {@code ERR_002}). */
    public void allowIp(boolean allowed) {
        ipAllowed = allowed;
    }

    /** false: the MP rate limits are not enforced (e.g. for end-to-end tests that confirm many callbacks at once). */
    public void setRateLimits(boolean enforced) {
        rateLimits = enforced;
    }

    /** false: {@code transaction/test} is refused ({@code ERR_039}) as on the production platform. */
    public void setPhsSandbox(boolean sandbox) {
        phsSandbox = sandbox;
    }

    /** The simulator's clock (token expiry, rate limits, dates). {@link #reset()} puts back the system clock. */
    public void useClock(Clock c) {
        clock = c;
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
        if (!"GET".equalsIgnoreCase(method) && !"POST".equalsIgnoreCase(method)) {
            throw new IllegalArgumentException("GET or POST");
        }
        phsCallbackMethod = method.toUpperCase(Locale.ROOT);
    }

    /**
     * What MP callbacks carry besides Payguru's parameters: a {@code token} query parameter and a
     * pass-through query string (null: none); reset() restores the configured ones.
     */
    public void setMpCallbackExtras(String token, String passThroughQuery) {
        mpCallbackToken = Optional.ofNullable(token).filter(t -> !t.isEmpty());
        mpCallbackQuery = Optional.ofNullable(passThroughQuery).filter(q -> !q.isEmpty());
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
        m.put("phsCallbackMethod", phsCallbackMethod);
        m.put("mpCallbackToken", mpCallbackToken.isPresent() ? Masking.secret(mpCallbackToken.get()) : null);
        m.put("mpCallbackQuery", mpCallbackQuery.orElse(null));
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

    // ---------------------------------------------------------------- seeding

    /** A transaction as if paid earlier (no callbacks sent). {@code service}: MP service id or local name. */
    public MpTransaction seedMpTransaction(String service, int status, String amount, String referenceCode) {
        NamedService svc = mpService(service).orElseThrow(() -> new IllegalArgumentException("no MP service " + service));
        Amount.parse(amount);
        synchronized (lock) {
            MpTransaction tx = newMpTransaction(svc.payguruId(), amount, "seeded item", referenceCode, "905321234567", 1);
            tx.status = status;
            tx.billingType = "onetime";
            if (status == 4) {
                tx.error = "Yetersiz limit";
                tx.errorDetail = "17|Limit error:onetime";
            }
            return tx;
        }
    }

    /** A subscription cycle as if started earlier (no callbacks sent), with its first paid transaction. */
    public MpSubscription seedSubscription(String service, String status, String fee, String referenceCode) {
        NamedService svc = mpService(service).orElseThrow(() -> new IllegalArgumentException("no MP service " + service));
        Amount.parse(fee);
        synchronized (lock) {
            MpTransaction tx = newMpTransaction(svc.payguruId(), fee, "subscription", referenceCode, "905321234567", 1);
            tx.status = 3;
            tx.billingType = "subscription";
            MpSubscription s = newSubscription(svc.payguruId(), tx, false, 0);
            s.status = status;
            if ("cancelled".equals(status)) {
                s.cancellationDate = clock.instant();
                s.cancellationSource = "merchant";
            }
            return s;
        }
    }

    /** A PHS transaction as if the transfer had arrived earlier (no callbacks sent). {@code service}: code or local name. */
    public PhsTransaction seedPhsTransaction(String service, String order, String amount, int status) {
        NamedService svc = phsService(service).orElseThrow(() -> new IllegalArgumentException("no PHS service " + service));
        Amount.parse(amount);
        synchronized (lock) {
            String code = newReference(svc.payguruId(), order);
            PhsTransaction tx = newPhsTransaction(svc, PhsBank.ALL.get("isbank"), code, order, amount);
            tx.status = status;
            return tx;
        }
    }

    /** A PHS refund of a known PHS transaction (refund creation is not documented, so only seeding makes them). */
    public PhsRefund seedPhsRefund(String transactionId, int status) {
        synchronized (lock) {
            PhsTransaction tx = Optional.ofNullable(phsTransactions.get(transactionId))
                    .orElseThrow(() -> new IllegalArgumentException("no PHS transaction " + transactionId));
            PhsRefund r = new PhsRefund(Long.toString(ids.incrementAndGet()), tx.merchantId, tx.serviceCode, tx.id,
                    tx.amount, tx.bank);
            r.status = status;
            r.refundContact = "Simulated Customer";
            r.refundIban = "TR330006100519786457841326";
            r.createTime = clock.instant();
            r.updateTime = r.createTime;
            r.refundTime = status == 3 ? r.createTime : null;
            phsRefunds.put(r.id, r);
            return r;
        }
    }

    public Optional<MpTransaction> mpTransaction(String id) {
        synchronized (lock) {
            return Optional.ofNullable(mpTransactions.get(id));
        }
    }

    public Optional<MpSubscription> subscription(String id) {
        synchronized (lock) {
            return Optional.ofNullable(subscriptions.get(id));
        }
    }

    public Optional<PhsTransaction> phsTransaction(String id) {
        synchronized (lock) {
            return Optional.ofNullable(phsTransactions.get(id));
        }
    }

    public Optional<PhsPaymentNotification> paymentNotificationByCode(String code) {
        synchronized (lock) {
            return paymentNotifications.values().stream().filter(p -> p.code.equals(code)).findFirst();
        }
    }

    public List<MpTransaction> mpTransactions() {
        synchronized (lock) {
            return List.copyOf(mpTransactions.values());
        }
    }

    public List<MpSubscription> subscriptions() {
        synchronized (lock) {
            return List.copyOf(subscriptions.values());
        }
    }

    public List<PhsTransaction> phsTransactions() {
        synchronized (lock) {
            return List.copyOf(phsTransactions.values());
        }
    }

    public List<PhsPaymentNotification> paymentNotifications() {
        synchronized (lock) {
            return List.copyOf(paymentNotifications.values());
        }
    }

    // ---------------------------------------------------------------- request gate

    /**
     * Every simulated endpoint starts here: records the request, applies a queued delay, and answers
     * a queued fault if there is one.
     */
    Optional<SimulatorFault> enter(String operation, String method, String path, Map<String, String> params,
            Map<String, String> headers) {
        requests.add(new RecordedRequest(operation, method, path, Map.copyOf(nonNull(params)),
                Map.copyOf(nonNull(headers)), clock.instant()));
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

    boolean mpTextDates() {
        return settings.mpTextDates;
    }

    Instant now() {
        return clock.instant();
    }

    // ---------------------------------------------------------------- MP API

    /** The MP API's checks, in Payguru's likely order: source IP, merchant and service, rate limit. */
    NamedService mpCheck(String operation, String merchantId, String serviceId) {
        if (!ipAllowed) {
            throw new SimulatorError(403, MP_IP_NOT_ALLOWED, "IP not allowed");
        }
        if (merchantId == null || !merchantId.equals(config.merchantId())) {
            throw new SimulatorError(403, MP_UNKNOWN_MERCHANT_OR_SERVICE, "unknown merchant " + merchantId);
        }
        NamedService svc = mpService(serviceId).filter(s -> s.payguruId().equals(serviceId))
                .orElseThrow(() -> new SimulatorError(403, MP_UNKNOWN_MERCHANT_OR_SERVICE,
                        "unknown service " + serviceId + " for merchant " + merchantId));
        if (rateLimits) {
            String broken = limiter.admit(operation, clock.instant());
            if (broken != null) {
                throw new SimulatorError(429, MP_RATE_LIMITED, "Too Many Requests: " + broken);
            }
        }
        return svc;
    }

    MpTransaction mpTransactionOf(NamedService svc, String id) {
        synchronized (lock) {
            MpTransaction tx = mpTransactions.get(id);
            if (tx == null || !tx.service.equals(svc.payguruId())) {
                throw new SimulatorError(404, MP_NOT_FOUND, "transaction " + id + " not found");
            }
            return tx;
        }
    }

    MpSubscription subscriptionOf(NamedService svc, String id) {
        synchronized (lock) {
            MpSubscription s = subscriptions.get(id);
            if (s == null || !s.service.equals(svc.payguruId())) {
                throw new SimulatorError(404, MP_NOT_FOUND, "subscription " + id + " not found");
            }
            return s;
        }
    }

    /** Refund: 3 -> 7 (billing notification 7), then 7 -> 6 (billing notification 6) unless held. */
    MpTransaction refund(NamedService svc, String id) {
        List<Callback> batch = new ArrayList<>();
        MpTransaction tx;
        synchronized (lock) {
            tx = mpTransactionOf(svc, id);
            if (tx.status != 3) {
                throw new SimulatorError(409, MP_WRONG_STATE,
                        "transaction " + id + " has status " + tx.status + ": only a paid (3) transaction is refunded");
            }
            tx.status = 7;
            tx.modifiedDate = clock.instant();
            batch.add(billing(tx));
            if (settings.refundCompletes) {
                tx.status = 6;
                batch.add(billing(tx));
            }
        }
        sender.submit(batch);
        return tx;
    }

    /** Finishes a refund held at 7 ({@code payguru.simulator.refund-completes=false}): 7 -> 6 and its notification. */
    public MpTransaction completeRefund(String id) {
        MpTransaction tx;
        synchronized (lock) {
            tx = mpTransactions.get(id);
            if (tx == null || tx.status != 7) {
                throw new SimulatorError(409, MP_WRONG_STATE, "no refund in progress for transaction " + id);
            }
            tx.status = 6;
            tx.modifiedDate = clock.instant();
        }
        sender.submit(List.of(billing(tx)));
        return tx;
    }

    /** Cancel: the cycle ends ({@code cancelled}), a subscription notification is sent. */
    MpSubscription cancel(NamedService svc, String id) {
        MpSubscription s;
        Callback cb;
        synchronized (lock) {
            s = subscriptionOf(svc, id);
            if ("cancelled".equals(s.status)) {
                throw new SimulatorError(409, MP_WRONG_STATE, "subscription " + id + " is already cancelled");
            }
            s.status = "cancelled";
            s.cancellationDate = clock.instant();
            s.cancellationSource = "merchant";
            s.modifiedDate = s.cancellationDate;
            s.renewalDate = null;
            cb = subscriptionNotification(s, Long.toString(ids.incrementAndGet()));
        }
        sender.submit(List.of(cb));
        return s;
    }

    /**
     * A renewal charge of a subscription (what Payguru does each period): a new transaction with the
     * subscription's id, billing notifications 1 then 3 (paid) or 4 (charge failed), and the subscription
     * notification {@code active} or {@code retry}.
     */
    public MpTransaction renewSubscription(String subscriptionId, boolean paid) {
        List<Callback> batch = new ArrayList<>();
        MpTransaction tx;
        synchronized (lock) {
            MpSubscription s = subscriptions.get(subscriptionId);
            if (s == null || "cancelled".equals(s.status)) {
                throw new SimulatorError(409, MP_WRONG_STATE, "no live subscription " + subscriptionId);
            }
            tx = newMpTransaction(s.service, s.subscriptionFee, "renewal", s.referenceCode, s.msisdn, s.operator);
            tx.subscriptionId = s.id;
            tx.billingType = "renewal";
            tx.status = 1;
            batch.add(billing(tx));
            if (paid) {
                tx.status = 3;
                s.status = "active";
                s.lastSuccessfulTransaction = tx.id;
                s.renewalDate = next(s.renewalDate == null ? clock.instant() : s.renewalDate, s.period);
            } else {
                tx.status = 4;
                tx.error = "Yetersiz limit";
                tx.errorDetail = "17|Limit error:renewal";
                s.status = "retry";
            }
            s.lastTransaction = tx.id;
            s.modifiedDate = clock.instant();
            batch.add(billing(tx));
            batch.add(subscriptionNotification(s, tx.id));
        }
        sender.submit(batch);
        return tx;
    }

    /** Rows for the MP searches, restricted to the service asked for. */
    List<com.fasterxml.jackson.databind.node.ObjectNode> rows(String what, NamedService svc) {
        boolean text = settings.mpTextDates;
        synchronized (lock) {
            return switch (what) {
                case "transactions" -> mpTransactions.values().stream().filter(t -> t.service.equals(svc.payguruId()))
                        .map(t -> t.toJson(text)).toList();
                case "subscriptions" -> subscriptions.values().stream().filter(s -> s.service.equals(svc.payguruId()))
                        .map(s -> s.toJson(text)).toList();
                default -> messages.values().stream().filter(m -> m.service.equals(svc.payguruId()))
                        .map(m -> m.toJson(text)).toList();
            };
        }
    }

    // ---------------------------------------------------------------- checkout

    /** {@code POST /token}: checks the request and its md5 key, opens a payment page session. */
    CheckoutToken createCheckoutToken(Map<String, String> p) {
        for (String f : List.of("merchantId", "serviceId", "referenceCode", "item", "price", "successUrl", "failureUrl",
                "key")) {
            if (p.get(f) == null || p.get(f).isEmpty()) {
                throw new SimulatorError(400, MP_BAD_REQUEST, "missing field: " + f);
            }
        }
        String merchantId = p.get("merchantId");
        String serviceId = p.get("serviceId");
        if (!merchantId.equals(config.merchantId())) {
            throw new SimulatorError(403, MP_UNKNOWN_MERCHANT_OR_SERVICE, "unknown merchant " + merchantId);
        }
        NamedService svc = mpService(serviceId).filter(s -> s.payguruId().equals(serviceId))
                .orElseThrow(() -> new SimulatorError(403, MP_UNKNOWN_MERCHANT_OR_SERVICE, "unknown service " + serviceId));
        try {
            Amount.parse(p.get("price"));
        } catch (IllegalArgumentException e) {
            throw new SimulatorError(400, MP_BAD_REQUEST, "malformed field: price");
        }
        String expected = PayguruKeys.md5Hex(merchantId, serviceId, p.get("referenceCode"), p.get("item"),
                p.get("price"), p.get("successUrl"), p.get("failureUrl"), svc.privateKey());
        if (!PayguruKeys.matches(expected, p.get("key"))) {
            throw new SimulatorError(400, MP_INVALID_KEY, "invalid key");
        }
        boolean trial = "true".equalsIgnoreCase(p.get("hasTrialPeriod")) || "1".equals(p.get("hasTrialPeriod"));
        int trialDays = 0;
        if (trial) {
            try {
                trialDays = Integer.parseInt(Optional.ofNullable(p.get("trialPeriodDay")).orElse("0"));
            } catch (NumberFormatException e) {
                throw new SimulatorError(400, MP_BAD_REQUEST, "malformed field: trialPeriodDay");
            }
        }
        String token = HexFormat.of().formatHex(randomBytes(16));
        CheckoutToken t = new CheckoutToken(token, merchantId, serviceId, p.get("referenceCode"), p.get("item"),
                p.get("price"), p.get("successUrl"), p.get("failureUrl"), trial, trialDays, clock.instant());
        checkoutTokens.put(token, t);
        return t;
    }

    Optional<CheckoutToken> checkoutToken(String token) {
        return Optional.ofNullable(checkoutTokens.get(token));
    }

    String redirectUrl(CheckoutToken t) {
        return settings.publicUrl() + "/_simulator/cp/pay/" + t.token;
    }

    /**
     * The customer finishes the payment page: {@code paid}, {@code failed} (did not confirm: 9),
     * {@code expired} (5) or {@code declined} (operator charging error: 4). Creates the transaction
     * (and the subscription for a subscription service or a trial), sends the notifications and
     * answers where to send the customer.
     */
    String finishCheckout(String token, String result, String msisdn, int operator) {
        List<Callback> batch = new ArrayList<>();
        CheckoutToken t = checkoutTokens.get(token);
        if (t == null) {
            throw new SimulatorError(404, MP_NOT_FOUND, "unknown payment page");
        }
        int finalStatus = switch (result) {
            case "paid" -> 3;
            case "failed" -> 9;
            case "expired" -> 5;
            case "declined" -> 4;
            default -> throw new SimulatorError(400, MP_BAD_REQUEST, "result must be paid, failed, expired or declined");
        };
        synchronized (lock) {
            if (t.used || t.createdAt.plus(settings.checkoutTokenTtl).isBefore(clock.instant())) {
                throw new SimulatorError(410, MP_TOKEN_GONE, "this payment page was already used or has expired");
            }
            t.used = true;
            boolean subscription = t.hasTrialPeriod || isSubscriptionService(t.serviceId);
            if (subscription && t.hasTrialPeriod && finalStatus == 3) {
                // a trial starts the subscription without a charge; the first charge is the renewal after the trial
                MpSubscription s = newSubscription(t.serviceId, null, true, t.trialPeriodDay);
                s.subscriptionFee = t.price;
                s.referenceCode = t.referenceCode;
                s.msisdn = msisdn;
                s.operator = operator;
                s.status = "active";
                batch.add(subscriptionNotification(s, Long.toString(ids.incrementAndGet())));
                message(t.serviceId, msisdn, operator, "MT",
                        t.item + " aboneliginiz " + t.trialPeriodDay + " gun ucretsiz basladi.", null, s.id);
            } else {
                charge(t.serviceId, t.price, t.item, t.referenceCode, msisdn, operator, finalStatus, subscription,
                        "Onay kodunuz: " + (100000 + RANDOM.nextInt(900000)), null, batch);
            }
        }
        sender.submit(batch);
        return finalStatus == 3 ? t.successUrl : t.failureUrl;
    }

    /**
     * One charge as the payment page or an SMS flow makes it: the transaction (1, then its final
     * status), on a paid subscription service the subscription, their notifications added to
     * {@code batch}, and the SMS exchanged with the customer. Call under the lock.
     */
    private MpTransaction charge(String serviceId, String price, String item, String referenceCode, String msisdn,
            int operator, int finalStatus, boolean subscription, String confirmRequest, String customerReply,
            List<Callback> batch) {
        MpTransaction tx = newMpTransaction(serviceId, price, item, referenceCode, msisdn, operator);
        tx.billingType = subscription ? "subscription" : "onetime";
        tx.status = 1;
        batch.add(billing(tx));
        message(serviceId, msisdn, operator, "MT", confirmRequest, tx.id, null);
        if (customerReply != null) {
            message(serviceId, msisdn, operator, "MO", customerReply, tx.id, null);
        }
        tx.status = finalStatus;
        if (finalStatus == 4) {
            tx.error = "Yetersiz limit";
            tx.errorDetail = "17|Limit error:" + tx.billingType;
        }
        MpSubscription s = null;
        if (finalStatus == 3 && subscription) {
            s = newSubscription(serviceId, tx, false, 0);
            s.status = "active";
        }
        batch.add(billing(tx));
        if (s != null) {
            batch.add(subscriptionNotification(s, tx.id));
        }
        if (finalStatus == 3) {
            message(serviceId, msisdn, operator, "MT", item + " icin " + price + " TL faturaniza yansitilacaktir.",
                    tx.id, tx.subscriptionId);
        }
        return tx;
    }

    /**
     * An SMS-initiated payment (payguru-docs/03): the customer texts {@code KEYWORD [REFKOD]} to 3544,
     * is asked to confirm, and answers {@code EVET} within 5 minutes ({@code confirmed}) or not (status
     * 9). Then the same notifications as the payment page. Payguru's optional REFKOD check with the
     * merchant is not documented and not simulated.
     *
     * @param service MP service id or local name
     * @param price the keyword's price point
     * @param keyword the keyword texted (becomes the transaction's {@code item})
     * @param referenceCode the REFKOD texted after the keyword (the transaction's {@code order}); may be null
     */
    public MpTransaction smsPurchase(String service, String price, String keyword, String referenceCode, String msisdn,
            boolean confirmed) {
        NamedService svc = mpService(service).orElseThrow(() -> new IllegalArgumentException("no MP service " + service));
        Amount.parse(price);
        if (keyword == null || keyword.isBlank()) {
            throw new IllegalArgumentException("missing keyword");
        }
        String phone = msisdn == null || msisdn.isBlank() ? "905321234567" : msisdn;
        List<Callback> batch = new ArrayList<>();
        MpTransaction tx;
        synchronized (lock) {
            message(svc.payguruId(), phone, 1, "MO", keyword + (referenceCode == null ? "" : " " + referenceCode),
                    null, null);
            tx = charge(svc.payguruId(), price, keyword, referenceCode, phone, 1, confirmed ? 3 : 9,
                    isSubscriptionService(svc.payguruId()),
                    keyword + " icin " + price + " TL odemeyi onaylamak icin EVET yazip 3544'e gonderin.",
                    confirmed ? "EVET" : null, batch);
        }
        sender.submit(batch);
        return tx;
    }

    // ---------------------------------------------------------------- PHS API

    /** {@code getToken}: key = md5(merchantId + serverIp + merchantKey). */
    String phsToken(String merchant, String key) {
        if (!ipAllowed) {
            throw new SimulatorError(200, "ERR_002", null);
        }
        if (merchant == null || merchant.isEmpty() || key == null || key.isEmpty()) {
            throw new SimulatorError(200, "ERR_008", null);
        }
        if (!merchant.equals(config.merchantId())) {
            throw new SimulatorError(200, "ERR_004", null);
        }
        String merchantKey = settings.phsTokenKey.or(() -> settings.merchantPrivateKey).orElse("");
        String expected = PayguruKeys.md5Hex(config.merchantId(), settings.phsServerIp, merchantKey);
        if (merchantKey.isEmpty() || !PayguruKeys.matches(expected, key)) {
            throw new SimulatorError(200, "ERR_001", null);
        }
        String token = "{" + UUID.randomUUID().toString().toUpperCase(Locale.ROOT) + "}";
        phsTokens.put(token, clock.instant().plus(settings.phsTokenTtl));
        return token;
    }

    /** Checks the {@code merchant} and {@code token} headers of a PHS call. */
    void phsAuth(Map<String, String> headers) {
        if (!ipAllowed) {
            throw new SimulatorError(200, "ERR_002", null);
        }
        String token = headers.get("token");
        if (token == null || token.isBlank()) {
            throw new SimulatorError(200, "ERR_015", null);
        }
        Instant expires = null;
        for (Map.Entry<String, Instant> e : phsTokens.entrySet()) {
            if (java.security.MessageDigest.isEqual(e.getKey().getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    token.strip().getBytes(java.nio.charset.StandardCharsets.UTF_8))) {
                expires = e.getValue();
            }
        }
        if (expires == null || !expires.isAfter(clock.instant())) {
            throw new SimulatorError(200, "ERR_016", null);
        }
        String merchant = headers.get("merchant");
        if (merchant == null || !merchant.strip().equals(config.merchantId())) {
            throw new SimulatorError(200, "ERR_004", null);
        }
    }

    /** {@code paymentNotification/create}. */
    PhsPaymentNotification createPaymentNotification(Map<String, String> p) {
        NamedService svc = phsService(p.get("code")).filter(s -> s.payguruId().equals(p.get("code")))
                .orElseThrow(() -> new SimulatorError(200, "ERR_005", null));
        String amount = p.get("amount");
        if (amount == null || amount.isEmpty()) {
            throw new SimulatorError(200, "ERR_012", null);
        }
        try {
            Amount a = Amount.parse(amount);
            if (a.value().signum() <= 0) {
                throw new IllegalArgumentException("zero");
            }
        } catch (IllegalArgumentException e) {
            throw new SimulatorError(200, "ERR_017", null);
        }
        PhsBank bank = PhsBank.find(p.get("bank")).orElseThrow(() -> new SimulatorError(200, "ERR_011", null));
        String order = p.get("order");
        if (order == null || order.isEmpty() || order.length() > 64) {
            throw new SimulatorError(200, "ERR_014", null);
        }
        synchronized (lock) {
            boolean exists = paymentNotifications.values().stream()
                    .anyMatch(x -> x.serviceCode.equals(svc.payguruId()) && x.order.equals(order));
            if (exists) {
                throw new SimulatorError(200, "ERR_019", null);
            }
            String code = newReference(svc.payguruId(), order);
            PhsPaymentNotification pn = new PhsPaymentNotification(ids.incrementAndGet(), code, config.merchantId(),
                    svc.payguruId(), svc.name(), bank, order, amount);
            pn.tcNo = first(p, "PaymentNotification[tc_no]", "PaymentNotification[tc]", "PaymentNotification[tckn]");
            pn.name = p.get("PaymentNotification[name]");
            pn.email = p.get("PaymentNotification[email]");
            pn.phone = p.get("PaymentNotification[phone]");
            pn.userIp = p.get("PaymentNotification[user_ip]");
            pn.applyTime = p.get("PaymentNotification[apply_time]");
            pn.description = p.get("PaymentNotification[description]");
            pn.createTime = clock.instant();
            pn.status = 0;
            paymentNotifications.put(pn.id, pn);
            return pn;
        }
    }

    PhsPaymentNotification paymentNotification(String id) {
        synchronized (lock) {
            try {
                PhsPaymentNotification pn = paymentNotifications.get(Long.parseLong(id == null ? "" : id.strip()));
                if (pn != null) {
                    return pn;
                }
            } catch (NumberFormatException e) {
                // falls through to the documented error
            }
            throw new SimulatorError(200, "ERR_013", null);
        }
    }

    PhsTransaction phsTransactionOrError(String id) {
        synchronized (lock) {
            PhsTransaction tx = id == null ? null : phsTransactions.get(id.strip());
            if (tx == null) {
                throw new SimulatorError(200, "ERR_006", null);
            }
            return tx;
        }
    }

    PhsRefund phsRefund(String id) {
        synchronized (lock) {
            PhsRefund r = id == null ? null : phsRefunds.get(id.strip());
            if (r == null) {
                throw new SimulatorError(200, "ERR_006", null);
            }
            return r;
        }
    }

    /** {@code orderToReference/check}: the Payguru reference for a merchant order, created on first ask. */
    Map<String, Object> orderToReference(String code, String order) {
        NamedService svc = phsService(code).filter(s -> s.payguruId().equals(code))
                .orElseThrow(() -> new SimulatorError(200, "ERR_005", null));
        if (order == null || order.isEmpty() || order.length() > 64) {
            throw new SimulatorError(200, "ERR_014", null);
        }
        synchronized (lock) {
            String ref = references.entrySet().stream()
                    .filter(e -> e.getValue()[0].equals(svc.payguruId()) && e.getValue()[1].equals(order))
                    .map(Map.Entry::getKey).findFirst().orElseGet(() -> newReference(svc.payguruId(), order));
            Optional<PhsTransaction> paid = phsTransactions.values().stream()
                    .filter(t -> t.code.equals(ref) && t.status == 3).findFirst();
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("order", ref);
            out.put("payout", paid.map(t -> t.amount).orElse(null));
            out.put("sub_merchant_id", null);
            out.put("fee", paid.map(t -> "0.00").orElse(null));
            return out;
        }
    }

    /**
     * The customer's bank transfer for a payment notification arrives ({@code yonlendir ?pay=1}):
     * TCKN verify with the merchant, then the signed notify (status 3), or {@code unverified} and the
     * transaction left waiting for the merchant (5) when the merchant's TCKN does not match the sender's.
     *
     * @param senderTckn the TCKN of the account the money came from (null: the one given at create)
     */
    PhsTransaction transfer(String code, String senderTckn, boolean synchronous) {
        PhsTransaction tx;
        NamedService svc;
        String tckn;
        synchronized (lock) {
            PhsPaymentNotification pn = paymentNotifications.values().stream().filter(p -> p.code.equals(code))
                    .findFirst().orElseThrow(() -> new SimulatorError(404, "ERR_013", null));
            if (pn.transactionId != null) {
                throw new SimulatorError(409, "ERR_018", null);
            }
            svc = phsService(pn.serviceCode).orElseThrow(() -> new SimulatorError(200, "ERR_005", null));
            tx = newPhsTransaction(svc, pn.bank, pn.code, pn.order, pn.amount);
            tx.userName = pn.name;
            tx.remoteDescription = pn.code;
            pn.transactionId = tx.id;
            pn.status = 1;
            tckn = senderTckn != null ? senderTckn : pn.tcNo;
        }
        deliverTransfer(svc, tx, tckn, settings.phsTcknCheck, synchronous);
        return tx;
    }

    /** {@code transaction/test} (sandbox only): a transfer for a reference, delivered before answering. */
    PhsTransaction testTransaction(Map<String, String> p) {
        if (!phsSandbox) {
            throw new SimulatorError(200, "ERR_039", null);
        }
        NamedService svc = phsService(p.get("code")).filter(s -> s.payguruId().equals(p.get("code")))
                .orElseThrow(() -> new SimulatorError(200, "ERR_005", null));
        String ref = p.get("ref");
        String amount = p.get("amount");
        if (amount == null || amount.isEmpty()) {
            throw new SimulatorError(200, "ERR_012", null);
        }
        try {
            Amount.parse(amount);
        } catch (IllegalArgumentException e) {
            throw new SimulatorError(200, "ERR_017", null);
        }
        PhsTransaction tx;
        synchronized (lock) {
            String[] known = ref == null ? null : references.get(ref);
            if (known == null || !known[0].equals(svc.payguruId())) {
                throw new SimulatorError(200, "ERR_014", null);
            }
            Optional<PhsPaymentNotification> pn = paymentNotifications.values().stream()
                    .filter(x -> x.code.equals(ref)).findFirst();
            tx = newPhsTransaction(svc, pn.map(x -> x.bank).orElse(PhsBank.ALL.get("isbank")), ref, known[1], amount);
            tx.userName = p.get("name");
            tx.remoteDescription = p.get("description");
            tx.remoteBank = p.get("iban") == null ? null : Masking.iban(p.get("iban"));
            pn.ifPresent(x -> {
                x.transactionId = tx.id;
                x.status = 1;
            });
        }
        // the test call verifies the TCKN only when one is given; without it the notify goes straight out
        String tckn = p.get("tckno");
        deliverTransfer(svc, tx, tckn, settings.phsTcknCheck && tckn != null, true);
        return tx;
    }

    private void deliverTransfer(NamedService svc, PhsTransaction tx, String senderTckn, boolean verify,
            boolean synchronous) {
        List<Callback> batch;
        if (!verify) {
            batch = approve(svc, tx, false);
        } else {
            batch = List.of(new Callback("phs.tckn-verify", phsMethod(), PHS_TCKN_VERIFY_PATH,
                    tcknParams(svc, tx, "verify"), true, d -> afterVerify(svc, tx, senderTckn, d)));
        }
        sender.submit(batch, synchronous);
    }

    private List<Callback> afterVerify(NamedService svc, PhsTransaction tx, String senderTckn, Delivery answer) {
        boolean ok = false;
        if (answer.accepted()) {
            try {
                com.fasterxml.jackson.databind.JsonNode n = JSON.readTree(answer.answer());
                boolean status = n.path("status").asBoolean(false);
                String hash = n.path("tckn").isTextual() ? n.path("tckn").asText() : null;
                ok = status && hash != null && (senderTckn == null
                        || PayguruKeys.matches(PayguruKeys.tcknHash(senderTckn, svc.privateKey()), hash));
            } catch (Exception e) {
                ok = false;
            }
        }
        if (ok) {
            return approve(svc, tx, true);
        }
        synchronized (lock) {
            tx.status = 5;
        }
        LOG.infof("payguru simulator: PHS txid=%s order=%s not verified by the merchant: waiting for approval (5)",
                tx.id, tx.order);
        return List.of(Callback.notification("phs.tckn-verify", phsMethod(), PHS_TCKN_VERIFY_PATH,
                tcknParams(svc, tx, "unverified")));
    }

    private List<Callback> approve(NamedService svc, PhsTransaction tx, boolean verified) {
        synchronized (lock) {
            tx.status = 3;
            paymentNotifications.values().stream().filter(p -> tx.id.equals(p.transactionId))
                    .forEach(p -> p.status = 10);
        }
        List<Callback> out = new ArrayList<>();
        if (verified) {
            out.add(Callback.notification("phs.tckn-verify", phsMethod(), PHS_TCKN_VERIFY_PATH,
                    tcknParams(svc, tx, "verified")));
        }
        out.add(Callback.notification("phs.notify", phsMethod(), PHS_NOTIFY_PATH, notifyParams(svc, tx)));
        return out;
    }

    /** The signed PHS notify of a transaction, as Payguru sends it (PAYGURU-API.md §1.5). */
    public Map<String, String> notifyParams(NamedService svc, PhsTransaction tx) {
        String merchantKey = settings.merchantPrivateKey.orElse("");
        Map<String, String> p = new LinkedHashMap<>();
        p.put("txid", tx.id);
        p.put("code", tx.code);
        p.put("order", tx.order);
        p.put("status", Integer.toString(tx.status));
        p.put("amount", tx.amount);
        p.put("transaction_date", SimDates.text(tx.transactionDate));
        p.put("bank", tx.bank.code());
        p.put("key", PayguruKeys.phsNotifyKey(svc.payguruId(), config.merchantId(), tx.id, tx.code, tx.order, tx.amount,
                merchantKey, svc.privateKey()));
        return p;
    }

    private Map<String, String> tcknParams(NamedService svc, PhsTransaction tx, String type) {
        String merchantKey = settings.merchantPrivateKey.orElse("");
        Map<String, String> p = new LinkedHashMap<>();
        p.put("txid", tx.id);
        p.put("code", tx.code);
        p.put("order", tx.order);
        p.put("amount", tx.amount);
        p.put("transaction_date", SimDates.text(tx.transactionDate));
        p.put("bank", tx.bank.code());
        p.put("bank_no", Integer.toString(tx.bank.id()));
        p.put("key", PayguruKeys.tcknVerifyKey(svc.payguruId(), config.merchantId(), tx.order, merchantKey,
                svc.privateKey()));
        p.put("notification_type", type);
        return p;
    }

    private String phsMethod() {
        return phsCallbackMethod;
    }

    /** PHS service id for the JSON objects: configured {@code id} if numeric, else its position. */
    long phsServiceId(String code) {
        Optional<NamedService> s = phsService(code);
        if (s.isPresent() && s.get().config().id().filter(i -> i.matches("\\d{1,18}")).isPresent()) {
            return Long.parseLong(s.get().config().id().get());
        }
        List<NamedService> all = services.candidates(Line.PHS, null);
        all.sort(Comparator.comparing(NamedService::payguruId));
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).payguruId().equals(code)) {
                return i + 1L;
            }
        }
        return 0;
    }

    // ---------------------------------------------------------------- building blocks

    Optional<NamedService> mpService(String idOrName) {
        return services.find(Line.MP, idOrName);
    }

    Optional<NamedService> phsService(String codeOrName) {
        return services.find(Line.PHS, codeOrName);
    }

    private boolean isSubscriptionService(String serviceId) {
        Optional<NamedService> s = mpService(serviceId);
        return s.isPresent() && settings.subscriptionServices.stream()
                .anyMatch(x -> x.equals(s.get().payguruId()) || x.equals(s.get().name()));
    }

    private MpTransaction newMpTransaction(String service, String amount, String item, String referenceCode,
            String msisdn, int operator) {
        MpTransaction tx = new MpTransaction(Long.toString(ids.incrementAndGet()), config.merchantId(), service);
        tx.amount = amount;
        tx.item = item;
        tx.referenceCode = referenceCode;
        tx.msisdn = msisdn;
        tx.operator = operator;
        tx.transactionDate = clock.instant();
        tx.modifiedDate = tx.transactionDate;
        mpTransactions.put(tx.id, tx);
        return tx;
    }

    private MpSubscription newSubscription(String service, MpTransaction first, boolean trial, int trialDays) {
        MpSubscription s = new MpSubscription(Long.toString(ids.incrementAndGet()), config.merchantId(), service);
        s.period = settings.subscriptionPeriod;
        s.subscriptionDate = clock.instant();
        s.hasTrialPeriod = trial;
        s.trialPeriodDay = trialDays;
        s.renewalDate = trial ? s.subscriptionDate.plus(trialDays, ChronoUnit.DAYS) : next(s.subscriptionDate, s.period);
        s.modifiedDate = s.subscriptionDate;
        if (first != null) {
            first.subscriptionId = s.id;
            s.subscriptionFee = first.amount;
            s.referenceCode = first.referenceCode;
            s.msisdn = first.msisdn;
            s.operator = first.operator;
            s.lastTransaction = first.id;
            s.lastSuccessfulTransaction = first.status == 3 ? first.id : null;
        }
        subscriptions.put(s.id, s);
        return s;
    }

    private static Instant next(Instant from, String period) {
        return "weekly".equalsIgnoreCase(period) ? from.plus(7, ChronoUnit.DAYS) : from.plus(30, ChronoUnit.DAYS);
    }

    private void message(String service, String msisdn, int operator, String direction, String text, String txId,
            String subsId) {
        MpMessage m = new MpMessage(Long.toString(ids.incrementAndGet()), service);
        m.msisdn = msisdn;
        m.operator = operator;
        m.direction = direction;
        m.shortCode = "3544";
        m.text = text;
        m.transactionId = txId;
        m.subscriptionId = subsId;
        m.messageDate = clock.instant();
        messages.put(m.id, m);
    }

    private String newReference(String serviceCode, String order) {
        String code;
        do {
            code = Long.toString(10_000_000L + RANDOM.nextInt(89_999_999));
        } while (references.containsKey(code));
        references.put(code, new String[] { serviceCode, order });
        return code;
    }

    private PhsTransaction newPhsTransaction(NamedService svc, PhsBank bank, String code, String order, String amount) {
        PhsTransaction tx = new PhsTransaction(Long.toString(ids.incrementAndGet()), config.merchantId(),
                svc.payguruId(), svc.name(), bank, code, order, amount);
        tx.transactionDate = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        tx.createTime = tx.transactionDate;
        tx.status = 1;
        phsTransactions.put(tx.id, tx);
        return tx;
    }

    /** MP billing (transaction) notification of the transaction's current state (PAYGURU-API.md §1.1). */
    private Callback billing(MpTransaction tx) {
        Map<String, String> p = new LinkedHashMap<>();
        if (settings.mpCallbackMsisdn && tx.msisdn != null) {
            p.put("msisdn", Masking.msisdn(tx.msisdn));
        }
        p.put("txId", tx.id);
        p.put("status", Integer.toString(tx.status));
        p.put("operator", Integer.toString(tx.operator));
        p.put("order", nz(tx.referenceCode));
        p.put("item", nz(tx.item));
        p.put("amount", tx.amount);
        p.put("service", tx.service);
        p.put("error", nz(tx.error));
        p.put("errorDesc", nz(tx.errorDetail));
        p.put("billingType", nz(tx.billingType));
        p.put("subsId", nz(tx.subscriptionId));
        passThrough(p);
        return Callback.notification("mp.billing", "GET", MP_BILLING_PATH, p);
    }

    /** MP subscription notification (PAYGURU-API.md §1.2); {@code txId} grows with every event of the cycle. */
    private Callback subscriptionNotification(MpSubscription s, String txId) {
        Map<String, String> p = new LinkedHashMap<>();
        if (settings.mpCallbackMsisdn && s.msisdn != null) {
            p.put("msisdn", Masking.msisdn(s.msisdn));
        }
        p.put("subsId", s.id);
        p.put("txId", txId);
        p.put("status", s.status);
        p.put("operator", Integer.toString(s.operator));
        p.put("service", s.service);
        p.put("order", nz(s.referenceCode));
        p.put("billingType", "subscription");
        passThrough(p);
        return Callback.notification("mp.subscription", "GET", MP_SUBSCRIPTION_PATH, p);
    }

    private void passThrough(Map<String, String> p) {
        mpCallbackQuery.ifPresent(q -> {
            for (String pair : q.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    p.put(java.net.URLDecoder.decode(pair.substring(0, eq), java.nio.charset.StandardCharsets.UTF_8),
                            java.net.URLDecoder.decode(pair.substring(eq + 1), java.nio.charset.StandardCharsets.UTF_8));
                }
            }
        });
        mpCallbackToken.ifPresent(t -> p.put("token", t));
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static String first(Map<String, String> p, String... names) {
        for (String n : names) {
            if (p.get(n) != null && !p.get(n).isEmpty()) {
                return p.get(n);
            }
        }
        return null;
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    private static void known(String operation) {
        if (!OPERATIONS.contains(operation)) {
            throw new IllegalArgumentException("unknown operation " + operation + "; one of " + OPERATIONS);
        }
    }
}
