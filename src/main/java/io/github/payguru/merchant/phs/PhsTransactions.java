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
 * <p>
 * Confirm before trust ({@link PhsConfig#confirmBeforeTrust()}, default on): the notify key does not cover
 * {@code status}, so a notify is a claim. Its status is stored as reported with {@code confirmed=false}; one that
 * ends a payment ({@link PhsStatus#terminal}) keeps the item in {@code open-items}. Payguru's
 * {@code transaction/get} is the truth: its change overrides any unconfirmed claim in the same conditional write
 * ({@link StateChange#overridesUnconfirmed}), so the same status confirms it and another documented status replaces
 * it, even one the forward order would refuse. Fulfil an order only
 * on {@link #fulfillable}.
 */
public final class PhsTransactions {

    /** The stored boolean: the stored status is what Payguru's API showed (absent on items from before it existed). */
    public static final String CONFIRMED = StateChange.CONFIRMED;

    /**
     * The status Payguru's API last showed, kept while a notify's claim sits in {@code status}: the change events
     * publish {@code paid}/{@code refunded} when it becomes 3/6, so replacing a replayed claim publishes nothing twice.
     */
    public static final String CONFIRMED_STATUS = "confirmedStatus";

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
     * @param trusted the status is Payguru's API answer (or confirm-before-trust is off): stored {@code confirmed=true}
     */
    public static StateChange change(String txid, String status, Amount amount, String order, String code,
            String serviceCode, String bank, String transactionDate, String source, String now, boolean trusted) {
        String pk = TableLayout.phsTransaction(txid);
        boolean fromApi = source != null && source.startsWith("query:");
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
                .cause(fromApi ? ChangeCause.query() : ChangeCause.CALLBACK);
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
        boolean settled = PhsStatus.INSTANCE.terminal(status) && trusted;
        if (trusted) {
            c.set(CONFIRMED_STATUS, status);
        }
        // the kernel's rule: Payguru's answer replaces an unconfirmed claim whichever way the forward order runs (a
        // replayed 3 on a transaction Payguru shows as 8 ends as 8) and confirms a claim of its own status; a notify's
        // claim replaces an unconfirmed claim it outranks
        return c.status(PhsStatus.INSTANCE, "status", status, fromApi)
                .set("statusKnown", true)
                .set(CONFIRMED, trusted)
                .set("bank", bank)
                .set("transactionDate", transactionDate)
                .set("lastNotification", source)
                .open(settled ? null : Line.PHS.name(), now);
    }

    /**
     * Payguru's API shows the status stored unconfirmed: it becomes {@code confirmed=true} (an undocumented-status
     * flag is lifted with it) and a settled item leaves {@code open-items}. Refused (nothing written) when the stored
     * status differs or is already confirmed.
     */
    public static StateChange confirm(String txid, String status, String now) {
        StateChange c = StateChange.of(TableLayout.phsTransaction(txid), TransactionItem.SORT).existingOnly()
                .mustMatchStored("status", status)
                .onlyIfStored(CONFIRMED, false)
                .set(CONFIRMED, true)
                .set(CONFIRMED_STATUS, status)
                .set("statusKnown", true)
                .set("updatedAt", now)
                .cause(ChangeCause.query());
        if (PhsStatus.INSTANCE.terminal(status)) {
            c.open(null, now);
        }
        return c;
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

    /**
     * Success, and not waiting for Payguru's API: safe to deliver the goods. An item stored unconfirmed
     * ({@code confirmed=false}, a notify under confirm-before-trust) is not; one stored before {@code confirmed}
     * existed counts as it was then (trusted).
     */
    public static boolean fulfillable(TransactionItem t) {
        return t != null && Line.PHS.name().equals(t.line) && PhsStatus.paid(t.status)
                && !Boolean.FALSE.equals(t.confirmed);
    }
}
