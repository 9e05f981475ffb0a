package io.github.payguru.merchant.store;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primarySortKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondarySortKey;

import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;

/**
 * A merchant order known before Payguru reports a payment (PHS: the payment notification the
 * merchant created), {@code pk = ORDER#PHS#<service code>#<order>}, {@code sk = ORDER}.
 * Holds {@code md5(TCKN + servicePrivateKey)} for TCKN verify; the raw TCKN is never stored.
 */
public class OrderItem {

    public static final String SORT = "ORDER";

    public static final StaticTableSchema<OrderItem> SCHEMA = StaticTableSchema.builder(OrderItem.class)
            .newItemSupplier(OrderItem::new)
            .addAttribute(String.class, a -> a.name(TableLayout.PK).getter(i -> i.pk).setter((i, v) -> i.pk = v)
                    .tags(primaryPartitionKey()))
            .addAttribute(String.class, a -> a.name(TableLayout.SK).getter(i -> i.sk).setter((i, v) -> i.sk = v)
                    .tags(primarySortKey()))
            .addAttribute(String.class, a -> a.name("line").getter(i -> i.line).setter((i, v) -> i.line = v))
            .addAttribute(String.class, a -> a.name("service").getter(i -> i.service).setter((i, v) -> i.service = v))
            .addAttribute(String.class, a -> a.name("orderRef").getter(i -> i.orderRef).setter((i, v) -> i.orderRef = v))
            .addAttribute(String.class,
                    a -> a.name("payguruCode").getter(i -> i.payguruCode).setter((i, v) -> i.payguruCode = v))
            .addAttribute(String.class, a -> a.name("amount").getter(i -> i.amount).setter((i, v) -> i.amount = v))
            .addAttribute(String.class, a -> a.name("bank").getter(i -> i.bank).setter((i, v) -> i.bank = v))
            .addAttribute(String.class, a -> a.name("tcknHash").getter(i -> i.tcknHash).setter((i, v) -> i.tcknHash = v))
            .addAttribute(String.class,
                    a -> a.name("verification").getter(i -> i.verification).setter((i, v) -> i.verification = v))
            .addAttribute(String.class, a -> a.name("verificationTxId").getter(i -> i.verificationTxId)
                    .setter((i, v) -> i.verificationTxId = v))
            .addAttribute(String.class, a -> a.name("status").getter(i -> i.status).setter((i, v) -> i.status = v))
            .addAttribute(String.class, a -> a.name("createdAt").getter(i -> i.createdAt).setter((i, v) -> i.createdAt = v))
            .addAttribute(String.class, a -> a.name("updatedAt").getter(i -> i.updatedAt).setter((i, v) -> i.updatedAt = v))
            .addAttribute(String.class, a -> a.name(TableLayout.GSI1_PK).getter(i -> i.gsi1pk)
                    .setter((i, v) -> i.gsi1pk = v).tags(secondaryPartitionKey(TableLayout.BY_ORDER)))
            .addAttribute(String.class, a -> a.name(TableLayout.GSI1_SK).getter(i -> i.gsi1sk)
                    .setter((i, v) -> i.gsi1sk = v).tags(secondarySortKey(TableLayout.BY_ORDER)))
            .build();

    public String pk;
    public String sk;
    public String line;
    public String service;
    public String orderRef;
    public String payguruCode;
    public String amount;
    public String bank;
    /** md5(TCKN + servicePrivateKey), the exact value TCKN verify answers with. */
    public String tcknHash;
    /** Last TCKN verification outcome Payguru reported: verified or unverified. */
    public String verification;
    public String verificationTxId;
    public String status;
    public String createdAt;
    public String updatedAt;
    public String gsi1pk;
    public String gsi1sk;
}
