package io.github.payguru.merchant.payguru;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Where and how the functions call Payguru. Base URLs are configuration (production, sandbox or the
 * local simulator), never hard-coded in the clients. Defaults are the documented production hosts.
 */
@ConfigMapping(prefix = "payguru.api")
public interface PayguruApiConfig {

    /** MP API base, documented {@code http://api.trend-tech.net/MicroPayment}. */
    @WithDefault("http://api.trend-tech.net/MicroPayment")
    String mpBaseUrl();

    /** MP checkout (payment page) base, documented {@code https://cp.payguru.com}; also hosts the PHS yonlendir page. */
    @WithDefault("https://cp.payguru.com")
    String checkoutBaseUrl();

    /** PHS API base, documented {@code https://api.payguru.com/phs}. */
    @WithDefault("https://api.payguru.com/phs")
    String phsBaseUrl();

    /** PHS sandbox base ({@code https://sandbox.payguru.com/phs}); phs-test-transaction is refused unless set. */
    Optional<String> phsSandboxBaseUrl();

    /**
     * The server IP Payguru allow-listed for this merchant: part of the PHS getToken key
     * {@code md5(merchantId + serverIp + merchantKey)}. No default: PHS calls fail with a clear config error.
     */
    Optional<String> phsServerIp();

    /** The merchant key of the getToken formula; defaults to {@code payguru.merchant-private-key}. */
    Optional<String> phsTokenKey();

    /** How long a PHS token is reused (its lifetime is not documented); it is renewed earlier on ERR_015/ERR_016. */
    @WithDefault("PT10M")
    Duration phsTokenTtl();

    /** Connect timeout of every Payguru call (a money call: name lookup, TCP and TLS together). */
    @WithDefault("PT2S")
    Duration connectTimeout();

    /**
     * Read timeout of every Payguru call: per read for queries, a deadline for the whole answer of a money call
     * (refund, cancel). It sets the refund/cancel lock's lifetime ({@link MoneyCallBudget}), which the function
     * timeout must cover.
     */
    @WithDefault("PT5S")
    Duration readTimeout();

    /**
     * Added to the worst case of a money call to make the refund/cancel lock's lifetime ({@link MoneyCallBudget}):
     * clock differences between the hosts that compare a lock's age, and pauses.
     */
    @WithDefault("PT2S")
    Duration moneyCallMargin();

    /**
     * Attempts of a read-only call (query, search) on a timeout, a connection failure or a 5xx; a 429 or any
     * other answer is not retried, and writes are never retried blindly.
     */
    @WithDefault("2")
    int readAttempts();

    /** First backoff between read attempts (doubles each time, with jitter). */
    @WithDefault("PT0.2S")
    Duration retryBackoff();

    /** Zone of the per-day rate-limit windows (Payguru's day is assumed to be Turkish time). */
    @WithDefault("Europe/Istanbul")
    ZoneId rateLimitZone();

    /** Rate limits by operation handler name (e.g. {@code mp-transaction-refund}); operations not listed are not limited. */
    Map<String, RateLimit> rateLimits();

    interface RateLimit {
        /** Calls per second, 0 = no per-second limit. */
        @WithDefault("0")
        int perSecond();

        /** Calls per day, 0 = no per-day limit. */
        @WithDefault("0")
        int perDay();
    }
}
