package io.github.payguru.merchant.store;

import java.util.Set;
import java.util.function.Supplier;

import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;

/**
 * A state item with a Payguru status (transactions, subscription cycles) and, beside the status, the record of
 * the undocumented statuses Payguru reported for it. An undocumented status never becomes {@code status} and
 * never blocks a documented one: it is kept here, the item is flagged ({@code statusKnown=false}) and put in the
 * {@code open-items} index for reconciliation.
 */
public abstract class StatusItem extends IndexedItem {

    /** The last undocumented status received, exactly as sent. */
    public String unknownStatus;
    /** When the last undocumented status was received (ISO-8601). */
    public String unknownStatusAt;
    /** How many notifications or answers carried an undocumented status (duplicates of one notification count once). */
    public Long unknownStatusCount;
    /** Every undocumented status received (a string set). */
    public Set<String> unknownStatuses;

    static <T extends StatusItem> StaticTableSchema.Builder<T> statusSchema(Class<T> type, Supplier<T> newItem) {
        return IndexedItem.indexedSchema(type, newItem)
                .addAttribute(String.class,
                        a -> a.name("unknownStatus").getter(i -> i.unknownStatus).setter((i, v) -> i.unknownStatus = v))
                .addAttribute(String.class,
                        a -> a.name("unknownStatusAt").getter(i -> i.unknownStatusAt).setter((i, v) -> i.unknownStatusAt = v))
                .addAttribute(Long.class, a -> a.name("unknownStatusCount").getter(i -> i.unknownStatusCount)
                        .setter((i, v) -> i.unknownStatusCount = v))
                .addAttribute(EnhancedType.setOf(String.class), a -> a.name("unknownStatuses").getter(i -> i.unknownStatuses)
                        .setter((i, v) -> i.unknownStatuses = v));
    }
}
