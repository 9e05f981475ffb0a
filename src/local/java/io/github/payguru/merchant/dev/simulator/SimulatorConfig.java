package io.github.payguru.merchant.dev.simulator;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * {@code payguru.simulator.*}: the Payguru simulator's settings (dev and test). A mapping of its own so
 * these keys are known to the configuration's validation (unknown keys under {@code payguru} are
 * refused). A mapping is registered whatever the build profile, so this interface is the one piece of
 * the simulator present in the Lambda artifact: inert there (nothing injects it) and every key has a
 * default, so a Lambda needs none of them. The delivery knobs are start values:
 * {@link PayguruSimulator#setDelivery} changes them at run time.
 */
@ConfigMapping(prefix = "payguru.simulator")
public interface SimulatorConfig {

    /** Where the merchant's routes are ({@code /payguru/...} is appended). */
    @WithDefault("http://localhost:8080")
    String callbackBaseUrl();

    /** The simulator's own address, used in the checkout {@code redirectUrl}. */
    @WithDefault("http://localhost:8080")
    String publicBaseUrl();

    /** {@code transaction/test} works only in sandbox mode, as on Payguru's sandbox. */
    @WithDefault("true")
    boolean phsSandbox();

    /** Lifetime of a PHS token (not documented; ten minutes is the simulator's choice). */
    @WithDefault("PT10M")
    Duration phsTokenTtl();

    /** Lifetime of a checkout payment page. */
    @WithDefault("PT30M")
    Duration checkoutTokenTtl();

    /** PHS notify and TCKN verify: sent as GET query (default) or POST JSON. */
    @WithDefault("GET")
    String phsCallbackMethod();

    /** Whether a transfer is preceded by a TCKN verify call whose answer decides the notify. */
    @WithDefault("true")
    boolean phsTcknCheck();

    /** Optional secret added as {@code token=} to MP callback URLs. */
    Optional<String> mpCallbackToken();

    /** Optional pass-through query string added to MP callbacks (Payguru's {@code xxQSxx}), e.g. {@code src=payguru}. */
    Optional<String> mpCallbackQuery();

    /** Whether MP callbacks carry a masked {@code msisdn} (Payguru often sends none). */
    @WithDefault("true")
    boolean mpCallbackMsisdn();

    /** MP service ids (or local names) that are subscriptions: checkout on them starts a subscription. */
    Optional<List<String>> subscriptionServices();

    /** {@code monthly} or {@code weekly}. */
    @WithDefault("monthly")
    String subscriptionPeriod();

    /** MP object dates as text ({@code yyyy-MM-dd HH:mm:ss}) instead of epoch milliseconds. */
    @WithDefault("false")
    boolean mpTextDates();

    /** A refund goes 3 -> 7 -> 6 at once; false leaves it at 7 until {@code completeRefund}. */
    @WithDefault("true")
    boolean refundCompletes();

    /** Enforce Payguru's documented MP rate limits (HTTP 429). */
    @WithDefault("true")
    boolean rateLimits();

    DeliveryConfig delivery();

    interface DeliveryConfig {
        /** Each notification is sent this many times. */
        @WithDefault("1")
        int duplicates();

        /** Wait before each notification. */
        @WithDefault("PT0S")
        Duration delay();

        /** Send each batch (the callbacks of one event) in reverse order. */
        @WithDefault("false")
        boolean reorder();

        /** Deliver inside the request that caused the callbacks instead of in the background. */
        @WithDefault("false")
        boolean synchronous();

        /** Attempts per callback copy, the first included. */
        @WithDefault("4")
        int maxAttempts();

        /** Wait before the first retry; doubled for each further one. */
        @WithDefault("PT2S")
        Duration backoff();

        /** Connect and answer timeout of one attempt. */
        @WithDefault("PT10S")
        Duration timeout();
    }
}
