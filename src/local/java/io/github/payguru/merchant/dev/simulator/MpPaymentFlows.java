package io.github.payguru.merchant.dev.simulator;

import static io.github.payguru.merchant.dev.simulator.PayguruSimulator.MP_BAD_REQUEST;
import static io.github.payguru.merchant.dev.simulator.PayguruSimulator.MP_INVALID_KEY;
import static io.github.payguru.merchant.dev.simulator.PayguruSimulator.MP_NOT_FOUND;
import static io.github.payguru.merchant.dev.simulator.PayguruSimulator.MP_TOKEN_GONE;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.github.payguru.merchant.kernel.Amount;
import io.github.payguru.merchant.payguru.MpCheckoutKeyInput;
import io.github.payguru.merchant.payguru.PayguruKeys;
import io.github.payguru.merchant.payguru.ServiceDirectory.NamedService;

/**
 * What the simulated MP platform does when a customer pays: the payment page ({@code POST /token},
 * then the customer finishing it) and the SMS purchase on 3544. Each charge makes the transaction
 * (and on a subscription service the cycle), exchanges the SMS with the customer and sends the
 * notifications. State changes under {@link SimContext#lock}; callbacks are submitted after it is
 * released.
 */
final class MpPaymentFlows {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final List<String> TOKEN_FIELDS = List.of("merchantId", "serviceId", "referenceCode", "item",
            "price", "successUrl", "failureUrl", "key");

    private final SimContext ctx;
    private final MpState state;
    private final MpApiFlows api;
    private final MpCallbacks callbacks;
    private final CallbackSender sender;

    MpPaymentFlows(SimContext ctx, MpState state, MpApiFlows api, MpCallbacks callbacks, CallbackSender sender) {
        this.ctx = ctx;
        this.state = state;
        this.api = api;
        this.callbacks = callbacks;
        this.sender = sender;
    }

    /** {@code POST /token}: checks the request and its md5 key, opens a payment page session. */
    CheckoutToken createCheckoutToken(Map<String, String> p) {
        for (String f : TOKEN_FIELDS) {
            if (p.get(f) == null || p.get(f).isEmpty()) {
                throw new SimulatorError(400, MP_BAD_REQUEST, "missing field: " + f);
            }
        }
        String merchantId = p.get("merchantId");
        String serviceId = p.get("serviceId");
        NamedService svc = api.ownService(merchantId, serviceId, "");
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
        byte[] random = new byte[16];
        RANDOM.nextBytes(random);
        CheckoutToken t = new CheckoutToken(HexFormat.of().formatHex(random), merchantId, serviceId,
                p.get("referenceCode"), p.get("item"), p.get("price"), p.get("successUrl"), p.get("failureUrl"), trial,
                trialDays, ctx.now());
        state.addCheckoutToken(t);
        return t;
    }

    /** Where {@code POST /token} sends the customer: the simulator's payment page. */
    String redirectUrl(CheckoutToken t) {
        return ctx.settings.publicUrl() + "/_simulator/cp/pay/" + t.token;
    }

    /**
     * The customer finishes the payment page: {@code paid}, {@code failed} (did not confirm: 9),
     * {@code expired} (5) or {@code declined} (operator charging error: 4). Creates the transaction
     * (and the subscription for a subscription service or a trial), sends the notifications and
     * answers where to send the customer.
     */
    String finishCheckout(String token, String result, String msisdn, int operator) {
        List<Callback> batch = new ArrayList<>();
        CheckoutToken t = state.checkoutToken(token)
                .orElseThrow(() -> new SimulatorError(404, MP_NOT_FOUND, "unknown payment page"));
        int finalStatus = switch (result) {
            case "paid" -> 3;
            case "failed" -> 9;
            case "expired" -> 5;
            case "declined" -> 4;
            default -> throw new SimulatorError(400, MP_BAD_REQUEST, "result must be paid, failed, expired or declined");
        };
        synchronized (ctx.lock) {
            if (t.used || t.createdAt.plus(ctx.settings.checkoutTokenTtl).isBefore(ctx.now())) {
                throw new SimulatorError(410, MP_TOKEN_GONE, "this payment page was already used or has expired");
            }
            t.used = true;
            boolean subscription = t.hasTrialPeriod || state.isSubscriptionService(t.serviceId);
            if (subscription && t.hasTrialPeriod && finalStatus == 3) {
                // a trial starts the subscription without a charge; the first charge is the renewal after the trial
                MpSubscription s = state.newSubscription(t.serviceId, null, true, t.trialPeriodDay);
                s.subscriptionFee = t.price;
                s.referenceCode = t.referenceCode;
                s.msisdn = msisdn;
                s.operator = operator;
                s.status = "active";
                batch.add(callbacks.subscription(s, ctx.nextId()));
                state.message(t.serviceId, msisdn, operator, "MT",
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
    MpTransaction smsPurchase(String service, String price, String keyword, String referenceCode, String msisdn,
            boolean confirmed) {
        NamedService svc = state.controlService(service);
        Amount.parse(price);
        if (keyword == null || keyword.isBlank()) {
            throw new IllegalArgumentException("missing keyword");
        }
        String phone = msisdn == null || msisdn.isBlank() ? MpState.DEFAULT_MSISDN : msisdn;
        List<Callback> batch = new ArrayList<>();
        MpTransaction tx;
        synchronized (ctx.lock) {
            state.message(svc.payguruId(), phone, 1, "MO", keyword + (referenceCode == null ? "" : " " + referenceCode),
                    null, null);
            tx = charge(svc.payguruId(), price, keyword, referenceCode, phone, 1, confirmed ? 3 : 9,
                    state.isSubscriptionService(svc.payguruId()),
                    keyword + " icin " + price + " TL odemeyi onaylamak icin EVET yazip 3544'e gonderin.",
                    confirmed ? "EVET" : null, batch);
        }
        sender.submit(batch);
        return tx;
    }

    /**
     * One charge as the payment page or an SMS flow makes it: the transaction (1, then its final
     * status), on a paid subscription service the subscription, their notifications added to
     * {@code batch}, and the SMS exchanged with the customer. Call under the lock.
     */
    private MpTransaction charge(String serviceId, String price, String item, String referenceCode, String msisdn,
            int operator, int finalStatus, boolean subscription, String confirmRequest, String customerReply,
            List<Callback> batch) {
        MpTransaction tx = state.newTransaction(serviceId, price, item, referenceCode, msisdn, operator);
        tx.billingType = subscription ? "subscription" : "onetime";
        tx.status = 1;
        batch.add(callbacks.billing(tx));
        state.message(serviceId, msisdn, operator, "MT", confirmRequest, tx.id, null);
        if (customerReply != null) {
            state.message(serviceId, msisdn, operator, "MO", customerReply, tx.id, null);
        }
        if (finalStatus == 4) {
            tx.chargeRefused();
        } else {
            tx.status = finalStatus;
        }
        MpSubscription s = null;
        if (finalStatus == 3 && subscription) {
            s = state.newSubscription(serviceId, tx, false, 0);
            s.status = "active";
        }
        batch.add(callbacks.billing(tx));
        if (s != null) {
            batch.add(callbacks.subscription(s, tx.id));
        }
        if (finalStatus == 3) {
            state.message(serviceId, msisdn, operator, "MT", item + " icin " + price + " TL faturaniza yansitilacaktir.",
                    tx.id, tx.subscriptionId);
        }
        return tx;
    }
}
