package io.github.payguru.merchant.store;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primarySortKey;

import java.util.function.Supplier;

import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;

/**
 * What every state item of the table has: its key and its creation and last-change times. Schemas are
 * static (getter/setter lambdas, no bean introspection), so they need no reflection in a native image.
 */
public abstract class Item {

    public String pk;
    public String sk;
    public String createdAt;
    public String updatedAt;

    /** A schema builder with the key and the two times already mapped. */
    static <T extends Item> StaticTableSchema.Builder<T> schema(Class<T> type, Supplier<T> newItem) {
        return StaticTableSchema.builder(type)
                .newItemSupplier(newItem)
                .addAttribute(String.class, a -> a.name(TableLayout.PK).getter(i -> i.pk).setter((i, v) -> i.pk = v)
                        .tags(primaryPartitionKey()))
                .addAttribute(String.class, a -> a.name(TableLayout.SK).getter(i -> i.sk).setter((i, v) -> i.sk = v)
                        .tags(primarySortKey()))
                .addAttribute(String.class, a -> a.name("createdAt").getter(i -> i.createdAt)
                        .setter((i, v) -> i.createdAt = v))
                .addAttribute(String.class, a -> a.name("updatedAt").getter(i -> i.updatedAt)
                        .setter((i, v) -> i.updatedAt = v));
    }
}
