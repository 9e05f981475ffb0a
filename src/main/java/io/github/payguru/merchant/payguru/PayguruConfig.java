package io.github.payguru.merchant.payguru;

import java.util.Map;
import java.util.Optional;

import io.github.payguru.merchant.kernel.Line;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Everything the functions need to know about the merchant's Payguru account.
 * <p>
 * Secrets (the merchant private key and each service's private key) come from the
 * environment (in AWS: function environment filled from SSM or NoEcho parameters).
 * Nothing here is ever logged: use {@link #describe()} for a safe summary. The table and the log
 * retention are read by the storage adapter ({@code store.StoreConfig}).
 */
@ConfigMapping(prefix = "payguru")
public interface PayguruConfig {

    /** Payguru merchant id, as in the key formulas and the {@code merchant} header. */
    String merchantId();

    /** PHS merchant private key ("Merchant Private Key" of the notify key). Required for PHS callbacks. */
    Optional<String> merchantPrivateKey();

    /** Services by a local name of the merchant's choosing (e.g. {@code shop}, {@code gold-monthly}). */
    Map<String, Service> services();

    Notifications notifications();

    /** Where the keys come from in AWS (read by {@code lambda.SsmSecrets} before this mapping is built). */
    Secrets secrets();

    Metrics metrics();

    interface Service {
        /** Product line: MP (carrier billing) or PHS (bank transfer). */
        Line line();

        /** MP service id (numeric, used in the MP API paths and notifications). */
        Optional<String> id();

        /** PHS service code (the "Service code" of the PHS key formulas). */
        Optional<String> code();

        /**
         * The service's private key: PHS "Service Private Key", or the MP service secret key. In AWS only the
         * functions that use it read it (from SSM, see {@code lambda.SsmSecrets}).
         */
        Optional<String> privateKey();
    }

    interface Notifications {
        /** Largest request body a callback accepts; larger ones get 413. */
        @WithDefault("16384")
        int maxBodyBytes();
    }

    interface Secrets {
        /** SSM parameter path of the keys, e.g. {@code /payguru-merchant}. */
        Optional<String> path();

        /** The secrets this function reads, e.g. {@code merchant-private-key,services/phs/private-key}. */
        Optional<String> names();

        /** Another SSM endpoint (the local emulator). */
        Optional<String> endpoint();
    }

    interface Metrics {
        /** CloudWatch namespace of the Embedded Metric Format lines. */
        @WithDefault("PayguruMerchant")
        String namespace();

        /** Whether the lines are printed (off in dev, where nobody collects them). */
        @WithDefault("true")
        boolean enabled();
    }

    /** A summary safe for logs: names, lines and ids, never keys. */
    default String describe() {
        StringBuilder b = new StringBuilder("merchant=").append(merchantId()).append(" services=[");
        services().forEach((name, s) -> b.append(name).append(':').append(s.line())
                .append(s.id().map(id -> " id=" + id).orElse(""))
                .append(s.code().map(c -> " code=" + c).orElse("")).append(' '));
        return b.append(']').toString();
    }
}
