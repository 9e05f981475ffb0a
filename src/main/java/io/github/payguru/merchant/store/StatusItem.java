package io.github.payguru.merchant.store;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;

/**
 * A state item with a Payguru status (transactions, subscription cycles): what both kinds hold (line, service,
 * ids, order, status, MP operator data) and, beside the status, the record of
 * the undocumented statuses Payguru reported for it. An undocumented status never becomes {@code status} and
 * never blocks a documented one: it is kept here, the item is flagged ({@code statusKnown=false}) and put in the
 * {@code open-items} index for reconciliation.
 */
public abstract class StatusItem extends IndexedItem {

    /** {@code MP} or {@code PHS}. */
    public String line;
    /** PHS service code or MP service id. */
    public String service;
    /** Payguru's transaction id (of a subscription cycle: the newest one applied). */
    public String txId;
    /** MP: the subscription cycle ({@code SUB#MP#<subsId>}); of a transaction, the one a renewal charge belongs to. */
    public String subsId;
    /** The merchant's order reference. */
    public String orderRef;
    /** MP: the reference code (REFKOD) of an SMS purchase that linked this payment or cycle to {@link #orderRef}. */
    public String refcode;
    /** Payguru's status code, exactly as sent (unknown codes are kept beside it, below). */
    public String status;
    /** False when the last status Payguru sent is one this version does not know. */
    public Boolean statusKnown;
    /** MP operator code as sent (1 Turkcell, 4 Türk Telekom, 5 Vodafone). */
    public String operator;
    /** MP billing type as sent (values undocumented). */
    public String billingType;
    /** MP: the MSISDN exactly as Payguru sent it (already masked/encrypted by Payguru). */
    public String msisdn;
    /** MP: the merchant's pass-through query parameters, verbatim. */
    public Map<String, String> attributes;
    /** The id of the last notification applied ({@link RecentNotifications}), or {@code query:<operation>}. */
    public String lastNotification;

    /** The last undocumented status received, exactly as sent. */
    public String unknownStatus;
    /** When the last undocumented status was received (ISO-8601). */
    public String unknownStatusAt;
    /** How many notifications or answers carried an undocumented status (a redelivery the item remembers counts once). */
    public Long unknownStatusCount;
    /** Every undocumented status received (a string set). */
    public Set<String> unknownStatuses;
    /** The slots of {@link RecentNotifications}, newest first; unused ones null or empty. */
    public final String[] seen = new String[RecentNotifications.SLOTS];

    /** The notifications this item remembers, in the order they were applied. */
    public List<RecentNotifications.Entry> recentNotifications() {
        return RecentNotifications.of(Arrays.asList(seen));
    }

    static <T extends StatusItem> StaticTableSchema.Builder<T> statusSchema(Class<T> type, Supplier<T> newItem) {
        StaticTableSchema.Builder<T> b = IndexedItem.indexedSchema(type, newItem)
                .addAttribute(String.class, a -> a.name("line").getter(i -> i.line).setter((i, v) -> i.line = v))
                .addAttribute(String.class, a -> a.name("service").getter(i -> i.service).setter((i, v) -> i.service = v))
                .addAttribute(String.class, a -> a.name("txId").getter(i -> i.txId).setter((i, v) -> i.txId = v))
                .addAttribute(String.class, a -> a.name("subsId").getter(i -> i.subsId).setter((i, v) -> i.subsId = v))
                .addAttribute(String.class, a -> a.name("orderRef").getter(i -> i.orderRef).setter((i, v) -> i.orderRef = v))
                .addAttribute(String.class, a -> a.name("refcode").getter(i -> i.refcode).setter((i, v) -> i.refcode = v))
                .addAttribute(String.class, a -> a.name("status").getter(i -> i.status).setter((i, v) -> i.status = v))
                .addAttribute(Boolean.class,
                        a -> a.name("statusKnown").getter(i -> i.statusKnown).setter((i, v) -> i.statusKnown = v))
                .addAttribute(String.class, a -> a.name("operator").getter(i -> i.operator).setter((i, v) -> i.operator = v))
                .addAttribute(String.class,
                        a -> a.name("billingType").getter(i -> i.billingType).setter((i, v) -> i.billingType = v))
                .addAttribute(String.class, a -> a.name("msisdn").getter(i -> i.msisdn).setter((i, v) -> i.msisdn = v))
                .addAttribute(EnhancedType.mapOf(String.class, String.class),
                        a -> a.name("attributes").getter(i -> i.attributes).setter((i, v) -> i.attributes = v))
                .addAttribute(String.class, a -> a.name("lastNotification").getter(i -> i.lastNotification)
                        .setter((i, v) -> i.lastNotification = v))
                .addAttribute(String.class,
                        a -> a.name("unknownStatus").getter(i -> i.unknownStatus).setter((i, v) -> i.unknownStatus = v))
                .addAttribute(String.class,
                        a -> a.name("unknownStatusAt").getter(i -> i.unknownStatusAt).setter((i, v) -> i.unknownStatusAt = v))
                .addAttribute(Long.class, a -> a.name("unknownStatusCount").getter(i -> i.unknownStatusCount)
                        .setter((i, v) -> i.unknownStatusCount = v))
                .addAttribute(EnhancedType.setOf(String.class), a -> a.name("unknownStatuses").getter(i -> i.unknownStatuses)
                        .setter((i, v) -> i.unknownStatuses = v));
        for (int n = 0; n < RecentNotifications.SLOTS; n++) {
            int slot = n;
            b.addAttribute(String.class, a -> a.name(RecentNotifications.slot(slot)).getter(i -> i.seen[slot])
                    .setter((i, v) -> i.seen[slot] = v));
        }
        return b;
    }
}
