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
import io.github.payguru.merchant.kernel.Amount;
import io.github.payguru.merchant.kernel.BadRequestException;
import io.github.payguru.merchant.kernel.CallbackAnswer;
import io.github.payguru.merchant.kernel.Identifiers;
import io.github.payguru.merchant.kernel.Masking;
import io.github.payguru.merchant.kernel.NotificationIds;
import io.github.payguru.merchant.kernel.Privacy;
import io.github.payguru.merchant.payguru.ServiceDirectory;
import io.github.payguru.merchant.kernel.Validation;

/**
 * MP billing (transaction) notification, {@code GET} with {@code msisdn, txId, status, operator, order,
 * item, amount, service, error, errorDesc, billingType, subsId} plus the merchant's pass-through query
 * string (src/site/markdown/payguru-api.md §1.1). {@code error} is read as free text like {@code errorDesc}: the URL template
 * calls it an error code, but the API's transaction object carries e.g. {@code "Yetersiz limit"} there
 * and the callback's values are not documented. Unsigned: {@link MpGuard} checks token and source first. The state
 * change is {@link MpTransactions#apply}; the success answer ({@code payguru.mp.success-body}) is given
 * only once stored.
 */
@ApplicationScoped
public class MpBillingNotifications {

    public static final String KIND = "mp-billing-notification";

    static final Set<String> DOCUMENTED = Set.of("msisdn", "txId", "status", "operator", "order", "item", "amount",
            "service", "error", "errorDesc", "billingType", "subsId");

    static final CallbackAnswer CONFLICT = CallbackAnswer.text(409,
            "Conflict: this txId is already recorded with a different service, amount, order or subsId");

    private static final Logger LOG = Logger.getLogger(MpBillingNotifications.class);

    private final ServiceDirectory services;
    private final Ledger ledger;
    private final MpGuard guard;
    private final MpTransactions transactions;
    private final MpConfig config;
    private final Privacy privacy;

    @Inject
    public MpBillingNotifications(ServiceDirectory services, Ledger ledger, MpGuard guard, MpTransactions transactions,
            MpConfig config, Privacy privacy) {
        this.services = services;
        this.ledger = ledger;
        this.guard = guard;
        this.transactions = transactions;
        this.config = config;
        this.privacy = privacy;
    }

    public CallbackAnswer handle(HttpRequest req) {
        Map<String, String> params = guard.admit(KIND, req);
        MpParams p = new MpParams(params);
        String txId = Identifiers.parse("txId", params.get("txId"));
        String status = p.required("status", Validation.STATUS_CODE);
        ServiceDirectory.NamedService service = MpParams.service(services, p.required("service", Validation.NUMERIC_ID));
        Amount amount = p.amount(config.maxAmount());
        if (amount == null && MpStatus.amountRequired(status)) {
            throw new BadRequestException("missing field: amount (required with status " + status + ")");
        }
        MpTransactionFact fact = new MpTransactionFact(txId, service.payguruId(), status,
                p.optional("order", Validation.REFERENCE), amount, p.operator(config.operators()),
                p.optional("item", MpParams.TEXT), p.optional("billingType", MpParams.CODE),
                p.identifier("subsId"), p.optional("error", MpParams.TEXT),
                p.optional("errorDesc", MpParams.TEXT), p.optional("msisdn", MpParams.MSISDN),
                p.passThrough(DOCUMENTED), MpTransactionFact.Source.CALLBACK);

        CallbackAnswer ok = CallbackAnswer.text(200, config.successBody());
        NotificationLogItem entry = ledger.newLogEntry(TableLayout.mpTransaction(txId), NotificationIds.of(KIND, params),
                KIND);
        entry.params = privacy.params(params);
        entry.sourceIp = req.sourceIp();
        entry.outcome = WriteResult.Outcome.APPLIED.label();
        NotificationRecorder.keep(ok, entry);
        MpTransactions.Result result = transactions.apply(fact, entry);
        String msisdn = Masking.msisdn(fact.msisdn());
        switch (result.outcome()) {
            case APPLIED -> {
                if (!MpStatus.INSTANCE.known(status)) {
                    LOG.warnf("%s txId=%s: undocumented status %s kept beside the state, flagged for reconciliation and"
                            + " the operator (statusKnown=false)", KIND, txId, status);
                }
                LOG.infof("%s applied txId=%s status=%s service=%s order=%s subsId=%s amount=%s msisdn=%s%s", KIND, txId,
                        status, fact.service(), fact.order(), fact.subsId(),
                        fact.amount() == null ? null : fact.amount().wire(), msisdn,
                        MpStatus.paid(status) && config.confirmBeforeTrust() ? " (unconfirmed until transaction detail)" : "");
                return ok;
            }
            case DUPLICATE -> {
                LOG.infof("%s duplicate txId=%s status=%s: first answer repeated", KIND, txId, status);
                return NotificationRecorder.previous(result.write().previous(), ok);
            }
            case CONFLICT -> {
                LOG.errorf("%s CONFLICT txId=%s: sent service=%s amount=%s order=%s subsId=%s, stored service=%s amount=%s order=%s subsId=%s",
                        KIND, txId, fact.service(), fact.amount() == null ? null : fact.amount().wire(), fact.order(),
                        fact.subsId(), result.write().currentString("service"), result.write().currentString("amount"),
                        result.write().currentString("orderRef"), result.write().currentString("subsId"));
                return NotificationRecorder.refused(ledger, CONFLICT, entry, result.outcome(), "stored service/amount/order/subsId differ");
            }
            default -> {
                LOG.infof("%s stale txId=%s: status %s after %s changes nothing", KIND, txId, status,
                        result.write().currentString("status"));
                return NotificationRecorder.refused(ledger, ok, entry, result.outcome(),
                        "stored status " + result.write().currentString("status") + " kept");
            }
        }
    }
}
