package io.github.payguru.merchant.store;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** What the storage adapter needs of the configuration: the table, how long log records live, the index shards. */
@ConfigMapping(prefix = "payguru")
public interface StoreConfig {

    Table table();

    Notifications notifications();

    Store store();

    interface Store {
        /**
         * Shards of each kind's open-items partition ({@code OPEN#<kind>#<0..n-1>}): every open item is written to
         * the shard of its key, so the index takes n times the writes of one partition value. Raising it is safe at
         * any time; see {@link #openShardsRead()} to lower it.
         */
        @WithDefault("8")
        int openShards();

        /**
         * Shards reconciliation reads when more than {@link #openShards()}: after lowering it, the old count, until
         * the higher shards are empty (0 = as many as are written).
         */
        @WithDefault("0")
        int openShardsRead();
    }

    interface Table {
        /** DynamoDB table holding transactions, orders, subscriptions, rejection records and rate counters. */
        @WithDefault("payguru-merchant")
        String name();
    }

    interface Notifications {
        /** How long masked rejection records are kept (DynamoDB TTL). */
        @WithDefault("P90D")
        Duration logRetention();

        /**
         * Refused requests (wrong key or token, source not allowed) kept as records per source network (/24, IPv6
         * /48) and minute; more are answered alike but not stored, so a flood cannot write without limit.
         */
        @WithDefault("10")
        int rejectionsPerSourceMinute();

        /**
         * Notification ids of undocumented statuses an item remembers for good ({@code unknownNotifications}, and so
         * at most as many values in {@code unknownStatuses}). Beyond it such a notification is answered as accepted
         * and only counted ({@code unknownOverflowCount}): with 16, these sets stay under about 1.1 KB of the item
         * (README "Trust model").
         */
        @WithDefault("16")
        int maxUndocumentedPerItem();
    }
}
