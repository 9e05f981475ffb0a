package io.github.payguru.merchant.store;

import java.math.BigDecimal;
import java.util.Map;

import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
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
            .addAttribute(String.class, a -> a.name("line").getter(i -> i.line).setter((i, v) -> i.line = v))
            .addAttribute(String.class, a -> a.name("service").getter(i -> i.service).setter((i, v) -> i.service = v))
            .addAttribute(String.class, a -> a.name("subsId").getter(i -> i.subsId).setter((i, v) -> i.subsId = v))
            .addAttribute(String.class, a -> a.name("txId").getter(i -> i.txId).setter((i, v) -> i.txId = v))
            .addAttribute(BigDecimal.class, a -> a.name("seq").getter(i -> i.seq).setter((i, v) -> i.seq = v))
            .addAttribute(String.class, a -> a.name("status").getter(i -> i.status).setter((i, v) -> i.status = v))
            .addAttribute(Boolean.class,
                    a -> a.name("statusKnown").getter(i -> i.statusKnown).setter((i, v) -> i.statusKnown = v))
            .addAttribute(String.class, a -> a.name("orderRef").getter(i -> i.orderRef).setter((i, v) -> i.orderRef = v))
            .addAttribute(String.class, a -> a.name("operator").getter(i -> i.operator).setter((i, v) -> i.operator = v))
            .addAttribute(String.class,
                    a -> a.name("billingType").getter(i -> i.billingType).setter((i, v) -> i.billingType = v))
            .addAttribute(String.class, a -> a.name("msisdn").getter(i -> i.msisdn).setter((i, v) -> i.msisdn = v))
            .addAttribute(EnhancedType.mapOf(String.class, String.class),
                    a -> a.name("attributes").getter(i -> i.attributes).setter((i, v) -> i.attributes = v))
            .addAttribute(String.class,
                    a -> a.name("lastNotification").getter(i -> i.lastNotification).setter((i, v) -> i.lastNotification = v))
            .build();

    public String line;
    /** MP service id. */
    public String service;
    public String subsId;
    /** Payguru txId of the notification that set the current (documented) status. */
    public String txId;
    /** Ordering number: txId followed by a rank digit (see MpSubscriptionStatus.sequence). */
    public BigDecimal seq;
    /** The documented status exactly as sent; undocumented strings are kept beside it (see {@link StatusItem}). */
    public String status;
    public Boolean statusKnown;
    public String orderRef;
    public String operator;
    public String billingType;
    /** The MSISDN exactly as Payguru sent it (already masked/encrypted). */
    public String msisdn;
    /** The merchant's pass-through query parameters, verbatim. */
    public Map<String, String> attributes;
    public String lastNotification;
}
