package io.github.payguru.merchant.store;

import java.math.BigDecimal;

import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;

/**
 * One MP subscription cycle, {@code pk = SUB#MP#<subsId>}, {@code sk = SUB}. A cancel and restart is a
 * new subsId, so a new item, linked to the earlier cycles through the by-order index
 * ({@code gsi1pk = ORDER#<order>}, {@code gsi1sk = SUB#MP#<subsId>}) and its service.
 * Written only through {@link Ledger}; ordered by {@code seq} (Payguru's txId + a rank digit).
 */
public class SubscriptionItem extends StatusItem {

    public static final String SORT = "SUB";

    public static final StaticTableSchema<SubscriptionItem> SCHEMA = StatusItem
            .statusSchema(SubscriptionItem.class, SubscriptionItem::new)
            .addAttribute(BigDecimal.class, a -> a.name("seq").getter(i -> i.seq).setter((i, v) -> i.seq = v))
            .build();

    /** Ordering number: txId followed by a rank digit (see MpSubscriptionStatus.sequence). */
    public BigDecimal seq;
}
