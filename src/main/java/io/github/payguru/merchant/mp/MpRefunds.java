package io.github.payguru.merchant.mp;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.payguru.merchant.kernel.Line;
import io.github.payguru.merchant.mp.api.MpGateway;
import io.github.payguru.merchant.payguru.Answers;
import io.github.payguru.merchant.payguru.OperationException;
import io.github.payguru.merchant.payguru.OperationInput;
import io.github.payguru.merchant.payguru.OperationRequest;
import io.github.payguru.merchant.payguru.PayguruOutcome;
import io.github.payguru.merchant.payguru.ServiceDirectory;

/**
 * {@code mp-transaction-refund} (src/site/markdown/payguru-api.md §2.1): a refund is sent at most once, under a
 * fenced lock beside the transaction ({@link RefundLocks}, {@code sk = REFUND}) and over a transport that never
 * writes it twice ({@link MpGateway#transactionRefund}). The lock is released only when Payguru clearly refused
 * or nothing was sent; when the answer is lost the transaction is queried and what it shows is reported
 * ({@link ConfirmByQuery}) — never a second refund; a later request queries first before it may send
 * ({@link LockedWrite}).
 */
@ApplicationScoped
public class MpRefunds {

    public static final String TRANSACTION_REFUND = MpGateway.TRANSACTION_REFUND;

    /** MP transaction statuses that mean a refund went through or is under way (6 refunded, 7 refund in progress). */
    static final Set<String> REFUNDED = Set.of(MpStatus.REFUNDED, MpStatus.REFUND_IN_PROGRESS);

    private static final ConfirmByQuery.Write LOST = new ConfirmByQuery.Write(TRANSACTION_REFUND, "refund",
            "transactionId", "transaction", MpQueries::transactionOf, REFUNDED::contains, true,
            "Not sent again; a new refund request queries first");

    private final ServiceDirectory services;
    private final MpGateway mp;
    private final RefundLocks locks;
    private final MpQueries queries;

    @Inject
    public MpRefunds(ServiceDirectory services, MpGateway mp, RefundLocks locks, MpQueries queries) {
        this.services = services;
        this.mp = mp;
        this.locks = locks;
        this.queries = queries;
    }

    /** {@code mp-transaction-refund}: {@code service}, {@code transactionId}. */
    public ObjectNode transactionRefund(OperationRequest req) {
        ServiceDirectory.NamedService svc = services.serviceOf(Line.MP, req);
        return refund(svc, OperationInput.identifier(req, "transactionId"));
    }

    /** Refunds a transaction (canonical id) at most once; see the class comment. */
    public ObjectNode refund(ServiceDirectory.NamedService svc, String txId) {
        return LockedWrite.run(locks, new LockedWrite.Spec(LOST, RefundLocks.Target.refund(txId, svc.payguruId()), txId,
                () -> mp.transactionRefund(svc.payguruId(), txId), () -> queries.detail(svc, txId),
                tx -> queries.applyTransaction(svc, txId, tx), outcome -> accepted(svc, txId, outcome),
                since -> new OperationException(409, "ALREADY_REFUNDED", "Payguru already accepted a refund of "
                        + "transaction " + txId + " (" + since + "); not sent again", OperationException.STATE, null),
                () -> new OperationException(409, "REFUND_IN_PROGRESS", "another request is refunding transaction "
                        + txId + " right now; not sent again", OperationException.STATE, null)));
    }

    private ObjectNode accepted(ServiceDirectory.NamedService svc, String txId, PayguruOutcome outcome) {
        JsonNode tx = MpQueries.transactionOf(outcome.body());
        // the refund answer may carry the transaction (7 refund in progress, or 6); otherwise 7 is implied
        ObjectNode state = tx.isObject() && tx.has("status") ? queries.applyTransaction(svc, txId, tx)
                : queries.applyStatus(svc, txId, MpStatus.REFUND_IN_PROGRESS);
        return MpQueries.withState(Answers.answer(outcome).put("transactionId", txId).put("refund", "accepted"), state);
    }
}
