package io.github.payguru.merchant.dev.simulator;

import static io.github.payguru.merchant.dev.simulator.SimulatorError.phs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;

import io.github.payguru.merchant.kernel.Masking;
import io.github.payguru.merchant.payguru.PayguruKeys;
import io.github.payguru.merchant.payguru.ServiceDirectory.NamedService;
import io.github.payguru.merchant.payguru.TcknHashInput;

/**
 * What the simulated PHS platform does when a customer's bank transfer arrives (the transfer page, or
 * {@code transaction/test} on the sandbox): the transaction is made, the merchant is asked to verify
 * the sender's TCKN, and on a good answer the transaction is paid (3) and the signed notify sent;
 * otherwise it waits for the merchant (5). State changes under {@link SimContext#lock}; callbacks are
 * submitted after it is released.
 */
final class PhsTransferFlows {

    private static final Logger LOG = Logger.getLogger(PhsTransferFlows.class);

    private final SimContext ctx;
    private final PhsState state;
    private final PhsApiFlows api;
    private final PhsCallbacks callbacks;
    private final CallbackSender sender;
    private volatile boolean sandbox = true;

    PhsTransferFlows(SimContext ctx, PhsState state, PhsApiFlows api, PhsCallbacks callbacks, CallbackSender sender) {
        this.ctx = ctx;
        this.state = state;
        this.api = api;
        this.callbacks = callbacks;
        this.sender = sender;
    }

    /** The sandbox knob back to its configured value. */
    void reset() {
        sandbox = ctx.settings.phsSandbox;
    }

    /** false: {@code transaction/test} is refused ({@code ERR_039}) as on the production platform. */
    void setSandbox(boolean sandbox) {
        this.sandbox = sandbox;
    }

    boolean sandbox() {
        return sandbox;
    }

    /**
     * The customer's bank transfer for a payment notification arrives ({@code yonlendir ?pay=1}):
     * TCKN verify with the merchant, then the signed notify (status 3), or {@code unverified} and the
     * transaction left waiting for the merchant (5) when the merchant's TCKN does not match the sender's.
     *
     * @param senderTckn the TCKN of the account the money came from (null: the one given at create)
     */
    PhsTransaction transfer(String code, String senderTckn, boolean synchronous) {
        PhsTransaction tx;
        NamedService svc;
        String tckn;
        synchronized (ctx.lock) {
            PhsPaymentNotification pn = state.paymentNotificationByCode(code)
                    .orElseThrow(() -> new SimulatorError(404, "ERR_013", null));
            if (pn.transactionId != null) {
                throw new SimulatorError(409, "ERR_018", null);
            }
            svc = state.service(pn.serviceCode).orElseThrow(() -> phs("ERR_005"));
            tx = state.newTransaction(svc, pn.bank, pn.code, pn.order, pn.amount);
            tx.userName = pn.name;
            tx.remoteDescription = pn.code;
            paidBy(pn, tx);
            tckn = senderTckn != null ? senderTckn : pn.tcNo;
        }
        deliver(svc, tx, tckn, ctx.settings.phsTcknCheck, synchronous);
        return tx;
    }

    /** {@code transaction/test} (sandbox only): a transfer for a reference, delivered before answering. */
    PhsTransaction testTransaction(Map<String, String> p) {
        if (!sandbox) {
            throw phs("ERR_039");
        }
        NamedService svc = api.service(p.get("code"));
        String ref = p.get("ref");
        String amount = p.get("amount");
        PhsApiFlows.amount(amount);
        PhsTransaction tx;
        synchronized (ctx.lock) {
            PhsState.Order known = state.reference(ref).filter(o -> o.serviceCode().equals(svc.payguruId()))
                    .orElseThrow(() -> phs("ERR_014"));
            Optional<PhsPaymentNotification> pn = state.paymentNotificationByCode(ref);
            tx = state.newTransaction(svc, pn.map(x -> x.bank).orElse(PhsBank.ALL.get("isbank")), ref, known.order(),
                    amount);
            tx.userName = p.get("name");
            tx.remoteDescription = p.get("description");
            tx.remoteBank = p.get("iban") == null ? null : Masking.iban(p.get("iban"));
            pn.ifPresent(x -> paidBy(x, tx));
        }
        // the test call verifies the TCKN only when one is given; without it the notify goes straight out
        String tckn = p.get("tckno");
        deliver(svc, tx, tckn, ctx.settings.phsTcknCheck && tckn != null, true);
        return tx;
    }

    private static void paidBy(PhsPaymentNotification pn, PhsTransaction tx) {
        pn.transactionId = tx.id;
        pn.status = 1;
    }

    private void deliver(NamedService svc, PhsTransaction tx, String senderTckn, boolean verify, boolean synchronous) {
        List<Callback> batch = verify
                ? List.of(callbacks.verifyQuestion(svc, tx, d -> afterVerify(svc, tx, senderTckn, d)))
                : approve(svc, tx, false);
        sender.submit(batch, synchronous);
    }

    private List<Callback> afterVerify(NamedService svc, PhsTransaction tx, String senderTckn, Delivery answer) {
        if (verified(svc, senderTckn, answer)) {
            return approve(svc, tx, true);
        }
        synchronized (ctx.lock) {
            tx.status = 5;
        }
        LOG.infof("payguru simulator: PHS txid=%s order=%s not verified by the merchant: waiting for approval (5)",
                tx.id, tx.order);
        return List.of(callbacks.verifyOutcome(svc, tx, "unverified"));
    }

    /** The merchant accepted and answered the hash of the sender's TCKN ({@code md5(tc_no + service key)}). */
    private static boolean verified(NamedService svc, String senderTckn, Delivery answer) {
        if (!answer.accepted()) {
            return false;
        }
        try {
            JsonNode n = SimHttp.JSON.readTree(answer.answer());
            boolean status = n.path("status").asBoolean(false);
            String hash = n.path("tckn").isTextual() ? n.path("tckn").asText() : null;
            return status && hash != null && (senderTckn == null
                    || PayguruKeys.matches(PayguruKeys.md5(new TcknHashInput(senderTckn, svc.privateKey())), hash));
        } catch (Exception e) {
            return false;
        }
    }

    private List<Callback> approve(NamedService svc, PhsTransaction tx, boolean verified) {
        synchronized (ctx.lock) {
            tx.status = 3;
            state.paymentNotifications().stream().filter(p -> tx.id.equals(p.transactionId))
                    .forEach(p -> p.status = 10);
        }
        List<Callback> out = new ArrayList<>();
        if (verified) {
            out.add(callbacks.verifyOutcome(svc, tx, "verified"));
        }
        out.add(callbacks.notify(svc, tx));
        return out;
    }
}
