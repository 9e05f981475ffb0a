package io.github.payguru.merchant.mp;

import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.github.payguru.merchant.kernel.HttpRequest;
import io.github.payguru.merchant.store.Ledger;
import io.github.payguru.merchant.store.NotificationLogItem;
import io.github.payguru.merchant.store.NotificationRecorder;
import io.github.payguru.merchant.store.TableLayout;
import io.github.payguru.merchant.store.WriteResult;
import io.github.payguru.merchant.kernel.CallbackAnswer;
import io.github.payguru.merchant.kernel.Identifiers;
import io.github.payguru.merchant.kernel.Masking;
import io.github.payguru.merchant.kernel.NotificationIds;
import io.github.payguru.merchant.kernel.Privacy;
import io.github.payguru.merchant.payguru.ServiceDirectory;
import io.github.payguru.merchant.kernel.Validation;

/**
 * MP subscription notification, {@code GET} with {@code msisdn, subsId, txId, status, operator, service,
 * order, billingType} plus pass-through (src/site/markdown/payguru-api.md §1.2). Unsigned: {@link MpGuard} first. The
 * state change is {@link MpSubscriptions#apply} (ordered by txId).
 */
@ApplicationScoped
public class MpSubscriptionNotifications {

    public static final String KIND = "mp-subscription-notification";

    static final Set<String> DOCUMENTED = Set.of("msisdn", "subsId", "txId", "status", "operator", "service", "order",
            "billingType");

    static final CallbackAnswer CONFLICT = CallbackAnswer.text(409,
            "Conflict: this subsId is already recorded with a different service or order");

    private static final Logger LOG = Logger.getLogger(MpSubscriptionNotifications.class);

    private final ServiceDirectory services;
    private final Ledger ledger;
    private final MpGuard guard;
    private final MpSubscriptions subscriptions;
    private final MpConfig config;
    private final Privacy privacy;

    @Inject
    public MpSubscriptionNotifications(ServiceDirectory services, Ledger ledger, MpGuard guard,
            MpSubscriptions subscriptions, MpConfig config, Privacy privacy) {
        this.services = services;
        this.ledger = ledger;
        this.guard = guard;
        this.subscriptions = subscriptions;
        this.config = config;
        this.privacy = privacy;
    }

    public CallbackAnswer handle(HttpRequest req) {
        Map<String, String> params = guard.admit(KIND, req);
        MpParams p = new MpParams(params);
        String subsId = Identifiers.parse("subsId", params.get("subsId"));
        String txId = Identifiers.parse("txId", params.get("txId"));
        String status = p.required("status", MpParams.WORD);
        ServiceDirectory.NamedService service = MpParams.service(services, p.required("service", Validation.NUMERIC_ID));
        MpSubscriptionFact fact = new MpSubscriptionFact(subsId, txId, service.payguruId(), status,
                p.optional("order", Validation.REFERENCE), p.operator(config.operators()),
                p.optional("billingType", MpParams.CODE), p.optional("msisdn", MpParams.MSISDN),
                p.passThrough(DOCUMENTED));

        CallbackAnswer ok = CallbackAnswer.text(200, config.successBody());
        NotificationLogItem entry = ledger.newLogEntry(TableLayout.mpSubscription(subsId),
                NotificationIds.of(KIND, params), KIND);
        entry.params = privacy.params(params);
        entry.sourceIp = req.sourceIp();
        entry.outcome = WriteResult.Outcome.APPLIED.label();
        NotificationRecorder.keep(ok, entry);
        WriteResult result = subscriptions.apply(fact, entry);
        switch (result.outcome()) {
            case APPLIED -> {
                if (!MpSubscriptionStatus.known(status)) {
                    LOG.warnf("%s subsId=%s: undocumented status %s kept beside the state, flagged for reconciliation"
                        + " and the operator (statusKnown=false)", KIND, subsId, status);
                }
                LOG.infof("%s applied subsId=%s txId=%s status=%s service=%s order=%s msisdn=%s", KIND, subsId, txId,
                        status, fact.service(), fact.order(), Masking.msisdn(fact.msisdn()));
                return ok;
            }
            case DUPLICATE -> {
                LOG.infof("%s duplicate subsId=%s txId=%s status=%s: first answer repeated", KIND, subsId, txId, status);
                return NotificationRecorder.previous(result.previous(), ok);
            }
            case CONFLICT -> {
                LOG.errorf("%s CONFLICT subsId=%s: sent service=%s order=%s, stored service=%s order=%s", KIND, subsId,
                        fact.service(), fact.order(), result.currentString("service"), result.currentString("orderRef"));
                return NotificationRecorder.refused(ledger, CONFLICT, entry, result.outcome(), "stored service/order differ");
            }
            default -> {
                LOG.infof("%s stale subsId=%s: txId=%s status=%s is older than stored txId=%s status=%s", KIND, subsId,
                        txId, status, result.currentString("txId"), result.currentString("status"));
                return NotificationRecorder.refused(ledger, ok, entry, result.outcome(),
                        "newer txId " + result.currentString("txId") + " (status " + result.currentString("status")
                        + ") kept");
            }
        }
    }
}
