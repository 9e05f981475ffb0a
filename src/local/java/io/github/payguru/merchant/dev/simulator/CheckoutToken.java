package io.github.payguru.merchant.dev.simulator;

import java.time.Instant;

/**
 * A payment page session created by {@code POST /token}: the merchant's request, kept until the
 * customer finishes (or abandons) the page.
 */
public final class CheckoutToken {

    public final String token;
    public final String merchantId;
    public final String serviceId;
    public final String referenceCode;
    public final String item;
    public final String price;
    public final String successUrl;
    public final String failureUrl;
    public final boolean hasTrialPeriod;
    public final int trialPeriodDay;
    public final Instant createdAt;
    public boolean used;

    public CheckoutToken(String token, String merchantId, String serviceId, String referenceCode, String item,
            String price, String successUrl, String failureUrl, boolean hasTrialPeriod, int trialPeriodDay,
            Instant createdAt) {
        this.token = token;
        this.merchantId = merchantId;
        this.serviceId = serviceId;
        this.referenceCode = referenceCode;
        this.item = item;
        this.price = price;
        this.successUrl = successUrl;
        this.failureUrl = failureUrl;
        this.hasTrialPeriod = hasTrialPeriod;
        this.trialPeriodDay = trialPeriodDay;
        this.createdAt = createdAt;
    }
}
