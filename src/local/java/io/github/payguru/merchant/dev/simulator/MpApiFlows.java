package io.github.payguru.merchant.dev.simulator;

import static io.github.payguru.merchant.dev.simulator.PayguruSimulator.MP_IP_NOT_ALLOWED;
import static io.github.payguru.merchant.dev.simulator.PayguruSimulator.MP_RATE_LIMITED;
import static io.github.payguru.merchant.dev.simulator.PayguruSimulator.MP_UNKNOWN_MERCHANT_OR_SERVICE;
import static io.github.payguru.merchant.dev.simulator.PayguruSimulator.MP_WRONG_STATE;

import java.util.ArrayList;
import java.util.List;

import io.github.payguru.merchant.payguru.ServiceDirectory.NamedService;

/**
 * What the simulated MP platform does on an MP API call and on its own in a subscription's life: the
 * API's checks (IP, merchant and service, rate limits), a refund, a cancel, a renewal charge and a held
 * refund completing. State changes under {@link SimContext#lock}; the callbacks of each event are
 * submitted after it is released.
 */
final class MpApiFlows {

    private final SimContext ctx;
    private final MpState state;
    private final MpCallbacks callbacks;
    private final CallbackSender sender;
    private final MpRateLimiter limiter = new MpRateLimiter();
    private volatile boolean rateLimits = true;

    MpApiFlows(SimContext ctx, MpState state, MpCallbacks callbacks, CallbackSender sender) {
        this.ctx = ctx;
        this.state = state;
        this.callbacks = callbacks;
        this.sender = sender;
    }

    /** Forgets the requests counted; the rate limits knob back to its configured value. */
    void reset() {
        limiter.reset();
        rateLimits = ctx.settings.rateLimits;
    }

    /** false: the MP rate limits are not enforced. */
    void setRateLimits(boolean enforced) {
        rateLimits = enforced;
    }

    boolean rateLimits() {
        return rateLimits;
    }

    /** The MP API's checks, in Payguru's likely order: source IP, merchant and service, rate limit. */
    NamedService check(String operation, String merchantId, String serviceId) {
        if (!ctx.ipAllowed) {
            throw new SimulatorError(403, MP_IP_NOT_ALLOWED, "IP not allowed");
        }
        NamedService svc = ownService(merchantId, serviceId, " for merchant " + merchantId);
        if (rateLimits) {
            String broken = limiter.admit(operation, ctx.now());
            if (broken != null) {
                throw new SimulatorError(429, MP_RATE_LIMITED, "Too Many Requests: " + broken);
            }
        }
        return svc;
    }

    /**
     * The configured merchant's service {@code serviceId} (by its Payguru id), else 403; {@code more}
     * ends the message about an unknown service.
     */
    NamedService ownService(String merchantId, String serviceId, String more) {
        if (merchantId == null || !merchantId.equals(ctx.config.merchantId())) {
            throw new SimulatorError(403, MP_UNKNOWN_MERCHANT_OR_SERVICE, "unknown merchant " + merchantId);
        }
        return state.service(serviceId).filter(s -> s.payguruId().equals(serviceId))
                .orElseThrow(() -> new SimulatorError(403, MP_UNKNOWN_MERCHANT_OR_SERVICE,
                        "unknown service " + serviceId + more));
    }

    /** Refund: 3 -> 7 (billing notification 7), then 7 -> 6 (billing notification 6) unless held. */
    MpTransaction refund(NamedService svc, String id) {
        List<Callback> batch = new ArrayList<>();
        MpTransaction tx;
        synchronized (ctx.lock) {
            tx = state.transactionOf(svc, id);
            if (tx.status != 3) {
                throw new SimulatorError(409, MP_WRONG_STATE,
                        "transaction " + id + " has status " + tx.status + ": only a paid (3) transaction is refunded");
            }
            tx.status = 7;
            tx.modifiedDate = ctx.now();
            batch.add(callbacks.billing(tx));
            if (ctx.settings.refundCompletes) {
                tx.status = 6;
                batch.add(callbacks.billing(tx));
            }
        }
        sender.submit(batch);
        return tx;
    }

    /** Finishes a refund held at 7 ({@code payguru.simulator.refund-completes=false}): 7 -> 6 and its notification. */
    MpTransaction completeRefund(String id) {
        MpTransaction tx;
        Callback cb;
        synchronized (ctx.lock) {
            tx = state.transaction(id).filter(t -> t.status == 7).orElseThrow(
                    () -> new SimulatorError(409, MP_WRONG_STATE, "no refund in progress for transaction " + id));
            tx.status = 6;
            tx.modifiedDate = ctx.now();
            cb = callbacks.billing(tx);
        }
        sender.submit(List.of(cb));
        return tx;
    }

    /** Cancel: the cycle ends ({@code cancelled}), a subscription notification is sent. */
    MpSubscription cancel(NamedService svc, String id) {
        MpSubscription s;
        Callback cb;
        synchronized (ctx.lock) {
            s = state.subscriptionOf(svc, id);
            if ("cancelled".equals(s.status)) {
                throw new SimulatorError(409, MP_WRONG_STATE, "subscription " + id + " is already cancelled");
            }
            s.status = "cancelled";
            s.cancellationDate = ctx.now();
            s.cancellationSource = "merchant";
            s.modifiedDate = s.cancellationDate;
            s.renewalDate = null;
            cb = callbacks.subscription(s, ctx.nextId());
        }
        sender.submit(List.of(cb));
        return s;
    }

    /**
     * A renewal charge of a subscription (what Payguru does each period): a new transaction with the
     * subscription's id, billing notifications 1 then 3 (paid) or 4 (charge failed), and the subscription
     * notification {@code active} or {@code retry}.
     */
    MpTransaction renewSubscription(String subscriptionId, boolean paid) {
        List<Callback> batch = new ArrayList<>();
        MpTransaction tx;
        synchronized (ctx.lock) {
            MpSubscription s = state.subscription(subscriptionId).filter(x -> !"cancelled".equals(x.status))
                    .orElseThrow(() -> new SimulatorError(409, MP_WRONG_STATE, "no live subscription " + subscriptionId));
            tx = state.newTransaction(s.service, s.subscriptionFee, "renewal", s.referenceCode, s.msisdn, s.operator);
            tx.subscriptionId = s.id;
            tx.billingType = "renewal";
            tx.status = 1;
            batch.add(callbacks.billing(tx));
            if (paid) {
                tx.status = 3;
                s.status = "active";
                s.lastSuccessfulTransaction = tx.id;
                s.renewalDate = MpState.next(s.renewalDate == null ? ctx.now() : s.renewalDate, s.period);
            } else {
                tx.chargeRefused();
                s.status = "retry";
            }
            s.lastTransaction = tx.id;
            s.modifiedDate = ctx.now();
            batch.add(callbacks.billing(tx));
            batch.add(callbacks.subscription(s, tx.id));
        }
        sender.submit(batch);
        return tx;
    }
}
