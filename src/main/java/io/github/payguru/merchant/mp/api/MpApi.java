package io.github.payguru.merchant.mp.api;

import static io.github.payguru.merchant.payguru.PayguruClients.segment;

import java.util.Map;

import io.github.payguru.merchant.payguru.PayguruClients;
import io.github.payguru.merchant.payguru.PayguruClients.Answer;

/**
 * Payguru MP API (documented base {@code http://api.trend-tech.net/MicroPayment}): transaction and
 * subscription services and customer support. No credentials in the request: Payguru allow-lists
 * the merchant's IP (HTTP 403 otherwise). Raw {@link Answer}s: {@code PayguruOutcome} classifies them.
 */
public final class MpApi {

    private final PayguruClients.Target target;

    public MpApi(PayguruClients.Target target) {
        this.target = target;
    }

    public Answer transactionDetail(String merchantId, String serviceId, String transactionId) {
        return get("transaction/detail", merchantId, serviceId, transactionId);
    }

    public Answer transactionRefund(String merchantId, String serviceId, String transactionId) {
        return get("transaction/refund", merchantId, serviceId, transactionId);
    }

    public Answer subscriptionDetail(String merchantId, String serviceId, String subscriptionId) {
        return get("subscription/detail", merchantId, serviceId, subscriptionId);
    }

    public Answer subscriptionCancel(String merchantId, String serviceId, String subscriptionId) {
        return get("subscription/cancel", merchantId, serviceId, subscriptionId);
    }

    public Answer transactionsSearch(String jsonBody) {
        return target.postJson("transactions/search", jsonBody, Map.of());
    }

    public Answer subscriptionsSearch(String jsonBody) {
        return target.postJson("subscriptions/search", jsonBody, Map.of());
    }

    public Answer messagesSearch(String jsonBody) {
        return target.postJson("messages/search", jsonBody, Map.of());
    }

    private Answer get(String path, String merchantId, String serviceId, String id) {
        return target.get(path + "/" + segment(merchantId) + "/" + segment(serviceId) + "/" + segment(id), Map.of(),
                Map.of());
    }
}
