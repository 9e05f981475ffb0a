package io.github.payguru.merchant.lambda;

import java.util.List;

/**
 * Every HTTP route and the handler behind it: the same list as the HttpApi events of
 * {@code infra/template.yaml} ({@code TemplateTest} checks both ways). The local gateway serves
 * exactly these on localhost.
 */
public final class Routes {

    /**
     * @param method HTTP method
     * @param path route path
     * @param handler the {@code @Named} handler, also the {@code QUARKUS_LAMBDA_HANDLER} value
     */
    public record Route(String method, String path, String handler) {
    }

    public static final List<Route> ALL = List.of(
            new Route("GET", "/payguru/phs/notify", "phs-notify"),
            new Route("POST", "/payguru/phs/notify", "phs-notify"),
            new Route("GET", "/payguru/phs/tckn-verify", "tckn-verify"),
            new Route("POST", "/payguru/phs/tckn-verify", "tckn-verify"),
            new Route("GET", "/payguru/mp/billing", "mp-billing-notification"),
            new Route("GET", "/payguru/mp/subscription", "mp-subscription-notification"),
            new Route("GET", "/payguru/mp/credentials", "mp-credential-service"),
            new Route("GET", "/payguru/mp/refcode", "mp-refcode-check"),
            // operations: JSON in, JSON out; IAM-authorized (SigV4) in AWS, open on the local run
            new Route("POST", "/ops/mp/payment-page", "mp-payment-page"),
            new Route("POST", "/ops/mp/transaction-get", "mp-transaction-get"),
            new Route("POST", "/ops/mp/transaction-refund", "mp-transaction-refund"),
            new Route("POST", "/ops/mp/subscription-get", "mp-subscription-get"),
            new Route("POST", "/ops/mp/subscription-cancel", "mp-subscription-cancel"),
            new Route("POST", "/ops/mp/transaction-search", "mp-transaction-search"),
            new Route("POST", "/ops/mp/subscription-search", "mp-subscription-search"),
            new Route("POST", "/ops/mp/message-search", "mp-message-search"),
            new Route("POST", "/ops/mp/refcode-create", "mp-refcode-create"),
            new Route("POST", "/ops/phs/payment-notification-create", "phs-payment-notification-create"),
            new Route("POST", "/ops/phs/payment-notification-get", "phs-payment-notification-get"),
            new Route("POST", "/ops/phs/transaction-get", "phs-transaction-get"),
            new Route("POST", "/ops/phs/refund-get", "phs-refund-get"),
            new Route("POST", "/ops/phs/order-lookup", "phs-order-lookup"),
            new Route("POST", "/ops/phs/test-transaction", "phs-test-transaction"),
            new Route("POST", "/ops/merchant/order-get", "merchant-order-get"));

    private Routes() {
    }
}
