package io.github.payguru.merchant.core;

import io.github.payguru.merchant.store.StateChange;
import io.github.payguru.merchant.store.TableLayout;
import io.github.payguru.merchant.store.TransactionItem;

/**
 * The one way a PHS transaction state reported by Payguru is turned into a conditional state change —
 * by the notify callback and by the transaction query alike, so a query can never move a state backwards:
 * the status transition is in the condition ({@link PhsStatus}), amount, order and code must match.
 */
public final class PhsTransactions {

    private PhsTransactions() {
    }

    /**
     * @param txid Payguru's transaction id
     * @param status Payguru's status, as sent
     * @param amount the amount (wire string kept on first write)
     * @param order the merchant's order reference
     * @param code Payguru's order code
     * @param serviceCode the PHS service code
     * @param bank bank code, may be null
     * @param transactionDate as sent, may be null
     * @param source what reported it: the log entry's sort key for a notification, {@code query:<operation>} for a query
     * @param now current time (ISO-8601)
     */
    public static StateChange change(String txid, String status, Amount amount, String order, String code,
            String serviceCode, String bank, String transactionDate, String source, String now) {
        boolean settled = PhsStatus.INSTANCE.terminal(status);
        String pk = TableLayout.phsTransaction(txid);
        return StateChange.of(pk, TransactionItem.SORT)
                .transition("status", status, PhsStatus.INSTANCE.allowedFrom(status))
                .mustMatch("amount", amount.canonical())
                .mustMatch("orderRef", order)
                .mustMatch("payguruCode", code)
                .set("line", Line.PHS.name())
                .set("service", serviceCode)
                .set("txId", txid)
                .setIfAbsent("amountWire", amount.wire())
                .set("bank", bank)
                .set("transactionDate", transactionDate)
                .set("statusKnown", PhsStatus.INSTANCE.known(status))
                .set("lastNotification", source)
                .setIfAbsent("createdAt", now)
                .set("updatedAt", now)
                .set(TableLayout.GSI1_PK, TableLayout.orderRef(order))
                .set(TableLayout.GSI1_SK, pk)
                .setOrRemove(TableLayout.OPEN_PK, settled ? null : TableLayout.openPartition(Line.PHS.name()))
                .setOrRemove(TableLayout.OPEN_SK, settled ? null : now);
    }
}
