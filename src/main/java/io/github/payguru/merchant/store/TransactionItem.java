package io.github.payguru.merchant.store;

import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;

/**
 * A payment as Payguru reported it (MP or PHS), {@code pk = TX#<line>#<payguru id>}, {@code sk = TX}.
 * Written only through {@link Ledger} (conditional transitions); this class is the typed read view.
 */
public class TransactionItem extends StatusItem {

    public static final String SORT = "TX";

    public static final StaticTableSchema<TransactionItem> SCHEMA = StatusItem
            .statusSchema(TransactionItem.class, TransactionItem::new)
            .addAttribute(String.class,
                    a -> a.name("payguruCode").getter(i -> i.payguruCode).setter((i, v) -> i.payguruCode = v))
            .addAttribute(String.class, a -> a.name("amount").getter(i -> i.amount).setter((i, v) -> i.amount = v))
            .addAttribute(String.class,
                    a -> a.name("amountWire").getter(i -> i.amountWire).setter((i, v) -> i.amountWire = v))
            .addAttribute(String.class, a -> a.name("bank").getter(i -> i.bank).setter((i, v) -> i.bank = v))
            .addAttribute(String.class,
                    a -> a.name("transactionDate").getter(i -> i.transactionDate).setter((i, v) -> i.transactionDate = v))
            .addAttribute(Boolean.class,
                    a -> a.name("confirmed").getter(i -> i.confirmed).setter((i, v) -> i.confirmed = v))
            .addAttribute(String.class, a -> a.name("item").getter(i -> i.item).setter((i, v) -> i.item = v))
            .addAttribute(String.class, a -> a.name("error").getter(i -> i.error).setter((i, v) -> i.error = v))
            .addAttribute(String.class, a -> a.name("errorDesc").getter(i -> i.errorDesc).setter((i, v) -> i.errorDesc = v))
            .build();

    /** PHS: Payguru's order code. */
    public String payguruCode;
    /** Canonical decimal text of the amount. */
    public String amount;
    /** The amount exactly as first received. */
    public String amountWire;
    public String bank;
    public String transactionDate;
    /**
     * MP: false while a paid status reported by a callback awaits confirmation by Payguru's
     * transaction detail (confirm before trust); true once confirmed. Absent for PHS.
     */
    public Boolean confirmed;
    public String item;
    /** MP error code and description as sent (undocumented). */
    public String error;
    public String errorDesc;
}
