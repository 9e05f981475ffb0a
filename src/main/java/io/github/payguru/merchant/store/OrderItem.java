package io.github.payguru.merchant.store;

import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;

/**
 * A merchant order known before Payguru reports a payment (PHS: the payment notification the
 * merchant created), {@code pk = ORDER#PHS#<service code>#<order>}, {@code sk = ORDER}.
 * Holds {@code md5(TCKN + servicePrivateKey)} for TCKN verify; the raw TCKN is never stored.
 */
public class OrderItem extends IndexedItem {

    public static final String SORT = "ORDER";

    public static final StaticTableSchema<OrderItem> SCHEMA = IndexedItem
            .indexedSchema(OrderItem.class, OrderItem::new)
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
            .build();

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
}
