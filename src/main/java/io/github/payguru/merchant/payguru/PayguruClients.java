package io.github.payguru.merchant.payguru;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;

/**
 * Builds the REST clients with base URLs from {@link PayguruApiConfig} (production, sandbox or the local
 * simulator) and the configured connect/read timeouts. Non-2xx answers come back as responses (the
 * default exception mapper is off): {@link PayguruOutcome} types every status.
 */
@ApplicationScoped
public class PayguruClients {

    private final PayguruApiConfig config;
    private final Map<String, Object> built = new ConcurrentHashMap<>();

    @Inject
    public PayguruClients(PayguruApiConfig config) {
        this.config = config;
    }

    /** The REST client of {@code type} for {@code baseUrl}, built once. */
    public <T> T client(Class<T> type, String baseUrl) {
        return type.cast(built.computeIfAbsent(type.getName() + " " + baseUrl, k -> QuarkusRestClientBuilder.newBuilder()
                .baseUri(URI.create(baseUrl))
                .connectTimeout(config.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(config.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .disableDefaultMapper(true)
                .followRedirects(false)
                .build(type)));
    }
}
