package io.github.payguru.merchant.mp;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.payguru.merchant.kernel.Line;
import io.github.payguru.merchant.kernel.StatusMachine;
import io.github.payguru.merchant.mp.api.MpApi;
import io.github.payguru.merchant.payguru.Answers;
import io.github.payguru.merchant.payguru.OperationException;
import io.github.payguru.merchant.payguru.OperationInput;
import io.github.payguru.merchant.payguru.OperationRequest;
import io.github.payguru.merchant.payguru.PayguruApiConfig;
import io.github.payguru.merchant.payguru.PayguruCalls;
import io.github.payguru.merchant.payguru.PayguruClients;
import io.github.payguru.merchant.payguru.PayguruFailure;
import io.github.payguru.merchant.payguru.PayguruOutcome;
import io.github.payguru.merchant.payguru.ServiceDirectory;
import io.github.payguru.merchant.store.Ledger;
import io.github.payguru.merchant.store.StateChange;
import io.github.payguru.merchant.store.TableLayout;
import io.github.payguru.merchant.store.WriteResult;

/**
 * {@code mp-transaction-refund} (src/site/markdown/payguru-api.md §2.1): a refund is sent at most once. A lock
 * item beside the transaction ({@link RefundLock}, {@code sk = REFUND}) is taken with a conditional write before
 * sending; it is released only when Payguru clearly refused the refund. When the answer is lost (timeout, 5xx)
 * the transaction is queried and what it shows is reported ({@link ConfirmByQuery}) — never a second refund; a
 * later request queries again before it may send.
 */
@ApplicationScoped
public class MpRefunds {

    public static final String TRANSACTION_REFUND = "mp-transaction-refund";

    /** MP transaction statuses that mean a refund went through or is under way (6 refunded, 7 refund in progress). */
    static final Set<String> REFUNDED = Set.of(MpStatus.REFUNDED, MpStatus.REFUND_IN_PROGRESS);

    private static final ConfirmByQuery.Write LOST = new ConfirmByQuery.Write(TRANSACTION_REFUND, "refund",
            "transactionId", "transaction", MpQueries::transactionOf, REFUNDED::contains, true,
            "Not sent again; a new refund request queries first");

    private static final String UPDATED_AT = "updatedAt";

    private static final Logger LOG = Logger.getLogger(MpRefunds.class);

    private final ServiceDirectory services;
    private final PayguruClients clients;
    private final PayguruCalls calls;
    private final PayguruApiConfig api;
    private final Ledger ledger;
    private final MpQueries queries;

    @Inject
    public MpRefunds(ServiceDirectory services, PayguruClients clients, PayguruCalls calls, PayguruApiConfig api,
            Ledger ledger, MpQueries queries) {
        this.services = services;
        this.clients = clients;
        this.calls = calls;
        this.api = api;
        this.ledger = ledger;
        this.queries = queries;
    }

    /** {@code mp-transaction-refund}: {@code service}, {@code transactionId}. */
    public ObjectNode transactionRefund(OperationRequest req) {
        ServiceDirectory.NamedService svc = services.serviceOf(Line.MP, req);
        return refund(svc, OperationInput.identifier(req, "transactionId"));
    }

    /** Refunds a transaction (canonical id) at most once; see the class comment. */
    public ObjectNode refund(ServiceDirectory.NamedService svc, String txId) {
        String lockPk = TableLayout.mpTransaction(txId);
        WriteResult lock = take(lockPk, svc);
        if (lock.outcome() != WriteResult.Outcome.APPLIED) {
            ObjectNode done = checkFirst(svc, txId, lockPk, lock);
            if (done != null) {
                return done;
            }
        }
        return send(svc, txId, lockPk);
    }

    /**
     * The lock is held. Done: 409. Otherwise this request claims it to query first — when it is uncertain (an
     * earlier answer was lost) or sending since longer than {@link #lockTtl} (that invocation died mid-call);
     * the claim's condition expression holds the expiry, so a live lock is refused (409) without any call. The
     * query decides: a refund shown is done (answered, nothing sent); a failed query leaves the lock uncertain
     * (not sent); nothing happened: the claim is renewed and the refund sent.
     *
     * @return the answer when the refund is found done, null when it is to be sent now
     */
    private ObjectNode checkFirst(ServiceDirectory.NamedService svc, String txId, String lockPk, WriteResult held) {
        if (RefundLock.fromWire(held.currentString("status")).orElse(null) == RefundLock.DONE) {
            throw new OperationException(409, "ALREADY_REFUNDED", "Payguru already accepted a refund of transaction "
                    + txId + " (" + held.currentString(UPDATED_AT) + "); not sent again", OperationException.STATE,
                    null);
        }
        Instant now = ledger.now();
        if (claim(lockPk, svc, now).outcome() != WriteResult.Outcome.APPLIED) {
            throw inProgress(txId);
        }
        PayguruOutcome found;
        ObjectNode foundState;
        try {
            found = queries.detail(svc, txId);
            foundState = found.ok() ? queries.applyTransaction(svc, txId, MpQueries.transactionOf(found.body())) : null;
        } catch (RuntimeException e) {
            setLock(lockPk, RefundLock.UNCERTAIN); // still not known: the next request checks again
            throw e;
        }
        String status = Answers.scalar(MpQueries.transactionOf(found.body()), "status");
        if (found.ok() && status != null && REFUNDED.contains(status)) {
            setLock(lockPk, RefundLock.DONE);
            LOG.infof("%s txId=%s: an earlier refund went through (status %s); not sent again",
                    TRANSACTION_REFUND, txId, status);
            return MpQueries.withState(Answers.answer(found).put("transactionId", txId).put("refund", "already-done")
                    .put("status", status), foundState);
        }
        if (!found.ok()) {
            setLock(lockPk, RefundLock.UNCERTAIN);
            throw PayguruFailure.of(TRANSACTION_REFUND, new PayguruOutcome(found.kind(), found.httpStatus(),
                    found.code(), "an earlier refund of " + txId + " has no clear answer and the transaction query"
                            + " failed (" + found.message() + "); not sent",
                    found.body()));
        }
        if (renew(lockPk, svc, now.toString()).outcome() != WriteResult.Outcome.APPLIED) {
            throw inProgress(txId);
        }
        return null;
    }

    /** Sends the refund under the lock this request holds; the lock follows Payguru's answer. */
    private ObjectNode send(ServiceDirectory.NamedService svc, String txId, String lockPk) {
        PayguruOutcome outcome;
        try {
            outcome = calls.call(TRANSACTION_REFUND, PayguruCalls.Mode.WRITE, PayguruOutcome::mp,
                    () -> mp().transactionRefund(services.merchantId(), svc.payguruId(), txId));
        } catch (RuntimeException e) {
            setLock(lockPk, RefundLock.RELEASED); // refused before calling (rate limit) or nothing sent
            throw e;
        }
        if (outcome.ok()) {
            setLock(lockPk, RefundLock.DONE);
            LOG.infof("%s txId=%s: accepted by Payguru", TRANSACTION_REFUND, txId);
            JsonNode tx = MpQueries.transactionOf(outcome.body());
            // the refund answer may carry the transaction (7 refund in progress, or 6); otherwise 7 is implied
            ObjectNode state = tx.isObject() && tx.has("status") ? queries.applyTransaction(svc, txId, tx)
                    : queries.applyStatus(svc, txId, MpStatus.REFUND_IN_PROGRESS);
            return MpQueries.withState(Answers.answer(outcome).put("transactionId", txId).put("refund", "accepted"),
                    state);
        }
        if (!outcome.kind().uncertain()) {
            setLock(lockPk, RefundLock.RELEASED);
            throw PayguruFailure.of(TRANSACTION_REFUND, outcome);
        }
        setLock(lockPk, RefundLock.UNCERTAIN);
        LOG.warnf("%s txId=%s: %s, querying the transaction instead of sending again", TRANSACTION_REFUND, txId,
                outcome.kind());
        return ConfirmByQuery.confirm(LOST, txId, outcome, () -> queries.detail(svc, txId),
                tx -> queries.applyTransaction(svc, txId, tx), () -> setLock(lockPk, RefundLock.DONE));
    }

    /** A {@code sending} lock older than two full calls (and a margin) belongs to an invocation that died mid-call. */
    Duration lockTtl() {
        return api.connectTimeout().plus(api.readTimeout()).multipliedBy(2).plus(Duration.ofSeconds(5));
    }

    /** Takes a free lock: none yet, or released. */
    private WriteResult take(String pk, ServiceDirectory.NamedService svc) {
        return ledger.apply(sending(pk, svc, Set.of(StatusMachine.NONE, RefundLock.RELEASED.wire()))
                .set(UPDATED_AT, ledger.now().toString()));
    }

    /** Claims an uncertain lock, or a sending one that expired (decided by the condition expression). */
    private WriteResult claim(String pk, ServiceDirectory.NamedService svc, Instant now) {
        return ledger.apply(sending(pk, svc, Set.of(RefundLock.UNCERTAIN.wire()))
                .orFromExpired(RefundLock.SENDING.wire(), UPDATED_AT, now.minus(lockTtl()))
                .set(UPDATED_AT, now.toString()));
    }

    /** Renews the claim this request made at {@code claimedAt}, unless another request took it over meanwhile. */
    private WriteResult renew(String pk, ServiceDirectory.NamedService svc, String claimedAt) {
        return ledger.apply(sending(pk, svc, Set.of(RefundLock.SENDING.wire())).mustMatch(UPDATED_AT, claimedAt)
                .set(UPDATED_AT, ledger.now().toString()));
    }

    private static StateChange sending(String pk, ServiceDirectory.NamedService svc, Set<String> from) {
        return StateChange.of(pk, TableLayout.REFUND_LOCK)
                .transition("status", RefundLock.SENDING.wire(), from)
                .set("line", Line.MP.name())
                .set("service", svc.payguruId());
    }

    private void setLock(String pk, RefundLock state) {
        ledger.apply(StateChange.of(pk, TableLayout.REFUND_LOCK).existingOnly().set("status", state.wire())
                .set(UPDATED_AT, ledger.now().toString()));
    }

    private static OperationException inProgress(String txId) {
        return new OperationException(409, "REFUND_IN_PROGRESS",
                "another request is refunding transaction " + txId + " right now; not sent again",
                OperationException.STATE, null);
    }

    private MpApi mp() {
        return new MpApi(clients.at(api.mpBaseUrl()));
    }
}
