package io.github.payguru.merchant.mp;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.github.payguru.merchant.kernel.ChangeCause;
import io.github.payguru.merchant.kernel.Line;
import io.github.payguru.merchant.store.Ledger;
import io.github.payguru.merchant.store.LedgerReader;
import io.github.payguru.merchant.store.StateChange;
import io.github.payguru.merchant.store.TableLayout;
import io.github.payguru.merchant.store.TransactionItem;
import io.github.payguru.merchant.store.UnknownStatuses;
import io.github.payguru.merchant.store.WriteResult;

/**
 * The one way MP transaction state changes ({@code TX#MP#<txId>}), used by the billing callback and by
 * the outbound operations and reconciliation with what Payguru's API reports.
 * <ul>
 * <li>Known codes follow {@link MpStatus}, enforced in the condition expression: a late 1 after 3
 * changes nothing (outcome {@code STALE}); 3 → 7 → 6 is applied.</li>
 * <li>A callback is a claim ({@link io.github.payguru.merchant.kernel.StatusMachine}; under
 * {@code payguru.mp.confirm-before-trust}, default on): its status is stored with {@code confirmed=false} and the
 * item stays in {@code open-items} until {@link MpTransactionFact.Source#PAYGURU_API} reports it; an unconfirmed
 * claim is replaced by a claim of higher {@link MpStatus#rank} (paid beats a failure) and by any API fact, which
 * stores {@code confirmed=true}. An API fact equal to a confirmed stored status lifts what only a trusted fact can:
 * it clears an unknown-code flag and takes a final item out of {@code open-items}.
 * Fulfil an order only on {@link #fulfillable(TransactionItem)}.</li>
 * <li>An unknown code never moves {@code status} and never blocks a known one: it is kept beside the state
 * ({@link UnknownStatuses}: value, time, count, {@code statusKnown=false}) and the item enters the
 * {@code open-items} index ({@code OPEN#MP#<shard>}) so reconciliation looks at it.</li>
 * <li>Identity is fixed: the same txId with another service, amount, order or subsId is a
 * {@code CONFLICT} and changes nothing. An item without an amount gains the one a later notification carries,
 * even a stale one ({@link StateChange#onStale}), so no answer depends on the order of delivery; Payguru's API
 * replaces the amount of an unconfirmed claim.</li>
 * <li>A renewal (with {@code subsId}) keeps {@code subsId} and the order in the by-order index, next to
 * its subscription cycle {@code SUB#MP#<subsId>} (see {@link MpSubscriptions#charges}).</li>
 * </ul>
 */
@ApplicationScoped
public class MpTransactions {

    /**
     * What applying a fact did.
     *
     * @param outcome applied, duplicate (the item remembers the notification), stale (the stored status wins),
     *        conflict (identity differs)
     * @param confirmedNow true when this fact from Payguru's API made the transaction paid and confirmed
     * @param write the ledger's result (the stored item for duplicate/stale/conflict)
     */
    public record Result(WriteResult.Outcome outcome, boolean confirmedNow, WriteResult write) {
    }

    private final Ledger ledger;
    private final LedgerReader reader;
    private final MpConfig config;

    @Inject
    public MpTransactions(Ledger ledger, LedgerReader reader, MpConfig config) {
        this.ledger = ledger;
        this.reader = reader;
        this.config = config;
    }

    /**
     * Applies a fact from Payguru's API (operations, reconciliation) as a plain conditional update. The billing
     * callback writes {@link #change} through {@code NotificationRecorder} instead, de-duplicated on the item.
     * The fact overrides an unconfirmed claim ({@link io.github.payguru.merchant.kernel.StatusMachine}); one that
     * finds its status already stored and confirmed lifts what only a trusted fact can ({@link #reaffirm}).
     */
    public Result apply(MpTransactionFact fact) {
        StateChange change = change(fact, null);
        WriteResult w = ledger.apply(change);
        boolean api = fact.source() == MpTransactionFact.Source.PAYGURU_API;
        if (w.outcome() == WriteResult.Outcome.STALE && api
                && MpStatus.INSTANCE.known(fact.status()) && fact.status().equals(w.currentString("status"))) {
            return reaffirm(fact, w);
        }
        boolean confirmedNow = w.outcome() == WriteResult.Outcome.APPLIED && api && MpStatus.paid(fact.status())
                && !Boolean.TRUE.equals(w.previousBoolean(StateChange.CONFIRMED));
        return new Result(w.outcome(), confirmedNow, w);
    }

    /**
     * Payguru's API reports the status already stored: clear what only a trusted fact can clear — an
     * unconfirmed payment becomes confirmed, an unknown-code flag is lifted, a final item leaves open-items.
     */
    private Result reaffirm(MpTransactionFact fact, WriteResult stale) {
        var current = stale.current();
        boolean unconfirmed = current.get(StateChange.CONFIRMED) == null
                || !Boolean.TRUE.equals(current.get(StateChange.CONFIRMED).bool());
        boolean flagged = current.get("statusKnown") != null && Boolean.FALSE.equals(current.get("statusKnown").bool());
        boolean settled = MpStatus.INSTANCE.terminal(fact.status());
        boolean stillOpen = current.containsKey(TableLayout.OPEN_PK);
        if (!unconfirmed && !flagged && !(settled && stillOpen)) {
            return new Result(WriteResult.Outcome.STALE, false, stale);
        }
        StateChange c = StateChange.of(TableLayout.mpTransaction(fact.txId()), TransactionItem.SORT).existingOnly()
                .mustMatch("status", fact.status())
                .set("statusKnown", true)
                .set("updatedAt", ledger.now().toString())
                .cause(ChangeCause.query());
        c.set(StateChange.CONFIRMED, true);
        if (settled) {
            c.remove(TableLayout.OPEN_PK).remove(TableLayout.OPEN_SK);
        }
        WriteResult w = ledger.apply(c);
        boolean applied = w.outcome() == WriteResult.Outcome.APPLIED;
        return new Result(applied ? WriteResult.Outcome.APPLIED : w.outcome(),
                applied && unconfirmed && MpStatus.paid(fact.status()), w);
    }

    /**
     * Marks a paid transaction confirmed (Payguru's transaction detail reported it paid) and takes it
     * out of the open-items index. Returns false when it is stored with another status, is already
     * confirmed, or does not exist.
     */
    public boolean confirmPaid(String txId) {
        String pk = TableLayout.mpTransaction(txId);
        StateChange c = StateChange.of(pk, TransactionItem.SORT).existingOnly()
                .mustMatch("status", MpStatus.PAID)
                .onlyIfStored("confirmed", false)
                .set("confirmed", true)
                .set("updatedAt", ledger.now().toString())
                .cause(ChangeCause.query())
                .remove(TableLayout.OPEN_PK).remove(TableLayout.OPEN_SK);
        return ledger.apply(c).outcome() == WriteResult.Outcome.APPLIED;
    }

    /** Paid and, under confirm-before-trust, confirmed by Payguru's API: safe to deliver the goods. */
    public boolean fulfillable(TransactionItem t) {
        return t != null && MpStatus.paid(t.status) && (!config.confirmBeforeTrust() || Boolean.TRUE.equals(t.confirmed));
    }

    public java.util.Optional<TransactionItem> find(String txId) {
        return reader.transaction(TableLayout.mpTransaction(txId));
    }

    /**
     * The conditional change a fact makes; {@code lastNotification} is the id of the callback's notification
     * written with it (null for a fact from Payguru's API).
     */
    StateChange change(MpTransactionFact f, String lastNotification) {
        String pk = TableLayout.mpTransaction(f.txId());
        String now = ledger.now().toString();
        boolean known = MpStatus.INSTANCE.known(f.status());
        boolean api = f.source() == MpTransactionFact.Source.PAYGURU_API;
        boolean trusted = api || !config.confirmBeforeTrust();
        StateChange c = StateChange.of(pk, TransactionItem.SORT)
                .cause(f.source() == MpTransactionFact.Source.CALLBACK ? ChangeCause.CALLBACK : ChangeCause.query());
        boolean open;
        if (known) {
            // a claim unless trusted; an API fact overrides an unconfirmed claim, a claim one it outranks
            c.status(MpStatus.INSTANCE, "status", f.status(), api).set("statusKnown", true)
                    .set(StateChange.CONFIRMED, trusted);
            open = !MpStatus.INSTANCE.terminal(f.status()) || !trusted;
        } else {
            UnknownStatuses.record(c, f.status(), now);
            open = true;
        }
        c.mustMatch("service", f.service());
        if (f.amount() != null) {
            if (api) {
                // Payguru's amount replaces one an unconfirmed claim brought
                c.mustMatchUnlessUnconfirmed("amount", f.amount().canonical()).setIfAbsent("amountWire", f.amount().wire());
            } else {
                // an item without an amount gains it; another amount is a conflict
                c.mustMatch("amount", f.amount().canonical()).setIfAbsent("amountWire", f.amount().wire())
                        .onStale(stored -> gainAmount(pk, f.amount(), stored));
            }
        } else if (MpStatus.amountRequired(f.status())) {
            // only Payguru's API may report such a status without an amount (callbacks are refused with 400):
            // it may then only move an item that already has its amount
            c.existingOnly().onlyIfPresent("amount");
        }
        if (f.order() != null) {
            c.mustMatch("orderRef", f.order())
                    .set(TableLayout.GSI1_PK, TableLayout.orderRef(f.order()))
                    .set(TableLayout.GSI1_SK, pk);
        }
        if (f.subsId() != null) {
            c.mustMatch("subsId", f.subsId());
        }
        c.setIfAbsent("refcode", f.refcode()); // the REFKOD that linked it to its order (MpRefcodeLinks)
        c.set("line", Line.MP.name())
                .set("txId", f.txId())
                .setIfAbsent("createdAt", now)
                .set("updatedAt", now)
                .open(open ? TableLayout.OPEN_MP : null, now);
        // what describes the payment: an undocumented status never overwrites what a documented one stored
        describe(c, known, "operator", f.operator());
        describe(c, known, "item", f.item());
        describe(c, known, "billingType", f.billingType());
        describe(c, known, "error", f.error());
        describe(c, known, "errorDesc", f.errorDesc());
        describe(c, known, "msisdn", f.msisdn());
        if (known) {
            c.set("attributes", f.passThrough()).set("lastNotification", lastNotification);
        }
        return c;
    }

    /**
     * A late, less informative claim (stale) that carries the amount an unconfirmed item lacks: the item gains it,
     * so the answer and the final state do not depend on the order of delivery. Null when there is nothing to gain.
     */
    private StateChange gainAmount(String pk, io.github.payguru.merchant.kernel.Amount amount,
            java.util.Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> stored) {
        if (stored == null || stored.isEmpty() || stored.containsKey("amount")
                || stored.get(StateChange.CONFIRMED) == null
                || !Boolean.FALSE.equals(stored.get(StateChange.CONFIRMED).bool())) {
            return null;
        }
        return StateChange.of(pk, TransactionItem.SORT).existingOnly().onlyIfUnconfirmed().onlyIfAbsent("amount")
                .set("amount", amount.canonical()).set("amountWire", amount.wire())
                .set("updatedAt", ledger.now().toString());
    }

    private static void describe(StateChange c, boolean known, String name, String value) {
        if (known) {
            c.set(name, value);
        } else {
            c.setIfAbsent(name, value);
        }
    }
}
