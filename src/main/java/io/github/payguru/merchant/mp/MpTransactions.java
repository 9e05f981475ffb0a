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
 * changes nothing (outcome {@code STALE}); 3 → 7 → 6 is applied; failures stay failures.</li>
 * <li>An unknown code never moves {@code status} and never blocks a known one: it is kept beside the state
 * ({@link UnknownStatuses}: value, time, count, {@code statusKnown=false}) and the item enters the
 * {@code open-items} index ({@code OPEN#MP#<shard>}) so reconciliation looks at it.</li>
 * <li>Confirm before trust ({@code payguru.mp.confirm-before-trust}, default on): a paid status from
 * a callback is stored with {@code confirmed=false} and stays in {@code open-items}; a paid status from
 * {@link MpTransactionFact.Source#PAYGURU_API} stores or turns it {@code confirmed=true} and takes it out.
 * Generally, an API fact equal to the stored status lifts what only a trusted fact can: it confirms a
 * payment, clears an unknown-code flag and takes a final item out of {@code open-items}.
 * Fulfil an order only on {@link #fulfillable(TransactionItem)}.</li>
 * <li>Identity is fixed: the same txId with another service, amount, order or subsId is a
 * {@code CONFLICT} and changes nothing; an item created without an amount never gains one (also a
 * {@code CONFLICT}), enforced in the condition expression.</li>
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
     * @param confirmedNow true when this fact confirmed a paid transaction stored unconfirmed
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
     * A paid fact from Payguru's API that finds the transaction already paid confirms it.
     */
    public Result apply(MpTransactionFact fact) {
        StateChange change = change(fact, null);
        WriteResult w = ledger.apply(change);
        if (w.outcome() == WriteResult.Outcome.STALE && fact.source() == MpTransactionFact.Source.PAYGURU_API
                && MpStatus.INSTANCE.known(fact.status()) && fact.status().equals(w.currentString("status"))) {
            return reaffirm(fact, w);
        }
        return new Result(w.outcome(), false, w);
    }

    /**
     * Payguru's API reports the status already stored: clear what only a trusted fact can clear — an
     * unconfirmed payment becomes confirmed, an unknown-code flag is lifted, a final item leaves open-items.
     */
    private Result reaffirm(MpTransactionFact fact, WriteResult stale) {
        var current = stale.current();
        boolean unconfirmed = MpStatus.paid(fact.status()) && current.get("confirmed") != null
                && Boolean.FALSE.equals(current.get("confirmed").bool());
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
        if (MpStatus.paid(fact.status())) {
            c.set("confirmed", true);
        }
        if (settled) {
            c.remove(TableLayout.OPEN_PK).remove(TableLayout.OPEN_SK);
        }
        WriteResult w = ledger.apply(c);
        boolean applied = w.outcome() == WriteResult.Outcome.APPLIED;
        return new Result(applied ? WriteResult.Outcome.APPLIED : w.outcome(), applied && unconfirmed, w);
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
        boolean trusted = f.source() == MpTransactionFact.Source.PAYGURU_API || !config.confirmBeforeTrust();
        StateChange c = StateChange.of(pk, TransactionItem.SORT)
                .cause(f.source() == MpTransactionFact.Source.CALLBACK ? ChangeCause.CALLBACK : ChangeCause.query());
        boolean open;
        if (known) {
            c.transition("status", f.status(), MpStatus.INSTANCE.allowedFrom(f.status())).set("statusKnown", true);
            boolean paid = MpStatus.paid(f.status());
            if (paid) {
                c.set("confirmed", trusted);
            }
            open = !MpStatus.INSTANCE.terminal(f.status()) || (paid && !trusted);
        } else {
            UnknownStatuses.record(c, f.status(), now);
            open = true;
        }
        c.mustMatch("service", f.service());
        if (f.amount() != null) {
            // fixed on creation; an item created without an amount never gains one
            c.mustMatchStored("amount", f.amount().canonical()).setIfAbsent("amountWire", f.amount().wire());
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

    private static void describe(StateChange c, boolean known, String name, String value) {
        if (known) {
            c.set(name, value);
        } else {
            c.setIfAbsent(name, value);
        }
    }
}
