package io.github.payguru.merchant.store;

import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;

/**
 * A reference code (REFKOD) the merchant showed a customer for an SMS-initiated payment,
 * {@code pk = REFCODE#MP#<code>}, {@code sk = REFCODE}. Valid until {@code validUntil}; DynamoDB's TTL
 * ({@code expiresAt}) removes an unused code some time later. A code claimed by a payment ({@code status = used})
 * has no TTL: it links that payment, its subscription cycle and their renewals to the code's order for as long as
 * those payments are kept (which is for good), so it never expires before them.
 */
public class RefcodeItem extends Item {

    public static final String SORT = "REFCODE";

    public static final StaticTableSchema<RefcodeItem> SCHEMA = Item.schema(RefcodeItem.class, RefcodeItem::new)
            .addAttribute(String.class, a -> a.name("code").getter(i -> i.code).setter((i, v) -> i.code = v))
            .addAttribute(String.class, a -> a.name("service").getter(i -> i.service).setter((i, v) -> i.service = v))
            .addAttribute(String.class, a -> a.name("orderRef").getter(i -> i.orderRef).setter((i, v) -> i.orderRef = v))
            .addAttribute(String.class, a -> a.name("status").getter(i -> i.status).setter((i, v) -> i.status = v))
            .addAttribute(String.class,
                    a -> a.name("validUntil").getter(i -> i.validUntil).setter((i, v) -> i.validUntil = v))
            .addAttribute(String.class, a -> a.name("usedBy").getter(i -> i.usedBy).setter((i, v) -> i.usedBy = v))
            .addAttribute(String.class, a -> a.name("usedAt").getter(i -> i.usedAt).setter((i, v) -> i.usedAt = v))
            .addAttribute(String.class, a -> a.name("subsId").getter(i -> i.subsId).setter((i, v) -> i.subsId = v))
            .addAttribute(Long.class,
                    a -> a.name(TableLayout.EXPIRES_AT).getter(i -> i.expiresAt).setter((i, v) -> i.expiresAt = v))
            .build();

    public String code;
    /** MP service id the code was issued for. */
    public String service;
    public String orderRef;
    /** {@code registered}, or {@code used} once a payment carried it. */
    public String status;
    /** The MP txId of the payment that used it. */
    public String usedBy;
    public String usedAt;
    /** The MP subscription cycle the claiming payment started, once known: its renewals belong to the same order. */
    public String subsId;
    /** ISO instant after which the code is refused. */
    public String validUntil;
    /** TTL (epoch seconds): a while after validUntil; removed when a payment claims the code. */
    public Long expiresAt;
}
