package io.github.payguru.merchant.mp;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Settings of the MP (carrier billing) callbacks. Payguru signs none of its MP notifications
 * (src/site/markdown/payguru-api.md §1.1), so authenticity is a deployment choice made here; and what Payguru expects
 * as an answer, and the shape of the REFKOD check, are undocumented: both are configuration.
 * The token is a secret: never logged.
 */
@ConfigMapping(prefix = "payguru.mp")
public interface MpConfig {

    /**
     * (a) Secret token the merchant puts in the callback URLs it registers with Payguru
     * ({@code …/payguru/mp/billing?token=…}); checked in constant time, read as written (never expanded). Absent or
     * blank = not configured: then the allow-list must be set, or {@link #allowUnauthenticatedCallbacks} (start
     * refuses otherwise).
     */
    Optional<String> callbackToken();

    /** Query parameter that carries the token (removed before parameters are logged or stored). */
    @WithDefault("token")
    String tokenParam();

    /**
     * (b) Source addresses allowed to call the MP callbacks, as CIDRs (IPv4 and IPv6), read from the
     * API Gateway v2 request context. Empty = every source.
     */
    Optional<List<String>> allowedCidrs();

    /**
     * The explicit insecure flag: MP callbacks may run with neither a token nor an allow-list (anyone who knows the
     * URL can post notifications). Off by default: an MP callback function with neither refuses to start; on, it logs a
     * WARN at every start.
     */
    @WithDefault("false")
    boolean allowUnauthenticatedCallbacks();

    /**
     * (c) Confirm before trust: a paid status (3) from a callback is stored {@code confirmed=false}
     * until the transaction-detail call or reconciliation reports it paid.
     */
    @WithDefault("true")
    boolean confirmBeforeTrust();

    /** Body of the success answer (HTTP 200) to billing and subscription notifications. */
    @WithDefault("OK")
    String successBody();

    /** Operator codes accepted in {@code operator} (documented: 1 Turkcell, 4 Türk Telekom, 5 Vodafone). */
    @WithDefault("1,4,5")
    Set<String> operators();

    /** Largest amount accepted in a billing notification; larger (or zero) is refused as absurd. */
    @WithDefault("10000")
    String maxAmount();

    Refcode refcode();

    Credentials credentials();

    Subscription subscription();

    /** How subscription notifications are trusted. */
    interface Subscription {
        /**
         * How far beyond the highest txId a cycle has stored a notification's txId may be and still order it
         * ({@code payguru.mp.subscription.max-txid-jump}). Payguru's txIds are global and grow with all its traffic,
         * but not by 10^9 between two notifications of one cycle: a larger jump (a forged
         * {@code txId=9999999999999999999}) is recorded beside the state, does not advance the order and keeps the
         * cycle open until {@code subscription/detail} confirms it. Not documented by Payguru: our bound.
         */
        @WithDefault("1000000000")
        long maxTxidJump();
    }

    /** The REFKOD check of SMS-initiated payments (request shape undocumented, so all configurable). */
    interface Refcode {
        /** Query parameter carrying the reference code. */
        @WithDefault("refcode")
        String codeParam();

        /** Query parameter carrying the MP service id (optional in the request). */
        @WithDefault("service")
        String serviceParam();

        /** How the answer is written: {@code TEXT} (valid/invalid bodies below) or {@code JSON}. */
        @WithDefault("TEXT")
        AnswerFormat answerFormat();

        /** TEXT answer for a valid code. */
        @WithDefault("OK")
        String validText();

        /** TEXT answer for an invalid, unknown or expired code. */
        @WithDefault("NOK")
        String invalidText();

        /** Format every reference code must have (the merchant and Payguru agree it at integration). */
        @WithDefault("[A-Za-z0-9]{4,20}")
        String codeFormat();

        /** How long a registered reference code stays valid when registered without its own expiry. */
        @WithDefault("PT30M")
        Duration expiry();

        /**
         * Billing- and subscription-notification parameter that carries the reference code of an SMS purchase.
         * Payguru does not document it; its URL template has {@code order}, which is where the code arrives in our
         * simulator.
         */
        @WithDefault("order")
        String notificationParam();

        /** Characters of a code {@code mp-refcode-create} generates (each code must also match {@link #codeFormat}). */
        @WithDefault("ABCDEFGHJKLMNPQRSTUVWXYZ23456789")
        String generatedAlphabet();

        /** Length of a generated code. */
        @WithDefault("8")
        int generatedLength();

        /** Longest validity {@code mp-refcode-create} accepts. */
        @WithDefault("P1D")
        Duration maxValidity();
    }

    enum AnswerFormat {
        TEXT, JSON
    }

    /** The credential service: where login and password come from. */
    interface Credentials {
        /**
         * {@code generated} (default: a login and a password per subscription, derived from {@link #key}, kept only
         * as a PBKDF2 hash, and the same for every request of that subscription) or {@code none}
         * (answer {@code ERROR: NOT AVAILABLE}). Another CDI bean implementing
         * {@link MpCredentialProvider} can replace both.
         */
        @WithDefault("generated")
        String provider();

        /** Prefix of generated logins ({@code <prefix><subsId>}). */
        @WithDefault("m")
        String loginPrefix();

        /** Length of generated passwords (sent by SMS, so short and unambiguous). */
        @WithDefault("8")
        int passwordLength();

        /**
         * The secret the generated password is derived from ({@code HMAC-SHA256(key, subsId, trans_id)}), so that the
         * same request gets the same password without a clear password being stored. In AWS the SSM parameter
         * {@code <SecretsPath>/mp/credentials/key}; read as written. Required by {@code generated}.
         */
        Optional<String> key();

        /**
         * Refuse ({@code ERROR: UNKNOWN SUBSCRIPTION}) a subsId no subscription notification has been stored for.
         * Off by default: Payguru does not document that it asks only after notifying the merchant, nor the order of
         * the two calls, and a refusal leaves the subscriber without credentials.
         */
        @WithDefault("false")
        boolean requireKnownSubscription();
    }
}
