package io.github.payguru.merchant.mp;

import java.math.BigInteger;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.github.payguru.merchant.kernel.ChangeCause;
import io.github.payguru.merchant.kernel.Line;
import io.github.payguru.merchant.store.Ledger;
import io.github.payguru.merchant.store.LedgerReader;
import io.github.payguru.merchant.store.StateChange;
import io.github.payguru.merchant.store.SubscriptionItem;
import io.github.payguru.merchant.store.TableLayout;
import io.github.payguru.merchant.store.TransactionItem;
import io.github.payguru.merchant.store.UnknownStatuses;
import io.github.payguru.merchant.store.WriteResult;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The one way MP subscription state changes: one item per cycle ({@code SUB#MP#<subsId>}), used by the
 * subscription callback and by the outbound operations/reconciliation.
 * <ul>
 * <li>Ordered by Payguru's {@code txId}, never by arrival: the stored {@code seq}
 * ({@link MpSubscriptionStatus#sequence}) must grow, checked in the condition expression. An older
 * notification arriving late is {@code STALE} and changes nothing; active ↔ retry both ways is fine.</li>
 * <li>Undocumented status strings are kept beside the state ({@link UnknownStatuses}), outside the txId order: they
 * never become {@code status} and never make a documented status stale.</li>
 * <li>Cycles of one customer/service/order are linked through the by-order index
 * ({@link #cycles(String)}); renewal charges carry the {@code subsId} ({@link #charges(String)}).</li>
 * <li>A callback is a claim ({@link io.github.payguru.merchant.kernel.StatusMachine}): stored {@code confirmed=false}
 * and kept in {@code open-items} until {@code subscription/detail} reports the cycle; that fact is stored
 * {@code confirmed=true} and overrides an unconfirmed claim, even one with a higher txId.</li>
 * <li>A txId beyond what Payguru could have issued ({@code txIdCeiling}: the highest stored txId plus
 * {@code payguru.mp.subscription.max-txid-jump}) does not order anything: it is recorded beside the state
 * ({@code untrustedTxId}, {@code untrustedStatus}, {@code untrustedCount}) and the cycle stays open until
 * Payguru's API answers.</li>
 * <li>Open cycles (unknown, active, retry, unknown strings, unconfirmed claims) are in {@code open-items} under
 * {@code OPEN#MPSUB#<shard>}.</li>
 * </ul>
 */
@ApplicationScoped
public class MpSubscriptions {

    static final String CEILING = "txIdCeiling";

    private final Ledger ledger;
    private final LedgerReader reader;
    private final MpConfig config;

    @Inject
    public MpSubscriptions(Ledger ledger, LedgerReader reader, MpConfig config) {
        this.ledger = ledger;
        this.reader = reader;
        this.config = config;
    }

    /**
     * Applies a fact from Payguru's API as a plain conditional update (the subscription callback writes
     * {@link #change} through {@code NotificationRecorder} instead, de-duplicated on the item).
     * Outcomes: applied, duplicate, stale (a newer txId is stored), conflict (the subsId is stored with another
     * service or order).
     */
    public WriteResult apply(MpSubscriptionFact f) {
        StateChange c = change(f, null);
        WriteResult w = ledger.apply(c);
        if (w.outcome() == WriteResult.Outcome.STALE && MpSubscriptionStatus.known(f.status())
                && f.status().equals(w.currentString("status"))) {
            // Payguru's API confirms the stored status: lift an undocumented-status flag, if any
            WriteResult lifted = ledger.apply(UnknownStatuses.lift(TableLayout.mpSubscription(f.subsId()),
                    SubscriptionItem.SORT, f.status(), MpSubscriptionStatus.terminal(f.status()), ledger.now().toString()));
            return lifted.outcome() == WriteResult.Outcome.APPLIED ? lifted : w;
        }
        return w;
    }

    public Optional<SubscriptionItem> find(String subsId) {
        return reader.item(SubscriptionItem.SCHEMA, TableLayout.mpSubscription(subsId), SubscriptionItem.SORT);
    }

    /** Every cycle recorded for a merchant order, oldest subsId first. */
    public List<SubscriptionItem> cycles(String order) {
        return reader.byOrder(SubscriptionItem.SCHEMA, order, "SUB#MP#").stream()
                .sorted(Comparator.comparing((SubscriptionItem s) -> new java.math.BigInteger(s.subsId))).toList();
    }

    /** The charges (first and renewals) recorded for a cycle, found through its order. */
    public List<TransactionItem> charges(String subsId) {
        Optional<SubscriptionItem> s = find(subsId);
        if (s.isEmpty() || s.get().orderRef == null) {
            return List.of();
        }
        return reader.byOrder(TransactionItem.SCHEMA, s.get().orderRef, "TX#MP#").stream()
                .filter(t -> subsId.equals(t.subsId)).toList();
    }

    /**
     * The conditional change a fact makes; {@code lastNotification} is the id of the callback's notification
     * written with it (null for a fact from Payguru's API).
     */
    StateChange change(MpSubscriptionFact f, String lastNotification) {
        String pk = TableLayout.mpSubscription(f.subsId());
        String now = ledger.now().toString();
        StateChange c = StateChange.of(pk, SubscriptionItem.SORT).mustMatch("service", f.service())
                .cause(lastNotification != null ? ChangeCause.CALLBACK : ChangeCause.query());
        if (f.order() != null) {
            c.mustMatch("orderRef", f.order())
                    .set(TableLayout.GSI1_PK, TableLayout.orderRef(f.order()))
                    .set(TableLayout.GSI1_SK, pk);
        }
        c.setIfAbsent("refcode", f.refcode()); // the REFKOD that linked it to its order (MpRefcodeLinks)
        c.set("line", Line.MP.name())
                .set("subsId", f.subsId())
                .setIfAbsent("createdAt", now)
                .set("updatedAt", now);
        if (!MpSubscriptionStatus.known(f.status())) {
            // beside the state: it takes no place in the txId order, so it never hides a documented status
            return UnknownStatuses.record(c, f.status(), now)
                    .setIfAbsent("operator", f.operator())
                    .setIfAbsent("billingType", f.billingType())
                    .setIfAbsent("msisdn", f.msisdn())
                    .open(TableLayout.OPEN_MP_SUBSCRIPTION, now);
        }
        boolean api = lastNotification == null;
        boolean trusted = api || !config.confirmBeforeTrust();
        boolean open = !MpSubscriptionStatus.terminal(f.status()) || !trusted;
        String ceiling = new BigInteger(f.txId()).add(BigInteger.valueOf(config.subscription().maxTxidJump())).toString();
        c.newerThanStored("seq", MpSubscriptionStatus.sequence(f.txId(), f.status()))
                .setNumber(CEILING, ceiling)
                .set("status", f.status())
                .set("statusKnown", true)
                .set(StateChange.CONFIRMED, trusted)
                .set("txId", f.txId())
                .set("operator", f.operator())
                .set("billingType", f.billingType())
                .set("msisdn", f.msisdn())
                .set("attributes", f.passThrough())
                .set("lastNotification", lastNotification)
                .open(open ? TableLayout.OPEN_MP_SUBSCRIPTION : null, now);
        if (api) {
            // Payguru's API is the truth: it replaces an unconfirmed claim, however high its txId
            return c.overridesUnconfirmed().remove(UNTRUSTED_TX_ID).remove(UNTRUSTED_STATUS);
        }
        return c.notBeyond(CEILING, f.txId()).onStale(stored -> untrusted(f, lastNotification, stored, now));
    }

    static final String UNTRUSTED_TX_ID = "untrustedTxId";
    static final String UNTRUSTED_STATUS = "untrustedStatus";

    /**
     * A claim whose txId is beyond the stored ceiling: recorded beside the state (its notification remembered, so a
     * replay is a duplicate), the order untouched, the cycle open for reconciliation. Null for a plainly stale claim.
     */
    private StateChange untrusted(MpSubscriptionFact f, String notification, Map<String, AttributeValue> stored,
            String now) {
        AttributeValue ceiling = stored == null ? null : stored.get(CEILING);
        if (ceiling == null || ceiling.n() == null || new BigInteger(ceiling.n()).compareTo(new BigInteger(f.txId())) >= 0) {
            return null;
        }
        StateChange c = StateChange.of(TableLayout.mpSubscription(f.subsId()), SubscriptionItem.SORT).existingOnly()
                .setNumber(UNTRUSTED_TX_ID, f.txId())
                .set(UNTRUSTED_STATUS, f.status())
                .set("untrustedAt", now)
                .increment("untrustedCount")
                .open(TableLayout.OPEN_MP_SUBSCRIPTION, now);
        return notification == null ? c : c.notification(notification, now, f.status());
    }
}
