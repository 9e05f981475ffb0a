package io.github.payguru.merchant.dev.simulator;

/**
 * What a PHS payment notification and a PHS transaction have in common: the merchant's service,
 * Payguru's bank account the money goes to, Payguru's order code, the merchant's order and the amount.
 */
public abstract sealed class PhsPayment permits PhsPaymentNotification, PhsTransaction {

    public final String merchantId;
    public final String serviceCode;
    public final String serviceName;
    public final PhsBank bank;
    /** Payguru's order code (the payment notification code or order reference). */
    public final String code;
    public final String order;
    /** Amount exactly as the merchant sent it (hashed as such in the notify key). */
    public final String amount;

    PhsPayment(String merchantId, String serviceCode, String serviceName, PhsBank bank, String code, String order,
            String amount) {
        this.merchantId = merchantId;
        this.serviceCode = serviceCode;
        this.serviceName = serviceName;
        this.bank = bank;
        this.code = code;
        this.order = order;
        this.amount = amount;
    }
}
