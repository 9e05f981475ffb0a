package io.github.payguru.merchant.phs.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.github.payguru.merchant.payguru.OperationException;
import io.github.payguru.merchant.payguru.PayguruApiConfig;
import io.github.payguru.merchant.payguru.PayguruCalls;
import io.github.payguru.merchant.payguru.PayguruClients;
import io.github.payguru.merchant.payguru.PayguruConfig;
import io.github.payguru.merchant.payguru.PayguruOutcome;

/**
 * A PHS call with its {@code merchant} and {@code token} headers: the cached token is used, and when
 * Payguru answers ERR_015 (empty token) or ERR_016 (invalid token) it is renewed once and the call
 * repeated once — safe for writes too, since a refused token means nothing was done.
 */
@ApplicationScoped
public class PhsGateway {

    @FunctionalInterface
    public interface Request {
        PayguruClients.Answer send(PhsApi api, String merchant, String token);
    }

    private static final Logger LOG = Logger.getLogger(PhsGateway.class);

    private final PayguruApiConfig api;
    private final PayguruConfig config;
    private final PayguruClients clients;
    private final PayguruCalls calls;
    private final PhsTokens tokens;

    @Inject
    public PhsGateway(PayguruApiConfig api, PayguruConfig config, PayguruClients clients, PayguruCalls calls,
            PhsTokens tokens) {
        this.api = api;
        this.config = config;
        this.clients = clients;
        this.calls = calls;
        this.tokens = tokens;
    }

    /** The production (or simulator) PHS API. */
    public PayguruOutcome call(String operation, PayguruCalls.Mode mode, Request request) {
        return call(api.phsBaseUrl(), operation, mode, request);
    }

    /** The sandbox PHS API; refused unless {@code payguru.api.phs-sandbox-base-url} is configured. */
    public PayguruOutcome sandbox(String operation, Request request) {
        String base = api.phsSandboxBaseUrl().orElseThrow(() -> new OperationException(403, "SANDBOX_ONLY",
                operation + " works only against Payguru's sandbox: set payguru.api.phs-sandbox-base-url",
                OperationException.CONFIG, null));
        return call(base, operation, PayguruCalls.Mode.WRITE, request);
    }

    private PayguruOutcome call(String baseUrl, String operation, PayguruCalls.Mode mode, Request request) {
        String merchant = config.merchantId();
        String token = tokens.token(baseUrl);
        PayguruOutcome outcome = calls.call(operation, mode, PayguruOutcome::phs,
                () -> request.send(new PhsApi(clients.at(baseUrl)), merchant, token));
        if (outcome.tokenRefused()) {
            LOG.infof("%s: PHS refused the token (%s), renewing it once", operation, outcome.code());
            tokens.invalidate(baseUrl, token);
            String renewed = tokens.token(baseUrl);
            outcome = calls.call(operation, mode, PayguruOutcome::phs,
                    () -> request.send(new PhsApi(clients.at(baseUrl)), merchant, renewed));
        }
        return outcome;
    }
}
