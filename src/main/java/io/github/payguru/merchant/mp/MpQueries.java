package io.github.payguru.merchant.mp;

import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.payguru.merchant.kernel.Amount;
import io.github.payguru.merchant.kernel.Identifiers;
import io.github.payguru.merchant.kernel.Line;
import io.github.payguru.merchant.kernel.Validation;
import io.github.payguru.merchant.mp.api.MpGateway;
import io.github.payguru.merchant.payguru.Answers;
import io.github.payguru.merchant.payguru.OperationInput;
import io.github.payguru.merchant.payguru.OperationRequest;
import io.github.payguru.merchant.payguru.PayguruOutcome;
import io.github.payguru.merchant.payguru.ServiceDirectory;
import io.github.payguru.merchant.store.WriteResult;

/**
 * What Payguru reports about an MP transaction or subscription (src/site/markdown/payguru-api.md §2.1), and
 * that report applied through the MP state machines ({@link MpTransactions}, {@link MpSubscriptions}, source
 * {@code PAYGURU_API}): what the API reports is confirmed and overrides an unconfirmed callback claim, but never moves
 * a confirmed state backwards. The get operations, the refund and cancel (which query when an answer is lost) and
 * reconciliation all read through here, over the injected {@link MpGateway} (reads are repeated on transient failures).
 */
@ApplicationScoped
public class MpQueries {

    public static final String TRANSACTION_GET = MpGateway.TRANSACTION_GET;
    public static final String SUBSCRIPTION_GET = MpGateway.SUBSCRIPTION_GET;

    private final ServiceDirectory services;
    private final MpGateway mp;
    private final MpTransactions transactions;
    private final MpSubscriptions subscriptions;
    private final MpRefcodeLinks refcodes;

    @Inject
    public MpQueries(ServiceDirectory services, MpGateway mp, MpTransactions transactions,
            MpSubscriptions subscriptions, MpRefcodeLinks refcodes) {
        this.refcodes = refcodes;
        this.services = services;
        this.mp = mp;
        this.transactions = transactions;
        this.subscriptions = subscriptions;
    }

    /** {@code mp-transaction-get}: {@code service}, {@code transactionId}. */
    public ObjectNode transactionGet(OperationRequest req) {
        ServiceDirectory.NamedService svc = services.serviceOf(Line.MP, req);
        return refreshTransaction(svc, OperationInput.identifier(req, "transactionId"));
    }

    /** Asks Payguru for a transaction (canonical id) and applies what it reports. */
    public ObjectNode refreshTransaction(ServiceDirectory.NamedService svc, String txId) {
        PayguruOutcome outcome = Answers.require(TRANSACTION_GET, detail(svc, txId));
        return withState(Answers.answer(outcome), applyTransaction(svc, txId, transactionOf(outcome.body())));
    }

    /** {@code mp-subscription-get}: {@code service}, {@code subscriptionId}. */
    public ObjectNode subscriptionGet(OperationRequest req) {
        ServiceDirectory.NamedService svc = services.serviceOf(Line.MP, req);
        return refreshSubscription(svc, OperationInput.identifier(req, "subscriptionId"));
    }

    /** Asks Payguru for a subscription (canonical id) and applies what it reports. */
    public ObjectNode refreshSubscription(ServiceDirectory.NamedService svc, String subsId) {
        PayguruOutcome outcome = Answers.require(SUBSCRIPTION_GET, subscriptionDetail(svc, subsId));
        return withState(Answers.answer(outcome), applySubscription(svc, subsId, outcome.body().path("subscription")));
    }

    /** {@code transaction/detail}, whatever it answers (the caller decides what a failure means). */
    PayguruOutcome detail(ServiceDirectory.NamedService svc, String txId) {
        return mp.transactionDetail(svc.payguruId(), txId);
    }

    /** {@code subscription/detail}, whatever it answers. */
    PayguruOutcome subscriptionDetail(ServiceDirectory.NamedService svc, String subsId) {
        return mp.subscriptionDetail(svc.payguruId(), subsId);
    }

    /**
     * Applies a transaction Payguru's API reported through the MP state machine ({@link MpTransactions}, the
     * same as the billing callback, source {@code PAYGURU_API}): it confirms or overrides an unconfirmed claim and
     * never moves a confirmed state backwards.
     */
    ObjectNode applyTransaction(ServiceDirectory.NamedService svc, String txId, JsonNode tx) {
        String status = Answers.scalar(tx, "status");
        if (status == null || !Validation.STATUS_CODE.matcher(status).matches()) {
            return OperationRequest.object().put("result", "not-applied").put("reason", "no status in Payguru's answer");
        }
        Amount amount = null;
        String amountText = Answers.scalar(tx, "amount");
        if (amountText != null) {
            try {
                amount = Amount.parse(amountText);
                amount = amount.value().signum() > 0 ? amount : null; // a zero amount is no amount
            } catch (IllegalArgumentException e) {
                amount = null;
            }
        }
        String id = Answers.firstNonNull(Answers.scalar(tx, "id"), txId);
        if (!id.equals(txId)) {
            return OperationRequest.object().put("result", "not-applied").put("reason", "Payguru answered another id");
        }
        String reference = Answers.scalar(tx, "referenceCode");
        String subsId = Identifiers.fromAnswer(Answers.scalar(tx, "subscriptionId")).orElse(null);
        // an SMS purchase: Payguru reports the texted code, the payment belongs to the code's order
        Optional<String> linked = refcodes.orderOf(reference, svc.payguruId(), txId, subsId);
        MpTransactionFact fact = new MpTransactionFact(txId, svc.payguruId(), status, linked.orElse(order(reference)),
                amount, Answers.scalar(tx, "operator"), Answers.scalar(tx, "item"),
                Answers.scalar(tx, "billingType"), subsId,
                Answers.scalar(tx, "error"), Answers.scalar(tx, "errorDetail"), null, Map.of(),
                MpTransactionFact.Source.PAYGURU_API, linked.isPresent() ? reference : null);
        MpTransactions.Result r = transactions.apply(fact);
        return stateOf(r.write(), r.outcome(), status);
    }

    /** A status Payguru implied without a transaction in its answer (refund accepted: 7). */
    ObjectNode applyStatus(ServiceDirectory.NamedService svc, String txId, String status) {
        MpTransactions.Result r = transactions.apply(MpTransactionFact.fromApi(txId, svc.payguruId(), status, null));
        return stateOf(r.write(), r.outcome(), status);
    }

    /** Applies a subscription cycle Payguru's API reported, ordered by its last transaction id (as the callbacks are). */
    ObjectNode applySubscription(ServiceDirectory.NamedService svc, String subsId, JsonNode s) {
        String status = Answers.scalar(s, "status");
        String lastTx = Answers.scalar(s, "lastTransaction");
        if (status == null || !Identifiers.canonical(lastTx)) {
            return OperationRequest.object().put("result", "not-applied")
                    .put("reason", "no status or lastTransaction in Payguru's answer");
        }
        String reference = Answers.scalar(s, "referenceCode");
        Optional<String> linked = refcodes.orderOf(reference, svc.payguruId(), lastTx, subsId);
        MpSubscriptionFact fact = new MpSubscriptionFact(subsId, lastTx, svc.payguruId(), status,
                linked.orElse(order(reference)), Answers.scalar(s, "operator"), null, null, Map.of(),
                linked.isPresent() ? reference : null);
        WriteResult w = subscriptions.apply(fact);
        return stateOf(w, w.outcome(), status);
    }

    /** Payguru's {@code referenceCode} as the merchant's order, when it has the shape of one. */
    private static String order(String reference) {
        return reference != null && Validation.REFERENCE.matcher(reference).matches() ? reference : null;
    }

    /** The transaction of a detail answer: the docs put it under {@code subscription} even for transactions. */
    static JsonNode transactionOf(JsonNode body) {
        return body.has("transaction") ? body.path("transaction") : body.path("subscription");
    }

    /** The subscription of a detail or cancel answer. */
    static JsonNode subscriptionOf(JsonNode body) {
        return body.path("subscription");
    }

    /** An operation's answer with what applying Payguru's report did under {@code state} (when there is one). */
    static ObjectNode withState(ObjectNode answer, ObjectNode state) {
        if (state != null) {
            answer.set("state", state);
        }
        return answer;
    }

    private static ObjectNode stateOf(WriteResult w, WriteResult.Outcome outcome, String reported) {
        ObjectNode state = OperationRequest.object().put("result", outcome.label()).put("reported", reported);
        String stored = outcome == WriteResult.Outcome.APPLIED ? reported : w.currentString("status");
        if (stored != null) {
            state.put("status", stored);
        }
        return state;
    }
}
