package io.github.payguru.merchant.phs;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.github.payguru.merchant.callback.CallbackAnswer;
import io.github.payguru.merchant.callback.NotificationRecorder;
import io.github.payguru.merchant.kernel.Amount;
import io.github.payguru.merchant.kernel.HttpRequest;
import io.github.payguru.merchant.kernel.Identifiers;
import io.github.payguru.merchant.kernel.Line;
import io.github.payguru.merchant.kernel.Masking;
import io.github.payguru.merchant.kernel.Privacy;
import io.github.payguru.merchant.kernel.Validation;
import io.github.payguru.merchant.payguru.PayguruKeys;
import io.github.payguru.merchant.payguru.PhsNotifyKeyInput;
import io.github.payguru.merchant.payguru.ServiceDirectory;

/**
 * PHS notify: Payguru reports an accepted bank-transfer payment (src/site/markdown/payguru-api.md §1.5).
 * <p>
 * The key is {@code md5(serviceCode + merchantId + txid + code + order + amount + merchantKey + serviceKey)}
 * over the exact wire strings. Unlike the documentation's PHP sample (which assigns instead of
 * comparing, so every key passes), a wrong key is refused whatever the status. {@code OK} is
 * answered only after the state is durably stored.
 * <p>
 * The key covers neither {@code status} nor {@code transaction_date} nor {@code bank}: a captured notify can be
 * replayed with another status. Under confirm before trust ({@link PhsConfig}) what a notify reports is stored as a
 * claim ({@code confirmed=false}, a status that ends a payment stays in {@code open-items}) until Payguru's
 * {@code transaction/get} shows it ({@link PhsTransactions}); it is answered {@code OK} all the same.
 */
@ApplicationScoped
public class PhsNotifications {

    public static final String KIND = "phs-notify";

    static final CallbackAnswer OK = CallbackAnswer.text(200, "OK");
    static final CallbackAnswer WRONG_DATA = CallbackAnswer.text(403, "Wrong Data");
    static final CallbackAnswer CONFLICT = CallbackAnswer.text(409,
            "Conflict: this txid is already recorded with a different amount, order, code or service");

    /** A repeat or a late older status changes nothing and is answered OK, so that Payguru stops resending. */
    static final NotificationRecorder.Rules RULES = new NotificationRecorder.Rules(KIND,
            new NotificationRecorder.Answers(OK, OK, CONFLICT), "stored amount/order/code/service differ",
            List.of("orderRef", "amount", "payguruCode", "service"), NotificationRecorder.STORED_STATUS_KEPT);

    private static final Logger LOG = Logger.getLogger(PhsNotifications.class);

    private final ServiceDirectory services;
    private final NotificationRecorder recorder;
    private final Privacy privacy;
    private final Clock clock;
    private final PhsConfig config;

    @Inject
    public PhsNotifications(ServiceDirectory services, NotificationRecorder recorder, Privacy privacy, Clock clock,
            PhsConfig config) {
        this.services = services;
        this.recorder = recorder;
        this.privacy = privacy;
        this.clock = clock;
        this.config = config;
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
                s -> PayguruKeys.md5(new PhsNotifyKeyInput(merchantId, merchantKey, s.payguruId(), s.privateKey(), txid,
                        code, order, amount.wire())),
                key);
        if (signer.isEmpty()) {
            LOG.warnf("phs-notify refused: wrong key txid=%s order=%s status=%s from %s", txid, Masking.text(order), status,
                    Masking.sourceIp(req.sourceIp()));
            return recorder.reject(KIND, req.params(), req.sourceIp(), "wrong key", WRONG_DATA);
        }
        privacy.refuseSecrets(req.params(), null);

        String service = signer.get().payguruId();
        boolean claim = config.confirmBeforeTrust() && PhsStatus.INSTANCE.terminal(status);
        NotificationRecorder.Delivery delivery = new NotificationRecorder.Delivery(
                req.params(), req.sourceIp(), String.format("txid=%s order=%s status=%s amount=%s code=%s service=%s",
                        txid, order, status, amount.wire(), code, service),
                PhsStatus.INSTANCE.known(status), claim ? " (a claim: unconfirmed until transaction/get shows it)" : "");
        return recorder.record(RULES, delivery, notification -> PhsTransactions.change(txid, status, amount, order,
                code, service, Masking.text(bank), Masking.text(date), notification, clock.instant().toString(),
                !config.confirmBeforeTrust()));
    }
}
