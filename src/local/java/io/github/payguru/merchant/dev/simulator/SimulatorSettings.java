package io.github.payguru.merchant.dev.simulator;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.ConfigProvider;

import io.quarkus.arc.profile.IfBuildProfile;

/**
 * The simulator's settings in one place: {@link SimulatorConfig} ({@code payguru.simulator.*}) plus the
 * PHS token inputs {@code payguru.api.phs-server-ip} (default {@code 127.0.0.1}) and
 * {@code payguru.api.phs-token-key} (default: {@code payguru.merchant-private-key}), read without a
 * mapping class because the {@code payguru.api} mapping belongs to the Payguru calls. A {@code @Singleton}
 * (no client proxy) because its fields are read directly.
 */
@IfBuildProfile(anyOf = { "dev", "test" })
@Singleton
public class SimulatorSettings {

    final String callbackBaseUrl;
    final String publicBaseUrl;
    final boolean phsSandbox;
    final Duration phsTokenTtl;
    final Duration checkoutTokenTtl;
    final String phsServerIp;
    final Optional<String> phsTokenKey;
    final Optional<String> merchantPrivateKey;
    final String phsCallbackMethod;
    final boolean phsTcknCheck;
    final Optional<String> mpCallbackToken;
    final Optional<String> mpCallbackQuery;
    final boolean mpCallbackMsisdn;
    final List<String> subscriptionServices;
    final String subscriptionPeriod;
    final boolean mpTextDates;
    final boolean refundCompletes;
    final boolean rateLimits;
    final int duplicates;
    final Duration delay;
    final boolean reorder;
    final boolean synchronous;
    final int maxAttempts;
    final Duration backoff;
    final Duration timeout;

    @Inject
    public SimulatorSettings(SimulatorConfig c) {
        var config = ConfigProvider.getConfig();
        callbackBaseUrl = c.callbackBaseUrl();
        publicBaseUrl = c.publicBaseUrl();
        phsSandbox = c.phsSandbox();
        phsTokenTtl = c.phsTokenTtl();
        checkoutTokenTtl = c.checkoutTokenTtl();
        phsServerIp = config.getOptionalValue("payguru.api.phs-server-ip", String.class).orElse("127.0.0.1");
        phsTokenKey = config.getOptionalValue("payguru.api.phs-token-key", String.class);
        merchantPrivateKey = config.getOptionalValue("payguru.merchant-private-key", String.class);
        phsCallbackMethod = c.phsCallbackMethod();
        phsTcknCheck = c.phsTcknCheck();
        mpCallbackToken = c.mpCallbackToken();
        mpCallbackQuery = c.mpCallbackQuery();
        mpCallbackMsisdn = c.mpCallbackMsisdn();
        subscriptionServices = c.subscriptionServices().orElse(List.of());
        subscriptionPeriod = c.subscriptionPeriod();
        mpTextDates = c.mpTextDates();
        refundCompletes = c.refundCompletes();
        rateLimits = c.rateLimits();
        duplicates = c.delivery().duplicates();
        delay = c.delivery().delay();
        reorder = c.delivery().reorder();
        synchronous = c.delivery().synchronous();
        maxAttempts = c.delivery().maxAttempts();
        backoff = c.delivery().backoff();
        timeout = c.delivery().timeout();
    }

    String baseUrl() {
        return strip(callbackBaseUrl);
    }

    String publicUrl() {
        return strip(publicBaseUrl);
    }

    private static String strip(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
