package io.github.payguru.merchant.dev.simulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.github.payguru.merchant.payguru.PayguruConfig;
import io.github.payguru.merchant.payguru.ServiceDirectory;
import io.quarkus.arc.profile.IfBuildProfile;

/**
 * The simulated Payguru platform (MP and PHS) for tests and the local run, and its control surface:
 * every control of the platform (faults, delays, knobs, the clock) is a method of this class; seeding
 * and reading the platform's objects come from {@link PlatformObjects}.
 * <p>
 * State is in memory and {@link #reset()} clears it. The platforms themselves are {@link MpPlatform}
 * and {@link PhsPlatform}, sharing a {@link SimContext} that holds the simulator's one clock
 * ({@link #useClock}); callbacks go out through {@link CallbackSender}; every API request passes the
 * {@link RequestGate}. The HTTP side is in {@link MpApiResource}, {@link CheckoutResource},
 * {@link PhsApiResource} and {@link ControlResource} (the same controls as JSON over HTTP).
 * Operation names (for {@link #failNext}, {@link #delayNext}, {@link #requests}): {@link RequestGate#OPERATIONS}.
 * <p>
 * MP {@code resultCode}s other than {@code 0000} are not documented; the simulator's own are the
 * {@code MP_*} constants (clients should decide on the HTTP status and {@code result}, not on them).
 */
@IfBuildProfile(anyOf = { "dev", "test" })
@ApplicationScoped
public class PayguruSimulator extends PlatformObjects {

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
    private RequestGate gate;
    private MpPlatform mp;
    private PhsPlatform phs;

    @PostConstruct
    void init() {
        ctx = new SimContext(settings, config, services);
        sender = new CallbackSender(settings, ctx::now);
        gate = new RequestGate(ctx::now);
        mp = MpPlatform.create(ctx, sender);
        phs = PhsPlatform.create(ctx, sender);
        reset();
        LOG.infof("payguru simulator: MP /_simulator/mp, checkout /_simulator/cp, PHS /_simulator/phs; callbacks to %s",
                settings.baseUrl());
    }

    @PreDestroy
    void close() {
        sender.close();
    }

    @Override
    MpPlatform mp() {
        return mp;
    }

    @Override
    PhsPlatform phs() {
        return phs;
    }

    RequestGate gate() {
        return gate;
    }

    Instant now() {
        return ctx.now();
    }

    // ---------------------------------------------------------------- control surface

    /** Forgets every object, request, delivery, fault and knob change; back to the configured defaults and the system clock. */
    public void reset() {
        ctx.reset();
        sender.reset();
        gate.reset();
        mp.reset();
        phs.reset();
    }

    /**
     * The next request of {@code operation} is answered with {@code httpStatus} and {@code code}
     * (MP {@code resultCode} / PHS {@code status}) before any check. Calls queue up.
     */
    public void failNext(String operation, int httpStatus, String code) {
        gate.failNext(operation, new SimulatorFault(httpStatus, code));
    }

    /** The next request of {@code operation} waits this long before being answered (to make a client time out). */
    public void delayNext(String operation, Duration delay) {
        gate.delayNext(operation, delay);
    }

    /**
     * The simulator's clock, for everything it dates or times (token expiry, rate limits, object dates,
     * recorded requests and deliveries). {@link #reset()} puts back the system clock.
     */
    public void useClock(Clock c) {
        ctx.clock = c;
    }

    /** false: every MP and PHS API call is refused as from an IP that is not allow-listed (403 / {@code ERR_002}). */
    public void allowIp(boolean allowed) {
        ctx.ipAllowed = allowed;
    }

    /** Every PHS token issued so far becomes invalid ({@code ERR_016}). */
    public void expireTokens() {
        phs.state().expireTokens();
    }

    /** false: the MP rate limits are not enforced (e.g. for end-to-end tests that confirm many callbacks at once). */
    public void setRateLimits(boolean enforced) {
        mp.api().setRateLimits(enforced);
    }

    /** false: {@code transaction/test} is refused ({@code ERR_039}) as on the production platform. */
    public void setPhsSandbox(boolean sandbox) {
        phs.transfers().setSandbox(sandbox);
    }

    /** Delivery knobs: each notification sent {@code duplicates} times, {@code delayMs} before each, batches reversed. */
    public void setDelivery(int duplicates, long delayMs, boolean reorder) {
        sender.knobs(sender.knobs().withDelivery(duplicates, Duration.ofMillis(Math.max(0, delayMs)), reorder));
    }

    /**
     * The next batch only (the callbacks of the next platform event, and what follows from them, e.g. the notify
     * after a TCKN verify): each notification {@code duplicates} times, {@code delayMs} before each, reversed, and
     * with {@code failFirstAttempt} the first attempt of each copy recorded as not delivered (the retry delivers it).
     * Later batches use the knobs of {@link #setDelivery} again.
     */
    public void setNextDelivery(int duplicates, long delayMs, boolean reorder, boolean failFirstAttempt) {
        sender.nextBatch(sender.knobs().withDelivery(duplicates, Duration.ofMillis(Math.max(0, delayMs)), reorder)
                .withFailFirstAttempt(failFirstAttempt));
    }

    /** true: callbacks are delivered inside the request that caused them, before it answers. */
    public void setSynchronous(boolean synchronous) {
        sender.knobs(sender.knobs().withSynchronous(synchronous));
    }

    /** Retry policy: attempts per copy (first included) and the first backoff (doubled each time). */
    public void setRetry(int maxAttempts, Duration backoff) {
        sender.knobs(sender.knobs().withRetry(maxAttempts, backoff));
    }

    /** Waits until every callback under way waits for a retry (none is being sent); false if none does. */
    public boolean awaitRetries(Duration timeout) {
        return sender.awaitRetries(timeout);
    }

    /** Sends every callback retry waiting for its backoff now, to the current address; how many. */
    public int retryNow() {
        return sender.retryNow();
    }

    /** Sends callbacks to another merchant address from now on (e.g. one that is down); reset() restores the configured one. */
    public void setCallbackBaseUrl(String url) {
        sender.baseUrl(url);
    }

    /** PHS notify and TCKN verify as {@code GET} (query) or {@code POST} (JSON body); reset() restores the configured one. */
    public void setPhsCallbackMethod(String method) {
        phs.callbacks().setMethod(method);
    }

    /**
     * What MP callbacks carry besides Payguru's parameters: a {@code token} query parameter and a
     * pass-through query string (null: none); reset() restores the configured ones.
     */
    public void setMpCallbackExtras(String token, String passThroughQuery) {
        mp.callbacks().setExtras(token, passThroughQuery);
    }

    /** The current knobs as a map (for the control API). */
    public Map<String, Object> delivery() {
        Map<String, Object> m = new LinkedHashMap<>(sender.knobsAsMap());
        m.putAll(phs.knobs());
        m.putAll(mp.knobs());
        m.put("ipAllowed", ctx.ipAllowed);
        return m;
    }

    /** Waits until every callback sent so far got its final answer (accepted or given up). */
    public boolean awaitDeliveries(Duration timeout) {
        return sender.awaitIdle(timeout);
    }

    /**
     * Waits until every delay queued by {@link #delayNext} has been taken by its request and no request is inside
     * the simulator (e.g. a delayed answer our client stopped waiting for has been carried out), at most
     * {@code timeout}; true when it is idle.
     */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        return gate.awaitIdle(timeout);
    }

    /** Requests that reached {@code operation}, oldest first. */
    public List<RecordedRequest> requests(String operation) {
        return gate.requests(operation);
    }

    /** Every delivery attempt so far, oldest first. */
    public List<Delivery> deliveries() {
        return sender.deliveries();
    }

    /** Delivery attempts of one kind ({@code phs.notify}, {@code phs.tckn-verify}, {@code mp.billing}, {@code mp.subscription}). */
    public List<Delivery> deliveries(String kind) {
        return sender.deliveries().stream().filter(d -> d.kind().equals(kind)).toList();
    }
}
