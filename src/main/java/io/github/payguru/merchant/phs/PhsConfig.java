package io.github.payguru.merchant.phs;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Settings of the PHS line. Payguru's PHS notify key does not cover {@code status}, {@code transaction_date} or
 * {@code bank} (src/site/markdown/payguru-api.md §1.5), so a captured notify can be replayed with another status:
 * what a notify reports is a claim until {@code transaction/get} shows it.
 */
@ConfigMapping(prefix = "payguru.phs")
public interface PhsConfig {

    /**
     * Confirm before trust: a notify's status is stored {@code confirmed=false}, and one that ends a payment (3
     * success, 6 refund) stays in {@code open-items}, until Payguru's {@code transaction/get} (the
     * {@code phs-transaction-get} operation or reconciliation) shows it; what that call shows overrides the claim.
     * Off: a notify's status is trusted as before ({@code confirmed=true}, settled statuses leave open-items).
     */
    @WithDefault("true")
    boolean confirmBeforeTrust();

    /**
     * How a {@code transaction/get} {@code status} maps to the notify's status codes, as {@code api=notify} pairs
     * separated by commas (e.g. {@code 10=3,20=6}). Payguru documents one PHS status list and does not say the two
     * differ, so the default is empty: the API's codes are used as they are. A code not listed is used as it is.
     */
    Optional<String> transactionStatusMap();

    /** {@link #transactionStatusMap()} parsed; a malformed pair stops the function at its first use. */
    static Map<String, String> parse(Optional<String> pairs) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : pairs.orElse("").split(",")) {
            if (pair.isBlank()) {
                continue;
            }
            String[] kv = pair.trim().split("=", -1);
            if (kv.length != 2 || !kv[0].trim().matches("-?\\d{1,4}") || !kv[1].trim().matches("-?\\d{1,4}")) {
                throw new IllegalStateException("payguru.phs.transaction-status-map: malformed pair (want api=notify)");
            }
            out.put(kv[0].trim(), kv[1].trim());
        }
        return Map.copyOf(out);
    }
}
