package io.github.payguru.merchant.mp;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.github.payguru.merchant.callback.CallbackAnswer;
import io.github.payguru.merchant.callback.NotificationRecorder;
import io.github.payguru.merchant.kernel.BadRequestException;
import io.github.payguru.merchant.kernel.Cidr;
import io.github.payguru.merchant.kernel.HttpRequest;
import io.github.payguru.merchant.kernel.Masking;
import io.github.payguru.merchant.kernel.ParamNames;
import io.github.payguru.merchant.kernel.Privacy;

/**
 * Authenticity of MP callbacks, which Payguru does not sign (src/site/markdown/payguru-api.md §1.1): (a) a secret token
 * in the registered callback URL, compared in constant time, and (b) a source-IP allow-list of CIDRs
 * read from the API Gateway v2 request context. Each is active when configured ({@link MpConfig}); the
 * guard fails closed: with neither configured it refuses to be built (so an MP callback function refuses to start)
 * unless {@code payguru.mp.allow-unauthenticated-callbacks=true}, which it then says in a WARN at every start. A blank
 * token is "not configured", never "check off". A request failing either check is refused with 403 before anything
 * is stored; only a masked rejection record is kept. (c), confirm before trust, is applied by {@link MpTransactions}.
 */
@ApplicationScoped
public class MpGuard {

    /** The refusal body: says what failed in general terms, never which part of a token. */
    public static final String FORBIDDEN = "Forbidden";

    /** The handlers this guard admits requests for: a function serving one of them is an MP callback deployment. */
    public static final Set<String> GUARDED = Set.of(MpBillingNotifications.KIND, MpSubscriptionNotifications.KIND,
            MpCredentialService.KIND, MpRefcodes.KIND);

    /** Why a start is refused when neither check is configured. */
    public static final String OPEN_REFUSED = "MP callbacks would accept any caller: configure payguru.mp.callback-token"
            + " (SSM <SecretsPath>/mp/callback-token) or payguru.mp.allowed-cidrs, or set"
            + " payguru.mp.allow-unauthenticated-callbacks=true (template MpAllowUnauthenticatedCallbacks) to run them open";

    private static final Logger LOG = Logger.getLogger(MpGuard.class);

    private final MpConfig config;
    private final NotificationRecorder recorder;
    private final Privacy privacy;
    private final List<Cidr> allowed;
    private final byte[] tokenDigest;

    @Inject
    public MpGuard(MpConfig config, NotificationRecorder recorder, Privacy privacy) {
        this.config = config;
        this.recorder = recorder;
        this.privacy = privacy;
        try {
            this.allowed = config.allowedCidrs().orElse(List.of()).stream()
                    .filter(s -> !s.isBlank()).map(Cidr::parse).toList();
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("payguru.mp.allowed-cidrs: " + e.getMessage());
        }
        this.tokenDigest = config.callbackToken().filter(t -> !t.isBlank()).map(MpGuard::sha256).orElse(null);
        if (tokenDigest == null && allowed.isEmpty()) {
            if (!config.allowUnauthenticatedCallbacks()) {
                throw new IllegalStateException(OPEN_REFUSED);
            }
            LOG.warn("INSECURE: MP callbacks run with neither a token nor a source allow-list"
                    + " (payguru.mp.allow-unauthenticated-callbacks=true): anyone who knows their URLs can call them");
        }
    }

    /** What the guard checks, for the start line: {@code token}, {@code cidrs}, both, or {@code none (insecure)}. */
    public String checks() {
        String checks = (tokenDigest != null ? "token " : "") + (allowed.isEmpty() ? "" : "cidrs");
        return checks.isBlank() ? "none (insecure)" : checks.strip();
    }

    /**
     * Checks token and source address; on success returns the request's parameters without the token
     * (what may be logged, fingerprinted and stored). Throws a 403 {@link BadRequestException} otherwise, after
     * keeping a rejection record masked by {@link Privacy} (a misspelled token parameter is no token, and its
     * value is kept only as its length or {@value Privacy#REDACTED}). An admitted request that carries a
     * configured secret in any other parameter is refused with 400.
     */
    public Map<String, String> admit(String kind, HttpRequest req) {
        Map<String, String> params = new LinkedHashMap<>(req.params());
        String token = params.remove(config.tokenParam());
        String reason = null;
        if (!allowed.isEmpty() && allowed.stream().noneMatch(c -> c.contains(req.sourceIp()))) {
            reason = "source address not allowed";
        } else if (tokenDigest != null && (token == null || !MessageDigest.isEqual(tokenDigest, sha256(token)))) {
            reason = token == null ? missingTokenReason(params) : "wrong token";
        }
        if (reason == null) {
            privacy.refuseSecrets(params, null);
            return params;
        }
        recorder.reject(kind, params, req.sourceIp(), reason, CallbackAnswer.text(403, FORBIDDEN));
        LOG.warnf("%s refused: %s (from %s, txId=%s)", kind, reason, Masking.sourceIp(req.sourceIp()),
                privacy.value("txId", params.get("txId")));
        throw new BadRequestException(403, FORBIDDEN);
    }

    /** Tells the operator when the URL carries the token under a misspelled name (the answer stays 403). */
    private String missingTokenReason(Map<String, String> params) {
        String expected = ParamNames.normalize(config.tokenParam());
        return params.keySet().stream().anyMatch(k -> ParamNames.normalize(k).equals(expected))
                ? "missing token (a misspelled token parameter was sent: check the callback URL)"
                : "missing token";
    }

    /** Hashing first makes the comparison independent of the token's length as well as its content. */
    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
