package io.github.payguru.merchant.phs;

import io.github.payguru.merchant.kernel.Amount;
import io.github.payguru.merchant.kernel.ChangeCause;
import io.github.payguru.merchant.kernel.Line;
import io.github.payguru.merchant.store.StateChange;
import io.github.payguru.merchant.store.TableLayout;
import io.github.payguru.merchant.store.TransactionItem;
import io.github.payguru.merchant.store.UnknownStatuses;

/**
 * The one way a PHS transaction state reported by Payguru is turned into a conditional state change —
 * by the notify callback and by the transaction query alike, so a query can never move a state backwards:
 * the status transition is in the condition ({@link PhsStatus}); amount, order and code are fixed when the item is
 * created and must match exactly afterwards, the service once known must match. An undocumented status is kept
 * beside the state ({@link UnknownStatuses}).
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
     * @param source what reported it: the notification's id, {@code query:<operation>} for a query
     * @param now current time (ISO-8601)
     */
    public static StateChange change(String txid, String status, Amount amount, String order, String code,
            String serviceCode, String bank, String transactionDate, String source, String now) {
        String pk = TableLayout.phsTransaction(txid);
        StateChange c = StateChange.of(pk, TransactionItem.SORT)
                .mustMatchStored("amount", amount.canonical())
                .mustMatchStored("orderRef", order)
                .mustMatchStored("payguruCode", code)
                .set("line", Line.PHS.name())
                .set("txId", txid)
                .setIfAbsent("amountWire", amount.wire())
                .setIfAbsent("createdAt", now)
                .set("updatedAt", now)
                .set(TableLayout.GSI1_PK, TableLayout.orderRef(order))
                .set(TableLayout.GSI1_SK, pk)
                .cause(source != null && source.startsWith("query:") ? ChangeCause.query() : ChangeCause.CALLBACK);
        if (serviceCode != null) {
            c.mustMatch("service", serviceCode);
        }
        if (!PhsStatus.INSTANCE.known(status)) {
            // beside the state: no transition, nothing a documented status stored is overwritten
            return UnknownStatuses.record(c, status, now)
                    .setIfAbsent("bank", bank)
                    .setIfAbsent("transactionDate", transactionDate)
                    .open(Line.PHS.name(), now);
        }
        boolean settled = PhsStatus.INSTANCE.terminal(status);
        return c.transition("status", status, PhsStatus.INSTANCE.allowedFrom(status))
                .set("statusKnown", true)
                .set("bank", bank)
                .set("transactionDate", transactionDate)
                .set("lastNotification", source)
                .open(settled ? null : Line.PHS.name(), now);
    }

    /**
     * Payguru's API reports the documented status already stored: lift what only Payguru's own answer can — the
     * undocumented-status flag — and take a settled item out of {@code open-items}. Changes nothing (outcome
     * {@code STALE}) when the stored status differs or nothing is left to lift.
     */
    public static StateChange reaffirm(String txid, String status, String now) {
        return UnknownStatuses.lift(TableLayout.phsTransaction(txid), TransactionItem.SORT, status,
                PhsStatus.INSTANCE.terminal(status), now);
    }
}
