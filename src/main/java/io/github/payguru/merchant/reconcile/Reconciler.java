package io.github.payguru.merchant.reconcile;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.github.payguru.merchant.kernel.BadRequestException;
import io.github.payguru.merchant.kernel.Masking;
import io.github.payguru.merchant.mp.MpOperations;
import io.github.payguru.merchant.payguru.OperationException;
import io.github.payguru.merchant.phs.PhsOperations;
import io.github.payguru.merchant.payguru.OperationRequest;
import io.github.payguru.merchant.store.Ledger;
import io.github.payguru.merchant.store.OpenItems;
import io.github.payguru.merchant.store.StorageException;
import io.github.payguru.merchant.store.TableLayout;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Pulls Payguru's truth for items still open (the sparse {@code open-items} index) that have not moved
 * for {@code payguru.reconcile.stale-after}: PHS transactions through {@code transaction/get}, MP
 * transactions through {@code transaction/detail}, MP subscriptions through {@code subscription/detail}.
 * What Payguru reports is applied by the same operations (and so the same state machines) the merchant's
 * backend uses: a query never moves a state backwards, and a paid MP transaction waiting for
 * confirmation is confirmed. An item that stays open gets its {@code opensk} moved to now so the next
 * run checks the next ones; a rate limit ends the run (the rest waits for the next schedule).
 */
@ApplicationScoped
public class Reconciler {

    private static final Logger LOG = Logger.getLogger(Reconciler.class);

    /**
     * What one run did, per kind of item.
     *
     * @param checked items asked about
     * @param settled items that left the open index
     * @param failed items Payguru could not answer for (unknown, refused, transport error)
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

    private final Ledger ledger;
    private final OpenItems openItems;
    private final MpOperations mp;
    private final PhsOperations phs;
    private final ReconcileConfig config;

    @Inject
    public Reconciler(Ledger ledger, OpenItems openItems, MpOperations mp, PhsOperations phs, ReconcileConfig config) {
        this.ledger = ledger;
        this.openItems = openItems;
        this.mp = mp;
        this.phs = phs;
        this.config = config;
    }

    public Report run() {
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
            List<Map<String, AttributeValue>> items = openItems.olderThan(TableLayout.openPartition(kind), cutoff, budget);
            for (Map<String, AttributeValue> item : items) {
                budget--;
                checked.merge(kind, 1, Integer::sum);
                String pk = s(item, TableLayout.PK);
                try {
                    ask(kind, item);
                    if (openItems.moveToBack(pk, s(item, TableLayout.SK), now.toString())) {
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
                    openItems.moveToBack(pk, s(item, TableLayout.SK), now.toString());
                } catch (BadRequestException e) {
                    failed.merge(kind, 1, Integer::sum);
                    LOG.warnf("reconcile %s %s cannot be asked about: %s", kind, pk, Masking.text(e.getMessage()));
                    openItems.moveToBack(pk, s(item, TableLayout.SK), now.toString());
                } catch (StorageException e) {
                    LOG.errorf("reconcile stopped: %s", Masking.text(e.getMessage()));
                    return new Report(checked, settled, failed, "storage: " + e.getMessage());
                }
            }
        }
        LOG.infof("reconcile run: checked=%s settled=%s failed=%s", checked, settled, failed);
        return new Report(checked, settled, failed, null);
    }

    private void ask(String kind, Map<String, AttributeValue> item) {
        OperationRequest req = new OperationRequest(OperationRequest.object());
        switch (kind) {
            case "PHS" -> {
                req.body().put("id", required(item, "txId"));
                phs.getTransaction(req);
            }
            case TableLayout.OPEN_MP -> {
                req.body().put("service", required(item, "service"));
                req.body().put("transactionId", required(item, "txId"));
                mp.transactionGet(req);
            }
            case TableLayout.OPEN_MP_SUBSCRIPTION -> {
                req.body().put("service", required(item, "service"));
                req.body().put("subscriptionId", required(item, "subsId"));
                mp.subscriptionGet(req);
            }
            default -> throw new BadRequestException("unknown reconciliation kind: " + kind);
        }
    }

    private static String required(Map<String, AttributeValue> item, String name) {
        String v = s(item, name);
        if (v == null || v.isBlank()) {
            throw new BadRequestException("open item without " + name);
        }
        return v;
    }

    private static String s(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null ? null : v.s() != null ? v.s() : v.n();
    }
}
