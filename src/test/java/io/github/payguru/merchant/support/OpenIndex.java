package io.github.payguru.merchant.support;

import org.eclipse.microprofile.config.ConfigProvider;

import io.github.payguru.merchant.store.TableLayout;

/** Where an open item is expected in the {@code open-items} index: its kind's shard of its {@code pk}. */
public final class OpenIndex {

    private OpenIndex() {
    }

    /** The configured shard count ({@code payguru.store.open-shards}). */
    public static int shards() {
        return ConfigProvider.getConfig().getOptionalValue("payguru.store.open-shards", Integer.class).orElse(8);
    }

    /** {@code OPEN#<kind>#<shard of pk>}. */
    public static String partition(String kind, String pk) {
        return TableLayout.openPartition(kind, TableLayout.openShard(pk, shards()));
    }
}
