package io.github.payguru.merchant.store;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondarySortKey;

import java.util.function.Supplier;

import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;

/**
 * A state item found by merchant order ({@code by-order} index) and, while not settled, by
 * reconciliation ({@code open-items}, sparse). {@code version} counts the changes {@link Ledger} applied.
 */
public abstract class IndexedItem extends Item {

    public Long version;
    /** What caused the last change ({@code callback}, {@code api-query}, {@code reconciliation}, {@code operation}). */
    public String cause;
    public String gsi1pk;
    public String gsi1sk;
    public String openpk;
    public String opensk;

    /** {@link Item#schema} plus the version and both indexes' keys. */
    static <T extends IndexedItem> StaticTableSchema.Builder<T> indexedSchema(Class<T> type, Supplier<T> newItem) {
        return Item.schema(type, newItem)
                .addAttribute(Long.class, a -> a.name("version").getter(i -> i.version).setter((i, v) -> i.version = v))
                .addAttribute(String.class, a -> a.name(StateChange.CAUSE).getter(i -> i.cause).setter((i, v) -> i.cause = v))
                .addAttribute(String.class, a -> a.name(TableLayout.GSI1_PK).getter(i -> i.gsi1pk)
                        .setter((i, v) -> i.gsi1pk = v).tags(secondaryPartitionKey(TableLayout.BY_ORDER)))
                .addAttribute(String.class, a -> a.name(TableLayout.GSI1_SK).getter(i -> i.gsi1sk)
                        .setter((i, v) -> i.gsi1sk = v).tags(secondarySortKey(TableLayout.BY_ORDER)))
                .addAttribute(String.class, a -> a.name(TableLayout.OPEN_PK).getter(i -> i.openpk)
                        .setter((i, v) -> i.openpk = v).tags(secondaryPartitionKey(TableLayout.OPEN_ITEMS)))
                .addAttribute(String.class, a -> a.name(TableLayout.OPEN_SK).getter(i -> i.opensk)
                        .setter((i, v) -> i.opensk = v).tags(secondarySortKey(TableLayout.OPEN_ITEMS)));
    }
}
