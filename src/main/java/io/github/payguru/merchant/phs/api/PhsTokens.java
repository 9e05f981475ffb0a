package io.github.payguru.merchant.phs.api;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.github.payguru.merchant.payguru.OperationException;
import io.github.payguru.merchant.payguru.PayguruApiConfig;
import io.github.payguru.merchant.payguru.PayguruCalls;
import io.github.payguru.merchant.payguru.PayguruConfig;
import io.github.payguru.merchant.payguru.PayguruFailure;
import io.github.payguru.merchant.payguru.PayguruHttp;
import io.github.payguru.merchant.payguru.PayguruKeys;
import io.github.payguru.merchant.payguru.PayguruOutcome;
import io.github.payguru.merchant.payguru.PhsTokenKeyInput;

/**
 * PHS tokens: {@code getToken?merchant=…&key=md5(merchantId + serverIp + merchantKey)}, cached per base
 * URL (production and sandbox have their own) until {@code payguru.api.phs-token-ttl} — the real lifetime
 * is not documented — and dropped earlier when Payguru answers ERR_015/ERR_016. The token is a secret:
 * never logged.
 */
@ApplicationScoped
public class PhsTokens {

    private static final Logger LOG = Logger.getLogger(PhsTokens.class);

    private record Cached(String token, Instant expires) {
    }

    private final PayguruApiConfig api;
    private final PayguruConfig config;
    private final PayguruHttp http;
    private final PayguruCalls calls;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();
    private final Clock clock;

    @Inject
    public PhsTokens(PayguruApiConfig api, PayguruConfig config, PayguruHttp http, PayguruCalls calls,
            Clock clock) {
        this.clock = clock;
        this.api = api;
        this.config = config;
        this.http = http;
        this.calls = calls;
    }

    /** A valid token for {@code baseUrl}: the cached one, or a new one from getToken. */
    public String token(String baseUrl) {
        Cached c = cache.get(baseUrl);
        if (c != null && clock.instant().isBefore(c.expires())) {
            return c.token();
        }
        synchronized (this) {
            c = cache.get(baseUrl);
            if (c != null && clock.instant().isBefore(c.expires())) {
                return c.token();
            }
            String token = fetch(baseUrl);
            cache.put(baseUrl, new Cached(token, clock.instant().plus(api.phsTokenTtl())));
            return token;
        }
    }

    /** Drops {@code token} if it is still the cached one (Payguru said it is empty or invalid). */
    public void invalidate(String baseUrl, String token) {
        cache.computeIfPresent(baseUrl, (k, c) -> c.token().equals(token) ? null : c);
    }

    /** Drops every cached token. */
    public void clear() {
        cache.clear();
    }

    /** The getToken key: md5(merchantId + serverIp + merchantKey). */
    public String tokenKey() {
        String ip = api.phsServerIp().orElseThrow(() -> new OperationException(500, "CONFIG",
                "payguru.api.phs-server-ip is not configured (the allow-listed server IP of the PHS getToken key)",
                OperationException.CONFIG, null));
        String key = api.phsTokenKey().or(config::merchantPrivateKey).orElseThrow(() -> new OperationException(500,
                "CONFIG", "payguru.api.phs-token-key or payguru.merchant-private-key must be configured for PHS calls",
                OperationException.CONFIG, null));
        return PayguruKeys.md5(new PhsTokenKeyInput(config.merchantId(), key, ip));
    }

    private String fetch(String baseUrl) {
        String key = tokenKey();
        PayguruOutcome outcome = calls.call("phs-get-token", PayguruCalls.Mode.READ, PayguruOutcome::phs,
                () -> new PhsApi(http, baseUrl).getToken(config.merchantId(), key));
        String token = PayguruOutcome.text(outcome.body(), "token");
        if (!outcome.ok() || token == null || token.isBlank()) {
            LOG.errorf("PHS getToken refused: %s %s", outcome.code(), outcome.message());
            throw PayguruFailure.of("PHS getToken", outcome);
        }
        LOG.info("PHS token renewed");
        return token;
    }
}
