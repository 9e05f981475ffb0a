package io.github.payguru.merchant.mp.api;

import io.github.payguru.merchant.payguru.PayguruOutcome;

/**
 * The MP calls the use cases make, typed ({@link PayguruOutcome}), for a service and an id. The refund and the
 * cancel move money: an implementation sends each at most once and never repeats it on its own; a failure
 * without answer is {@link PayguruOutcome.Kind#UNREACHABLE} only when nothing was sent. {@link HttpMpGateway}
 * calls Payguru; tests inject their own to put faults between the use cases and the wire.
 */
public interface MpGateway {

    /** Operation names: rate limits, logs and metrics. */
    String TRANSACTION_GET = "mp-transaction-get";
    String TRANSACTION_REFUND = "mp-transaction-refund";
    String SUBSCRIPTION_GET = "mp-subscription-get";
    String SUBSCRIPTION_CANCEL = "mp-subscription-cancel";

    /** {@code transaction/detail}: a read, may be repeated. */
    PayguruOutcome transactionDetail(String serviceId, String transactionId);

    /** {@code transaction/refund}: money, at most once. */
    PayguruOutcome transactionRefund(String serviceId, String transactionId);

    /** {@code subscription/detail}: a read, may be repeated. */
    PayguruOutcome subscriptionDetail(String serviceId, String subscriptionId);

    /** {@code subscription/cancel}: money, at most once. */
    PayguruOutcome subscriptionCancel(String serviceId, String subscriptionId);
}
