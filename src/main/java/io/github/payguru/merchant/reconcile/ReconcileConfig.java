package io.github.payguru.merchant.reconcile;

import java.time.Duration;
import java.util.List;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The scheduled reconciliation: which open items it asks Payguru about, and how many per run. */
@ConfigMapping(prefix = "payguru.reconcile")
public interface ReconcileConfig {

    /** An open item is checked once it has not changed (nor been checked) for this long. */
    @WithDefault("PT15M")
    Duration staleAfter();

    /**
     * Items checked per run, across all kinds. Payguru's detail calls allow 1000 a day: with a
     * 15-minute schedule, 10 per run stays under a tenth of that.
     */
    @WithDefault("10")
    int maxItems();

    /** Kinds of open items to reconcile: PHS (transactions), MP (transactions), MPSUB (subscriptions). */
    @WithDefault("PHS,MP,MPSUB")
    List<String> kinds();
}
