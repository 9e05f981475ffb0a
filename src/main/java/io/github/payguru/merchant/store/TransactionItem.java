package io.github.payguru.merchant.store;

import java.util.Map;

import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;

/**
 * A payment as Payguru reported it (MP or PHS), {@code pk = TX#<line>#<payguru id>}, {@code sk = TX}.
 * Written only through {@link Ledger} (conditional transitions); this class is the typed read view.
 */
public class TransactionItem extends StatusItem {

    public static final String SORT = "TX";

    public static final StaticTableSchema<TransactionItem> SCHEMA = StatusItem
            .statusSchema(TransactionItem.class, TransactionItem::new)
            .addAttribute(String.class, a -> a.name("line").getter(i -> i.line).setter((i, v) -> i.line = v))
            .addAttribute(String.class, a -> a.name("service").getter(i -> i.service).setter((i, v) -> i.service = v))
            .addAttribute(String.class, a -> a.name("txId").getter(i -> i.txId).setter((i, v) -> i.txId = v))
            .addAttribute(String.class,
                    a -> a.name("payguruCode").getter(i -> i.payguruCode).setter((i, v) -> i.payguruCode = v))
            .addAttribute(String.class, a -> a.name("orderRef").getter(i -> i.orderRef).setter((i, v) -> i.orderRef = v))
            .addAttribute(String.class, a -> a.name("status").getter(i -> i.status).setter((i, v) -> i.status = v))
            .addAttribute(Boolean.class,
                    a -> a.name("statusKnown").getter(i -> i.statusKnown).setter((i, v) -> i.statusKnown = v))
            .addAttribute(String.class, a -> a.name("amount").getter(i -> i.amount).setter((i, v) -> i.amount = v))
            .addAttribute(String.class,
                    a -> a.name("amountWire").getter(i -> i.amountWire).setter((i, v) -> i.amountWire = v))
            .addAttribute(String.class, a -> a.name("bank").getter(i -> i.bank).setter((i, v) -> i.bank = v))
            .addAttribute(String.class,
                    a -> a.name("transactionDate").getter(i -> i.transactionDate).setter((i, v) -> i.transactionDate = v))
            .addAttribute(String.class, a -> a.name("subsId").getter(i -> i.subsId).setter((i, v) -> i.subsId = v))
            .addAttribute(Boolean.class,
                    a -> a.name("confirmed").getter(i -> i.confirmed).setter((i, v) -> i.confirmed = v))
            .addAttribute(String.class, a -> a.name("operator").getter(i -> i.operator).setter((i, v) -> i.operator = v))
            .addAttribute(String.class, a -> a.name("item").getter(i -> i.item).setter((i, v) -> i.item = v))
            .addAttribute(String.class,
                    a -> a.name("billingType").getter(i -> i.billingType).setter((i, v) -> i.billingType = v))
            .addAttribute(String.class, a -> a.name("error").getter(i -> i.error).setter((i, v) -> i.error = v))
            .addAttribute(String.class, a -> a.name("errorDesc").getter(i -> i.errorDesc).setter((i, v) -> i.errorDesc = v))
            .addAttribute(String.class, a -> a.name("msisdn").getter(i -> i.msisdn).setter((i, v) -> i.msisdn = v))
            .addAttribute(EnhancedType.mapOf(String.class, String.class),
                    a -> a.name("attributes").getter(i -> i.attributes).setter((i, v) -> i.attributes = v))
            .addAttribute(String.class,
                    a -> a.name("lastNotification").getter(i -> i.lastNotification).setter((i, v) -> i.lastNotification = v))
            .build();

    public String line;
    /** PHS service code or MP service id. */
    public String service;
    /** Payguru's transaction id. */
    public String txId;
    /** PHS: Payguru's order code. */
    public String payguruCode;
    /** The merchant's order reference. */
    public String orderRef;
    /** Payguru's status code, exactly as sent (unknown codes too). */
    public String status;
    /** False when the last status Payguru sent is one this version does not know (see {@link StatusItem}). */
    public Boolean statusKnown;
    /** Canonical decimal text of the amount. */
    public String amount;
    /** The amount exactly as first received. */
    public String amountWire;
    public String bank;
    public String transactionDate;
    /** MP: the subscription cycle a renewal charge belongs to ({@code SUB#MP#<subsId>}). */
    public String subsId;
    /**
     * MP: false while a paid status reported by a callback awaits confirmation by Payguru's
     * transaction detail (confirm before trust); true once confirmed. Absent for PHS.
     */
    public Boolean confirmed;
    /** MP operator code as sent (1 Turkcell, 4 Türk Telekom, 5 Vodafone). */
    public String operator;
    public String item;
    /** MP billing type as sent (values undocumented). */
    public String billingType;
    /** MP error code and description as sent (undocumented). */
    public String error;
    public String errorDesc;
    /** MP: the MSISDN exactly as Payguru sent it (already masked/encrypted by Payguru). */
    public String msisdn;
    /** MP: the merchant's pass-through query parameters, verbatim. */
    public Map<String, String> attributes;
    public String lastNotification;
}
