package io.github.payguru.merchant.phs;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.github.payguru.merchant.kernel.HttpRequest;
import io.github.payguru.merchant.store.Ledger;
import io.github.payguru.merchant.store.NotificationLogItem;
import io.github.payguru.merchant.store.NotificationRecorder;
import io.github.payguru.merchant.store.StateChange;
import io.github.payguru.merchant.store.TableLayout;
import io.github.payguru.merchant.store.WriteResult;
import io.github.payguru.merchant.kernel.Amount;
import io.github.payguru.merchant.kernel.CallbackAnswer;
import io.github.payguru.merchant.kernel.Identifiers;
import io.github.payguru.merchant.kernel.Line;
import io.github.payguru.merchant.kernel.Masking;
import io.github.payguru.merchant.kernel.NotificationIds;
import io.github.payguru.merchant.kernel.PayguruKeys;
import io.github.payguru.merchant.kernel.Privacy;
import io.github.payguru.merchant.payguru.ServiceDirectory;
import io.github.payguru.merchant.kernel.Validation;

/**
 * PHS notify: Payguru reports an accepted bank-transfer payment (src/site/markdown/payguru-api.md §1.5).
 * <p>
 * The key is {@code md5(serviceCode + merchantId + txid + code + order + amount + merchantKey + serviceKey)}
 * over the exact wire strings. Unlike the documentation's PHP sample (which assigns instead of
 * comparing, so every key passes), a wrong key is refused whatever the status. {@code OK} is
 * answered only after the state is durably stored.
 */
@ApplicationScoped
public class PhsNotifications {

    public static final String KIND = "phs-notify";

    static final CallbackAnswer OK = CallbackAnswer.text(200, "OK");
    static final CallbackAnswer WRONG_DATA = CallbackAnswer.text(403, "Wrong Data");
    static final CallbackAnswer CONFLICT = CallbackAnswer.text(409,
            "Conflict: this txid is already recorded with a different amount, order, code or service");

    private static final Logger LOG = Logger.getLogger(PhsNotifications.class);

    private final ServiceDirectory services;
    private final Ledger ledger;
    private final Privacy privacy;

    @Inject
    public PhsNotifications(ServiceDirectory services, Ledger ledger, Privacy privacy) {
        this.services = services;
        this.ledger = ledger;
        this.privacy = privacy;
    }

    public CallbackAnswer handle(HttpRequest req) {
        String txid = Identifiers.parse("txid", req.param("txid"));
        String code = Validation.check("code", req.required("code"), Validation.REFERENCE);
        String order = Validation.check("order", req.required("order"), Validation.REFERENCE);
        String status = Validation.check("status", req.required("status"), Validation.STATUS_CODE);
        Amount amount = Validation.positiveAmount("amount", req.required("amount"));
        String date = Validation.check("transaction_date", req.required("transaction_date"), Validation.DATE);
        String bank = Validation.check("bank", req.required("bank"), Validation.REFERENCE);
        String key = req.required("key");

        List<ServiceDirectory.NamedService> candidates = services.candidates(Line.PHS, req.param(ServiceDirectory.SELECTOR));
        String merchantId = services.merchantId();
        String merchantKey = services.merchantPrivateKey();
        Optional<ServiceDirectory.NamedService> signer = services.signer(candidates,
                s -> PayguruKeys.phsNotifyKey(s.payguruId(), merchantId, txid, code, order, amount.wire(), merchantKey,
                        s.privateKey()),
                key);
        String pk = TableLayout.phsTransaction(txid);
        NotificationLogItem entry = ledger.newLogEntry(pk, NotificationIds.of(KIND, req.params()), KIND);
        entry.params = privacy.params(req.params());
        entry.sourceIp = req.sourceIp();
        if (signer.isEmpty()) {
            entry.detail = "wrong key";
            NotificationRecorder.keep(WRONG_DATA, entry);
            ledger.recordRejection(entry);
            LOG.warnf("phs-notify refused: wrong key txid=%s order=%s status=%s from %s", txid, order, status,
                    req.sourceIp());
            return WRONG_DATA;
        }
        privacy.refuseSecrets(req.params(), null);

        boolean known = PhsStatus.INSTANCE.known(status);
        String now = ledger.now().toString();
        StateChange change = PhsTransactions.change(txid, status, amount, order, code, signer.get().payguruId(),
                Masking.text(bank), Masking.text(date), entry.sk, now);
        entry.outcome = WriteResult.Outcome.APPLIED.label();
        NotificationRecorder.keep(OK, entry);
        WriteResult result = ledger.record(entry, change);
        switch (result.outcome()) {
            case APPLIED -> {
                if (!known) {
                    LOG.warnf("phs-notify txid=%s order=%s: undocumented status %s kept beside the state, flagged for"
                            + " reconciliation and the operator (statusKnown=false)", txid, order, status);
                }
                LOG.infof("phs-notify applied txid=%s order=%s status=%s amount=%s", txid, order, status,
                        amount.wire());
                return OK;
            }
            case DUPLICATE -> {
                LOG.infof("phs-notify duplicate txid=%s status=%s: first answer repeated", txid, status);
                return NotificationRecorder.previous(result.previous(), OK);
            }
            case CONFLICT -> {
                LOG.errorf("phs-notify CONFLICT txid=%s: sent order=%s amount=%s code=%s service=%s, stored order=%s"
                        + " amount=%s code=%s service=%s", txid, order, amount.wire(), code, signer.get().payguruId(),
                        result.currentString("orderRef"), result.currentString("amount"),
                        result.currentString("payguruCode"), result.currentString("service"));
                return NotificationRecorder.refused(ledger, CONFLICT, entry, result.outcome(), "stored amount/order/code/service differ");
            }
            default -> {
                LOG.infof("phs-notify stale txid=%s: status %s after %s changes nothing", txid, status,
                        result.currentString("status"));
                return NotificationRecorder.refused(ledger, OK, entry, result.outcome(),
                        "stored status " + result.currentString("status") + " kept");
            }
        }
    }
}
