package io.github.payguru.merchant.mp.api;

import java.util.Map;

import io.github.payguru.merchant.payguru.PayguruHttp;

/**
 * Payguru MP API (documented base {@code http://api.trend-tech.net/MicroPayment}): transaction and
 * subscription services and customer support. No credentials in the request: Payguru allow-lists
 * the merchant's IP (HTTP 403 otherwise). Raw {@link PayguruHttp.Answer}s: {@code PayguruOutcome} classifies them.
 * The refund and the cancel move money: they are written at most once ({@link PayguruHttp#getAtMostOnce}).
 */
public final class MpApi {

    private final PayguruHttp http;
    private final String base;

    public MpApi(PayguruHttp http, String base) {
        this.http = http;
        this.base = base;
    }

    public PayguruHttp.Answer transactionDetail(String merchantId, String serviceId, String transactionId) {
        return get("transaction/detail", merchantId, serviceId, transactionId);
    }

    public PayguruHttp.Answer transactionRefund(String merchantId, String serviceId, String transactionId) {
        return http.getAtMostOnce(base, path("transaction/refund", merchantId, serviceId, transactionId), Map.of());
    }

    public PayguruHttp.Answer subscriptionDetail(String merchantId, String serviceId, String subscriptionId) {
        return get("subscription/detail", merchantId, serviceId, subscriptionId);
    }

    public PayguruHttp.Answer subscriptionCancel(String merchantId, String serviceId, String subscriptionId) {
        return http.getAtMostOnce(base, path("subscription/cancel", merchantId, serviceId, subscriptionId), Map.of());
    }

    public PayguruHttp.Answer transactionsSearch(String jsonBody) {
        return http.post(base, "transactions/search", Map.of(), PayguruHttp.JSON, jsonBody);
    }

    public PayguruHttp.Answer subscriptionsSearch(String jsonBody) {
        return http.post(base, "subscriptions/search", Map.of(), PayguruHttp.JSON, jsonBody);
    }

    public PayguruHttp.Answer messagesSearch(String jsonBody) {
        return http.post(base, "messages/search", Map.of(), PayguruHttp.JSON, jsonBody);
    }

    private PayguruHttp.Answer get(String path, String merchantId, String serviceId, String id) {
        return http.get(base, path(path, merchantId, serviceId, id), Map.of());
    }

    private static String path(String path, String merchantId, String serviceId, String id) {
        return path + "/" + PayguruHttp.encode(merchantId) + "/" + PayguruHttp.encode(serviceId) + "/"
                + PayguruHttp.encode(id);
    }
}
