package io.github.payguru.merchant.mp;

import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.github.payguru.merchant.store.Ledger;
import io.github.payguru.merchant.store.LedgerReader;
import io.github.payguru.merchant.store.RefcodeItem;
import io.github.payguru.merchant.store.StateChange;
import io.github.payguru.merchant.store.StatusItem;
import io.github.payguru.merchant.store.SubscriptionItem;
import io.github.payguru.merchant.store.TableLayout;
import io.github.payguru.merchant.store.WriteResult;

/**
 * Links the payments of an SMS purchase (src/site/markdown/payguru-api.md §1.4) to the order of the reference code
 * (REFKOD) the customer texted. Payguru reports that code wherever it reports the payment: as {@code order} in the
 * billing and subscription notifications ({@code payguru.mp.refcode.notification-param}) and as
 * {@code referenceCode} in the transaction and subscription objects of its API (detail, refund and cancel answers,
 * reconciliation). Every such fact is mapped to the code's order here, before it is built, so it confirms
 * the stored payment instead of conflicting with it. The rule:
 * <ol>
 * <li><b>Claim.</b> The first fact that carries a registered code of its service claims it with one conditional
 * write ({@code status registered → used}, {@code usedBy = txId}, {@code subsId} when the fact names one) that also
 * removes the code's TTL: a claimed code never expires, it lives as long as the payments it links (which are
 * kept for good). Its validity does not matter here: Payguru checked the code when the customer texted it.</li>
 * <li><b>Same payment, same cycle.</b> A later fact with the code links to the same order when it is about the
 * claiming transaction ({@code txId = usedBy}) or about the subscription cycle that transaction started
 * ({@code subsId}: the cycle's notifications, its renewal charges, its detail). This is read from the refused
 * claim's old item: no read and no write, except once to record the cycle's {@code subsId} (and to remove a TTL
 * left by an older version).</li>
 * <li><b>The payment remembers its code.</b> A linked transaction or cycle stores the code itself
 * ({@code refcode}); when the code's item is gone (deleted by hand, or expired under an older version), the
 * fact's transaction or cycle item maps the code to its order instead.</li>
 * </ol>
 * Nothing else links: an unknown or malformed code, another service's, one claimed by another payment or cycle, or
 * one registered without an order; the fact then keeps the code as its order, as sent.
 */
@ApplicationScoped
public class MpRefcodeLinks {

    private final Ledger ledger;
    private final LedgerReader reader;
    private final MpRefcodes refcodes;

    @Inject
    public MpRefcodeLinks(Ledger ledger, LedgerReader reader, MpRefcodes refcodes) {
        this.ledger = ledger;
        this.reader = reader;
        this.refcodes = refcodes;
    }

    /**
     * The order of the payment {@code txId} (of cycle {@code subsId}, or null) that Payguru reports with
     * {@code code}, claiming the code when it is still free; empty when the code links nothing (see the class comment).
     *
     * @param code the reference code as Payguru reported it (may be anything, or null)
     * @param serviceId the payment's MP service id
     * @param txId the transaction (of a subscription fact: the transaction its status refers to)
     * @param subsId the subscription cycle, or null
     */
    public Optional<String> orderOf(String code, String serviceId, String txId, String subsId) {
        if (code == null || !refcodes.wellFormed(code)) {
            return Optional.empty();
        }
        String pk = TableLayout.mpRefcode(code);
        StateChange claim = StateChange.of(pk, RefcodeItem.SORT).existingOnly()
                .transition("status", MpRefcodes.USED, Set.of(MpRefcodes.REGISTERED))
                .mustMatch("service", serviceId)
                .set("usedBy", txId)
                .set("usedAt", ledger.now().toString())
                .set("subsId", subsId)
                .remove(TableLayout.EXPIRES_AT);
        WriteResult w = ledger.apply(claim);
        if (w.outcome() == WriteResult.Outcome.APPLIED) {
            return reader.item(RefcodeItem.SCHEMA, pk, RefcodeItem.SORT).map(r -> r.orderRef);
        }
        if (w.current() == null || w.current().isEmpty()) {
            return fromPayments(code, serviceId, txId, subsId);
        }
        if (w.outcome() != WriteResult.Outcome.STALE || !MpRefcodes.USED.equals(w.currentString("status"))) {
            return Optional.empty();
        }
        String linkedCycle = w.currentString("subsId");
        boolean samePayment = txId.equals(w.currentString("usedBy"));
        if (!samePayment && !(subsId != null && subsId.equals(linkedCycle))) {
            return Optional.empty();
        }
        boolean newCycle = samePayment && subsId != null && linkedCycle == null;
        if (newCycle || w.current().containsKey(TableLayout.EXPIRES_AT)) {
            // the cycle this payment started, recorded once for its renewals; a TTL from an older version removed
            StateChange record = StateChange.of(pk, RefcodeItem.SORT).existingOnly()
                    .transition("status", MpRefcodes.USED, Set.of(MpRefcodes.USED))
                    .mustMatch("usedBy", w.currentString("usedBy"))
                    .remove(TableLayout.EXPIRES_AT);
            if (newCycle) {
                record.mustMatch("subsId", subsId);
            }
            ledger.apply(record);
        }
        return Optional.ofNullable(w.currentString("orderRef"));
    }

    /** The code's item is gone: the fact's transaction, or its cycle, remembers the code and its order. */
    private Optional<String> fromPayments(String code, String serviceId, String txId, String subsId) {
        Optional<String> order = linked(reader.transaction(TableLayout.mpTransaction(txId)), code, serviceId);
        if (order.isEmpty() && subsId != null) {
            order = linked(reader.item(SubscriptionItem.SCHEMA, TableLayout.mpSubscription(subsId),
                    SubscriptionItem.SORT), code, serviceId);
        }
        return order;
    }

    private static Optional<String> linked(Optional<? extends StatusItem> item, String code, String serviceId) {
        return item.filter(i -> code.equals(i.refcode) && serviceId.equals(i.service)).map(i -> i.orderRef);
    }
}
