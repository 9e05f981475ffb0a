package io.github.payguru.merchant.payguru;

import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BiFunction;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;

import io.github.payguru.merchant.kernel.Metrics;

/**
 * Runs one Payguru call and types its result. Reads ({@link Mode#READ}) are repeated with jittered
 * exponential backoff on a timeout, a connection failure or a 5xx; writes ({@link Mode#WRITE}: create, payment
 * page) and money calls ({@link Mode#MONEY}: refund, cancel) are sent once — a write whose answer is lost is never
 * re-sent here, the caller queries first. The shared rate limit is taken before every attempt (a refusal throws
 * before anything is sent). Bodies are never logged (they carry personal data); the log line has operation,
 * outcome, code and duration.
 */
@ApplicationScoped
public class PayguruCalls {

    public enum Mode {
        /** A query: may be repeated. */
        READ,
        /** A write: sent once. */
        WRITE,
        /**
         * A call that moves money: sent once over {@link PayguruHttp#getAtMostOnce}, and only a failure that proves
         * nothing left ({@link PayguruHttp#notSent}) is {@link PayguruOutcome.Kind#UNREACHABLE}; every other failure
         * without an answer is uncertain.
         */
        MONEY
    }

    /** Exact decimals: amounts stay as Payguru wrote them. */
    public static final ObjectMapper JSON = JsonMapper.builder()
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private static final Logger LOG = Logger.getLogger(PayguruCalls.class);

    private final PayguruApiConfig config;
    private final RateLimiter limiter;
    private final Metrics metrics;

    @Inject
    public PayguruCalls(PayguruApiConfig config, RateLimiter limiter, Metrics metrics) {
        this.config = config;
        this.limiter = limiter;
        this.metrics = metrics;
    }

    /**
     * Calls Payguru.
     *
     * @param operation the operation (handler) name: rate limits and logs
     * @param mode read (may be repeated), write or money (sent once)
     * @param classify {@link PayguruOutcome#mp} or {@link PayguruOutcome#phs}
     * @param request the HTTP call ({@link PayguruHttp})
     * @throws io.github.payguru.merchant.payguru.OperationException 429 when the shared rate limit refuses
     */
    public PayguruOutcome call(String operation, Mode mode, BiFunction<Integer, JsonNode, PayguruOutcome> classify,
            Supplier<PayguruHttp.Answer> request) {
        int attempts = mode == Mode.READ ? Math.max(1, config.readAttempts()) : 1;
        PayguruOutcome outcome = null;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            limiter.acquire(operation);
            long start = System.nanoTime();
            outcome = once(mode, classify, request);
            long ms = (System.nanoTime() - start) / 1_000_000;
            try {
                LOG.infof("payguru %s attempt %d/%d: %s %s (HTTP %d, %d ms)", operation, attempt, attempts,
                        outcome.kind(), outcome.code(), outcome.httpStatus(), ms);
                metrics.emit(Map.of("Operation", operation, "Outcome", outcome.kind().name()),
                        Metrics.Measure.count("PayguruCalls"), Metrics.Measure.millis("PayguruLatency", ms));
            } catch (RuntimeException e) {
                // the outcome of a call that happened is never lost to its bookkeeping
            }
            if (!outcome.kind().transientFailure() || attempt == attempts) {
                break;
            }
            sleep(config.retryBackoff().toMillis() << (attempt - 1));
        }
        return outcome;
    }

    static PayguruOutcome once(BiFunction<Integer, JsonNode, PayguruOutcome> classify,
            Supplier<PayguruHttp.Answer> request) {
        return once(Mode.READ, classify, request);
    }

    static PayguruOutcome once(Mode mode, BiFunction<Integer, JsonNode, PayguruOutcome> classify,
            Supplier<PayguruHttp.Answer> request) {
        PayguruHttp.Answer answer;
        try {
            answer = request.get();
        } catch (RuntimeException e) {
            return mode == Mode.MONEY ? moneyFailure(e) : transportFailure(e);
        }
        String text = answer.body();
        JsonNode body = MissingNode.getInstance();
        if (text != null && !text.isBlank()) {
            try {
                body = JSON.readTree(text);
            } catch (java.io.IOException e) {
                body = MissingNode.getInstance();
            }
        }
        return classify.apply(answer.status(), body == null ? MissingNode.getInstance() : body);
    }

    /**
     * A money call that got no answer: unreachable only when it provably sent nothing; a timeout (the answer did not
     * come in time) or uncertain (the connection failed after the request may have left) otherwise.
     */
    static PayguruOutcome moneyFailure(Throwable e) {
        if (PayguruHttp.notSent(e)) {
            return PayguruOutcome.transport(PayguruOutcome.Kind.UNREACHABLE, "UNREACHABLE",
                    "Payguru could not be reached; nothing was sent");
        }
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.net.SocketTimeoutException) {
                return PayguruOutcome.transport(PayguruOutcome.Kind.TIMEOUT, "TIMEOUT",
                        "Payguru did not answer in time");
            }
        }
        LOG.warnf("payguru money call failed after sending: %s", e.getClass().getName());
        return PayguruOutcome.transport(PayguruOutcome.Kind.UNCERTAIN, "CONNECTION_LOST",
                "the connection to Payguru failed after the request may have reached it");
    }

    /** A call that got no answer: a timeout (the request may have been processed) or no connection at all. */
    static PayguruOutcome transportFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String name = t.getClass().getName();
            if (name.contains("ConnectTimeout") || t instanceof java.net.ConnectException
                    || t instanceof java.net.UnknownHostException) {
                return PayguruOutcome.transport(PayguruOutcome.Kind.UNREACHABLE, "UNREACHABLE",
                        "Payguru could not be reached");
            }
            if (name.contains("Timeout") || t instanceof java.net.SocketTimeoutException) {
                return PayguruOutcome.transport(PayguruOutcome.Kind.TIMEOUT, "TIMEOUT",
                        "Payguru did not answer in time");
            }
            if (t.getCause() == t) {
                break;
            }
        }
        LOG.warnf("payguru call failed: %s", e.getClass().getName());
        return PayguruOutcome.transport(PayguruOutcome.Kind.TIMEOUT, "TIMEOUT",
                "the connection to Payguru failed before an answer arrived");
    }

    private static void sleep(long baseMillis) {
        long ms = baseMillis + ThreadLocalRandom.current().nextLong(Math.max(1, baseMillis / 2));
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
