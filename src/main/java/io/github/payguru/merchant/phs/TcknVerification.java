package io.github.payguru.merchant.phs;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.github.payguru.merchant.callback.CallbackAnswer;
import io.github.payguru.merchant.callback.NotificationRecorder;
import io.github.payguru.merchant.kernel.BadRequestException;
import io.github.payguru.merchant.kernel.HttpRequest;
import io.github.payguru.merchant.kernel.Identifiers;
import io.github.payguru.merchant.kernel.Line;
import io.github.payguru.merchant.kernel.Masking;
import io.github.payguru.merchant.kernel.Metrics;
import io.github.payguru.merchant.kernel.Privacy;
import io.github.payguru.merchant.kernel.StatusMachine;
import io.github.payguru.merchant.kernel.Validation;
import io.github.payguru.merchant.payguru.PayguruKeys;
import io.github.payguru.merchant.payguru.ServiceDirectory;
import io.github.payguru.merchant.payguru.TcknVerifyKeyInput;
import io.github.payguru.merchant.store.Ledger;
import io.github.payguru.merchant.store.LedgerReader;
import io.github.payguru.merchant.store.OrderItem;
import io.github.payguru.merchant.store.StateChange;
import io.github.payguru.merchant.store.TableLayout;
import io.github.payguru.merchant.store.WriteResult;

/**
 * PHS TCKN verify (src/site/markdown/payguru-api.md §1.6): Payguru asks which national id the merchant holds for an
 * order; we answer {@code md5(TCKN + servicePrivateKey)} as stored at registration. Payguru then
 * reports {@code verified} or {@code unverified}, recorded on the order.
 * Key: {@code md5(serviceCode + merchantId + order + merchantKey + serviceKey)}.
 * <p>
 * First wins: the key covers neither {@code notification_type} nor {@code txid}, and Payguru documents no order
 * between outcomes nor any way to revoke one, so a captured request can be replayed with the other type. The first
 * outcome recorded for an order stays (written with the condition that the order has none yet); a later one, of the
 * same or the other type, changes nothing, is answered as the first was (the order's hash) and, when it differs,
 * logged and counted ({@code TcknVerificationConflicts}).
 */
@ApplicationScoped
public class TcknVerification {

    public static final String KIND = "tckn-verify";
    public static final Set<String> TYPES = Set.of("verify", "verified", "unverified");

    /** Wrong key or unknown order: the documented negative answer. */
    public static final String REFUSED_BODY = "{\"status\":false,\"tckn\":null}";

    private static final Logger LOG = Logger.getLogger(TcknVerification.class);

    private final ServiceDirectory services;
    private final Ledger ledger;
    private final LedgerReader reader;
    private final NotificationRecorder recorder;
    private final Privacy privacy;
    private final Metrics metrics;

    @Inject
    public TcknVerification(ServiceDirectory services, Ledger ledger, LedgerReader reader, NotificationRecorder recorder,
            Privacy privacy, Metrics metrics) {
        this.services = services;
        this.ledger = ledger;
        this.reader = reader;
        this.recorder = recorder;
        this.privacy = privacy;
        this.metrics = metrics;
    }

    public CallbackAnswer handle(HttpRequest req) {
        String order = Validation.check("order", req.required("order"), Validation.REFERENCE);
        String key = req.required("key");
        String type = Optional.ofNullable(req.param("notification_type")).orElse("verify");
        if (!TYPES.contains(type)) {
            throw new BadRequestException("malformed field: notification_type (verify, verified or unverified)");
        }
        String txid = req.param("txid");
        if (txid != null && !txid.isEmpty()) {
            Identifiers.parse("txid", txid);
        }
        List<ServiceDirectory.NamedService> candidates = services.candidates(Line.PHS, req.param(ServiceDirectory.SELECTOR));
        String merchantId = services.merchantId();
        String merchantKey = services.merchantPrivateKey();
        Optional<ServiceDirectory.NamedService> signer = services.signer(candidates,
                s -> PayguruKeys.md5(new TcknVerifyKeyInput(merchantId, merchantKey, s.payguruId(), s.privateKey(),
                        order)),
                key);
        if (signer.isEmpty()) {
            LOG.warnf("tckn-verify refused: wrong key order=%s from %s", Masking.text(order),
                    Masking.sourceIp(req.sourceIp()));
            return recorder.reject(KIND, req.params(), req.sourceIp(), "wrong key", refused(403));
        }
        privacy.refuseSecrets(req.params(), null);
        String pk = TableLayout.phsOrder(signer.get().payguruId(), order);
        Optional<OrderItem> stored = reader.order(pk);
        if (stored.isEmpty() || stored.get().tcknHash == null) {
            LOG.infof("tckn-verify %s: unknown order %s", type, order);
            return refused(200);
        }
        if (!"verify".equals(type)) {
            WriteResult w = ledger.apply(StateChange.of(pk, OrderItem.SORT).existingOnly()
                    .transition("verification", type, Set.of(StatusMachine.NONE)) // first wins
                    .set("verificationTxId", txid)
                    .set("updatedAt", ledger.now().toString()));
            String kept = w.outcome() == WriteResult.Outcome.APPLIED ? type : w.currentString("verification");
            if (w.outcome() == WriteResult.Outcome.APPLIED) {
                LOG.infof("tckn-verify order=%s txid=%s: %s recorded", Masking.text(order), txid, type);
            } else if (type.equals(kept)) {
                LOG.infof("tckn-verify order=%s txid=%s: %s again, already recorded", Masking.text(order), txid, type);
            } else {
                metrics.count("TcknVerificationConflicts", Map.of());
                LOG.warnf("tckn-verify order=%s txid=%s: %s refused, the first outcome %s (txid=%s) stays", Masking.text(order), txid,
                        type, kept, w.currentString("verificationTxId"));
            }
        } else {
            LOG.infof("tckn-verify order=%s txid=%s: hash answered", Masking.text(order), txid);
        }
        return CallbackAnswer.json(200, "{\"status\":true,\"tckn\":\"" + stored.get().tcknHash + "\"}");
    }

    public static CallbackAnswer refused(int status) {
        return CallbackAnswer.json(status, REFUSED_BODY);
    }
}
