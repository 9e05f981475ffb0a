package io.github.payguru.merchant.mp.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.github.payguru.merchant.payguru.PayguruApiConfig;
import io.github.payguru.merchant.payguru.PayguruCalls;
import io.github.payguru.merchant.payguru.PayguruHttp;
import io.github.payguru.merchant.payguru.PayguruOutcome;
import io.github.payguru.merchant.payguru.ServiceDirectory;

/**
 * {@link MpGateway} over HTTP ({@link MpApi} at {@code payguru.api.mp-base-url}): reads through {@link PayguruCalls}
 * in {@link PayguruCalls.Mode#READ}, the refund and cancel in {@link PayguruCalls.Mode#MONEY} (one attempt, written
 * at most once on a socket of its own).
 */
@ApplicationScoped
public class HttpMpGateway implements MpGateway {

    private final String merchantId;
    private final MpApi api;
    private final PayguruCalls calls;

    @Inject
    public HttpMpGateway(ServiceDirectory services, PayguruHttp http, PayguruCalls calls, PayguruApiConfig api) {
        this(services.merchantId(), new MpApi(http, api.mpBaseUrl()), calls);
    }

    /** A gateway to another base (tests: a stand-in on loopback). */
    public HttpMpGateway(String merchantId, MpApi api, PayguruCalls calls) {
        this.merchantId = merchantId;
        this.api = api;
        this.calls = calls;
    }

    @Override
    public PayguruOutcome transactionDetail(String serviceId, String transactionId) {
        return calls.call(TRANSACTION_GET, PayguruCalls.Mode.READ, PayguruOutcome::mp,
                () -> api.transactionDetail(merchantId, serviceId, transactionId));
    }

    @Override
    public PayguruOutcome transactionRefund(String serviceId, String transactionId) {
        return calls.call(TRANSACTION_REFUND, PayguruCalls.Mode.MONEY, PayguruOutcome::mp,
                () -> api.transactionRefund(merchantId, serviceId, transactionId));
    }

    @Override
    public PayguruOutcome subscriptionDetail(String serviceId, String subscriptionId) {
        return calls.call(SUBSCRIPTION_GET, PayguruCalls.Mode.READ, PayguruOutcome::mp,
                () -> api.subscriptionDetail(merchantId, serviceId, subscriptionId));
    }

    @Override
    public PayguruOutcome subscriptionCancel(String serviceId, String subscriptionId) {
        return calls.call(SUBSCRIPTION_CANCEL, PayguruCalls.Mode.MONEY, PayguruOutcome::mp,
                () -> api.subscriptionCancel(merchantId, serviceId, subscriptionId));
    }
}
