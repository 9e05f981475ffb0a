package io.github.payguru.merchant.http;

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
            new Route("GET", "/payguru/mp/refcode", "mp-refcode-check"));

    private Routes() {
    }
}
