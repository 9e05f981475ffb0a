package io.github.payguru.merchant.store;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** What the storage adapter needs of the configuration: the table and how long log records live. */
@ConfigMapping(prefix = "payguru")
public interface StoreConfig {

    Table table();

    Notifications notifications();

    interface Table {
        /** DynamoDB table holding transactions, orders, subscriptions and the notification log. */
        @WithDefault("payguru-merchant")
        String name();
    }

    interface Notifications {
        /** How long the masked notification log and rejection records are kept (DynamoDB TTL). */
        @WithDefault("P90D")
        Duration logRetention();

        /**
         * Refused requests (wrong key or token, source not allowed) kept as records per source address and minute;
         * more are answered alike but not stored, so a flood cannot write without limit.
         */
        @WithDefault("10")
        int rejectionsPerSourceMinute();
    }
}
