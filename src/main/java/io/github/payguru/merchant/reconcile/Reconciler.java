package io.github.payguru.merchant.reconcile;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.github.payguru.merchant.kernel.ChangeCause;
import io.github.payguru.merchant.kernel.Identifiers;
import io.github.payguru.merchant.kernel.Line;
import io.github.payguru.merchant.kernel.Masking;
import io.github.payguru.merchant.kernel.Metrics;
import io.github.payguru.merchant.mp.MpQueries;
import io.github.payguru.merchant.payguru.OperationException;
import io.github.payguru.merchant.payguru.ServiceDirectory;
import io.github.payguru.merchant.phs.PhsQueries;
import io.github.payguru.merchant.store.Ledger;
import io.github.payguru.merchant.store.OpenItems;
import io.github.payguru.merchant.store.StorageException;
import io.github.payguru.merchant.store.TableLayout;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Pulls Payguru's truth for items still open (the sparse {@code open-items} index, every shard of a kind and its
 * partition from before sharding, oldest first) that have not moved
 * for {@code payguru.reconcile.stale-after}: PHS transactions through {@code transaction/get}, MP
 * transactions through {@code transaction/detail}, MP subscriptions through {@code subscription/detail}.
 * What Payguru reports is applied by the same queries (and so the same state machines) the merchant's
 * backend uses ({@link MpQueries}, {@link PhsQueries}): Payguru's answer confirms what a callback only claimed, or
 * overrides it (MP transactions and cycles, and PHS transactions under confirm before trust, stay open while their
 * state is an unconfirmed claim, failures, refunds and cancels included), and never moves a confirmed state
 * backwards. An item that stays open gets its {@code opensk} moved to
 * now so the next run checks the next ones; a rate limit ends the run (the rest waits for the next schedule).
 * An open item that lacks what it takes to ask (its id, its service) is a data problem: logged, counted as
 * failed and moved to the back of the queue like any other.
 */
@ApplicationScoped
public class Reconciler {

    private static final Logger LOG = Logger.getLogger(Reconciler.class);

    /**
     * What one run did, per kind of item.
     *
     * @param checked items asked about
     * @param settled items that left the open index
     * @param failed items Payguru could not answer for (unknown, refused, transport error), or that lack
     *        the data to ask about them
     * @param stoppedBy why the run ended early, or null
     */
    public record Report(Map<String, Integer> checked, Map<String, Integer> settled, Map<String, Integer> failed,
            String stoppedBy) {

        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("checked", checked);
            m.put("settled", settled);
            m.put("failed", failed);
            m.put("stoppedBy", stoppedBy);
            return m;
        }
    }

    /** An open item that cannot be asked about: what it lacks (no personal data in the message). */
    private static final class Unaskable extends RuntimeException {

        Unaskable(String message) {
            super(message, null, false, false);
        }
    }

    private final Ledger ledger;
    private final OpenItems openItems;
    private final ServiceDirectory services;
    private final MpQueries mp;
    private final PhsQueries phs;
    private final ReconcileConfig config;
    private final Metrics metrics;

    @Inject
    public Reconciler(Ledger ledger, OpenItems openItems, ServiceDirectory services, MpQueries mp, PhsQueries phs,
            ReconcileConfig config, Metrics metrics) {
        this.metrics = metrics;
        this.ledger = ledger;
        this.openItems = openItems;
        this.services = services;
        this.mp = mp;
        this.phs = phs;
        this.config = config;
    }

    /** One run, counted as ReconcileChecked/Settled/Failed metrics (an alarm watches the failures). */
    public Report run() {
        Report r = runOnce();
        metrics.emit(Map.of(), new Metrics.Measure("ReconcileChecked", Metrics.Unit.COUNT, total(r.checked())),
                new Metrics.Measure("ReconcileSettled", Metrics.Unit.COUNT, total(r.settled())),
                new Metrics.Measure("ReconcileFailed", Metrics.Unit.COUNT, total(r.failed())));
        return r;
    }

    private static long total(Map<String, Integer> counts) {
        return counts.values().stream().mapToLong(Integer::longValue).sum();
    }

    private Report runOnce() {
        Instant now = ledger.now();
        String cutoff = now.minus(config.staleAfter()).toString();
        Map<String, Integer> checked = new LinkedHashMap<>();
        Map<String, Integer> settled = new LinkedHashMap<>();
        Map<String, Integer> failed = new LinkedHashMap<>();
        int budget = config.maxItems();
        for (String kind : config.kinds()) {
            if (budget <= 0) {
                break;
            }
            List<Map<String, AttributeValue>> items = openItems.olderThan(kind, cutoff, budget);
            for (Map<String, AttributeValue> item : items) {
                budget--;
                checked.merge(kind, 1, Integer::sum);
                String pk = s(item, TableLayout.PK);
                try {
                    ChangeCause.reconciling(() -> ask(kind, item));
                    if (openItems.moveToBack(kind, pk, s(item, TableLayout.SK), now.toString())) {
                        LOG.infof("reconcile %s %s: still open after Payguru's answer", kind, pk);
                    } else {
                        settled.merge(kind, 1, Integer::sum);
                        LOG.infof("reconcile %s %s: settled", kind, pk);
                    }
                } catch (OperationException e) {
                    failed.merge(kind, 1, Integer::sum);
                    LOG.warnf("reconcile %s %s: %s %s", kind, pk, e.code(), Masking.text(e.getMessage()));
                    if (e.status() == 429 || OperationException.RATE_LIMIT.equals(e.source())) {
                        return new Report(checked, settled, failed, "rate limit: " + e.code());
                    }
                    openItems.moveToBack(kind, pk, s(item, TableLayout.SK), now.toString());
                } catch (Unaskable e) {
                    failed.merge(kind, 1, Integer::sum);
                    LOG.warnf("reconcile %s %s cannot be asked about: %s", kind, Masking.text(pk),
                            Masking.text(e.getMessage()));
                    openItems.moveToBack(kind, pk, s(item, TableLayout.SK), now.toString());
                } catch (StorageException e) {
                    LOG.errorf("reconcile stopped: %s", Masking.text(e.getMessage()));
                    return new Report(checked, settled, failed, "storage: " + e.getMessage());
                }
            }
        }
        LOG.infof("reconcile run: checked=%s settled=%s failed=%s", checked, settled, failed);
        return new Report(checked, settled, failed, null);
    }

    /** Asks Payguru about one open item through the typed query of its kind. */
    private void ask(String kind, Map<String, AttributeValue> item) throws Unaskable {
        switch (kind) {
            case "PHS" -> phs.refreshTransaction(id(item, "txId"));
            case TableLayout.OPEN_MP -> mp.refreshTransaction(mpService(item), id(item, "txId"));
            case TableLayout.OPEN_MP_SUBSCRIPTION -> mp.refreshSubscription(mpService(item), id(item, "subsId"));
            default -> throw new Unaskable("unknown reconciliation kind " + kind);
        }
    }

    private ServiceDirectory.NamedService mpService(Map<String, AttributeValue> item) throws Unaskable {
        String service = present(item, "service");
        return services.find(Line.MP, service)
                .orElseThrow(() -> new Unaskable("open item of service " + service + ", which is not configured"));
    }

    private static String id(Map<String, AttributeValue> item, String name) throws Unaskable {
        String v = present(item, name);
        if (!Identifiers.canonical(v)) {
            throw new Unaskable("open item whose " + name + " is not a Payguru identifier");
        }
        return v;
    }

    private static String present(Map<String, AttributeValue> item, String name) throws Unaskable {
        String v = s(item, name);
        if (v == null || v.isBlank()) {
            throw new Unaskable("open item without " + name);
        }
        return v;
    }

    private static String s(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null ? null : v.s() != null ? v.s() : v.n();
    }
}
