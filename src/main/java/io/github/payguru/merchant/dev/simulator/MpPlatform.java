package io.github.payguru.merchant.dev.simulator;

import static io.github.payguru.merchant.dev.simulator.PayguruSimulator.MP_BAD_REQUEST;
import static io.github.payguru.merchant.dev.simulator.PayguruSimulator.MP_BILLING_PATH;
import static io.github.payguru.merchant.dev.simulator.PayguruSimulator.MP_INVALID_KEY;
import static io.github.payguru.merchant.dev.simulator.PayguruSimulator.MP_IP_NOT_ALLOWED;
import static io.github.payguru.merchant.dev.simulator.PayguruSimulator.MP_NOT_FOUND;
import static io.github.payguru.merchant.dev.simulator.PayguruSimulator.MP_RATE_LIMITED;
import static io.github.payguru.merchant.dev.simulator.PayguruSimulator.MP_SUBSCRIPTION_PATH;
import static io.github.payguru.merchant.dev.simulator.PayguruSimulator.MP_TOKEN_GONE;
import static io.github.payguru.merchant.dev.simulator.PayguruSimulator.MP_UNKNOWN_MERCHANT_OR_SERVICE;
import static io.github.payguru.merchant.dev.simulator.PayguruSimulator.MP_WRONG_STATE;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.payguru.merchant.kernel.Amount;
import io.github.payguru.merchant.kernel.Line;
import io.github.payguru.merchant.kernel.Masking;
import io.github.payguru.merchant.payguru.PayguruConfig;
import io.github.payguru.merchant.kernel.MpCheckoutKeyInput;
import io.github.payguru.merchant.kernel.PayguruKeys;
import io.github.payguru.merchant.payguru.ServiceDirectory.NamedService;

/**
 * The simulated MP platform (carrier billing): transactions, subscriptions, customer SMS, payment
 * page sessions, the MP API's checks (IP, merchant and service, rate limits) and the billing and
 * subscription notifications. State changes under {@link SimContext#lock}; callbacks are submitted
 * after it is released. Owned by {@link PayguruSimulator}.
 */
final class MpPlatform {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final SimContext ctx;
    private final SimulatorSettings settings;
    private final PayguruConfig config;
    private final CallbackSender sender;
    private final Object lock;
    private final AtomicLong ids;
    private final RateLimiter limiter = new RateLimiter();
    private final Map<String, MpTransaction> mpTransactions = new LinkedHashMap<>();
    private final Map<String, MpSubscription> subscriptions = new LinkedHashMap<>();
    private final Map<String, MpMessage> messages = new LinkedHashMap<>();
    private final Map<String, CheckoutToken> checkoutTokens = new ConcurrentHashMap<>();
    private volatile boolean rateLimits = true;
    private volatile Optional<String> mpCallbackToken = Optional.empty();
    private volatile Optional<String> mpCallbackQuery = Optional.empty();

    MpPlatform(SimContext ctx) {
        this.ctx = ctx;
        this.settings = ctx.settings;
        this.config = ctx.config;
        this.sender = ctx.sender;
        this.lock = ctx.lock;
        this.ids = ctx.ids;
    }

    /** Forgets everything; knobs back to their configured values. */
    void reset() {
        synchronized (lock) {
            limiter.reset();
            mpTransactions.clear();
            subscriptions.clear();
            messages.clear();
            checkoutTokens.clear();
            rateLimits = settings.rateLimits;
            mpCallbackToken = settings.mpCallbackToken;
            mpCallbackQuery = settings.mpCallbackQuery;
        }
    }

    Map<String, Object> knobs() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mpCallbackToken", mpCallbackToken.isPresent() ? Masking.secret(mpCallbackToken.get()) : null);
        m.put("mpCallbackQuery", mpCallbackQuery.orElse(null));
        m.put("rateLimits", rateLimits);
        return m;
    }

    Optional<NamedService> mpService(String idOrName) {
        return ctx.services.find(Line.MP, idOrName);
    }

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
                s.cancellationDate = ctx.now();
                s.cancellationSource = "merchant";
            }
            return s;
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

    /** The MP API's checks, in Payguru's likely order: source IP, merchant and service, rate limit. */
    NamedService mpCheck(String operation, String merchantId, String serviceId) {
        if (!ctx.ipAllowed) {
            throw new SimulatorError(403, MP_IP_NOT_ALLOWED, "IP not allowed");
        }
        if (merchantId == null || !merchantId.equals(config.merchantId())) {
            throw new SimulatorError(403, MP_UNKNOWN_MERCHANT_OR_SERVICE, "unknown merchant " + merchantId);
        }
        NamedService svc = mpService(serviceId).filter(s -> s.payguruId().equals(serviceId))
                .orElseThrow(() -> new SimulatorError(403, MP_UNKNOWN_MERCHANT_OR_SERVICE,
                        "unknown service " + serviceId + " for merchant " + merchantId));
        if (rateLimits) {
            String broken = limiter.admit(operation, ctx.now());
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
            tx.modifiedDate = ctx.now();
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
            tx.modifiedDate = ctx.now();
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
            s.cancellationDate = ctx.now();
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
                s.renewalDate = next(s.renewalDate == null ? ctx.now() : s.renewalDate, s.period);
            } else {
                tx.status = 4;
                tx.error = "Yetersiz limit";
                tx.errorDetail = "17|Limit error:renewal";
                s.status = "retry";
            }
            s.lastTransaction = tx.id;
            s.modifiedDate = ctx.now();
            batch.add(billing(tx));
            batch.add(subscriptionNotification(s, tx.id));
        }
        sender.submit(batch);
        return tx;
    }

    /** Rows for the MP searches, restricted to the service asked for. */
    List<ObjectNode> rows(String what, NamedService svc) {
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
            // a zero price is refused too (our inference: there is no charge to notify, and merchants refuse amount 0)
            if (Amount.parse(p.get("price")).value().signum() <= 0) {
                throw new IllegalArgumentException("price must be above 0");
            }
        } catch (IllegalArgumentException e) {
            throw new SimulatorError(400, MP_BAD_REQUEST, "malformed field: price");
        }
        String expected = PayguruKeys.md5(new MpCheckoutKeyInput(merchantId, serviceId, svc.privateKey(),
                p.get("referenceCode"), p.get("item"), p.get("price"), p.get("successUrl"), p.get("failureUrl")));
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
                p.get("price"), p.get("successUrl"), p.get("failureUrl"), trial, trialDays, ctx.now());
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
            if (t.used || t.createdAt.plus(settings.checkoutTokenTtl).isBefore(ctx.now())) {
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
     * An SMS-initiated payment (src/site/markdown/payguru-api.md §1.4): the customer texts {@code KEYWORD [REFKOD]} to 3544,
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
        tx.transactionDate = ctx.now();
        tx.modifiedDate = tx.transactionDate;
        mpTransactions.put(tx.id, tx);
        return tx;
    }

    private MpSubscription newSubscription(String service, MpTransaction first, boolean trial, int trialDays) {
        MpSubscription s = new MpSubscription(Long.toString(ids.incrementAndGet()), config.merchantId(), service);
        s.period = settings.subscriptionPeriod;
        s.subscriptionDate = ctx.now();
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
        m.messageDate = ctx.now();
        messages.put(m.id, m);
    }

    /** MP billing (transaction) notification of the transaction's current state (src/site/markdown/payguru-api.md §1.1). */
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

    /** MP subscription notification (src/site/markdown/payguru-api.md §1.2); {@code txId} grows with every event of the cycle. */
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
                    p.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        });
        mpCallbackToken.ifPresent(t -> p.put("token", t));
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    /**
     * What MP callbacks carry besides Payguru's parameters: a {@code token} query parameter and a
     * pass-through query string (null: none); reset() restores the configured ones.
     */
    public void setMpCallbackExtras(String token, String passThroughQuery) {
        mpCallbackToken = Optional.ofNullable(token).filter(t -> !t.isEmpty());
        mpCallbackQuery = Optional.ofNullable(passThroughQuery).filter(q -> !q.isEmpty());
    }

    /** false: the MP rate limits are not enforced (e.g. for end-to-end tests that confirm many callbacks at once). */
    public void setRateLimits(boolean enforced) {
        rateLimits = enforced;
    }

    boolean mpTextDates() {
        return settings.mpTextDates;
    }
}
