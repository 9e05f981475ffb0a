package io.github.payguru.merchant.phs;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;


import io.github.payguru.merchant.kernel.Amount;
import io.github.payguru.merchant.kernel.BadRequestException;
import io.github.payguru.merchant.kernel.ChangeCause;
import io.github.payguru.merchant.kernel.Identifiers;
import io.github.payguru.merchant.kernel.Line;
import io.github.payguru.merchant.kernel.Validation;
import io.github.payguru.merchant.payguru.Answers;
import io.github.payguru.merchant.payguru.OperationInput;
import io.github.payguru.merchant.payguru.OperationRequest;
import io.github.payguru.merchant.payguru.PayguruCalls;
import io.github.payguru.merchant.payguru.PayguruOutcome;
import io.github.payguru.merchant.payguru.ServiceDirectory;
import io.github.payguru.merchant.phs.api.PhsGateway;
import io.github.payguru.merchant.store.Ledger;
import io.github.payguru.merchant.store.StateChange;
import io.github.payguru.merchant.store.TableLayout;
import io.github.payguru.merchant.store.TransactionItem;
import io.github.payguru.merchant.store.WriteResult;

/**
 * The PHS reads (src/site/markdown/payguru-api.md §2.3): payment notification, transaction, refund, order lookup.
 * A transaction state learned from a query goes through {@link PhsTransactions} — the same conditional transition
 * as the notify callback — so a query never moves a forward state backwards; reconciliation asks through here too.
 * What {@code transaction/get} shows is Payguru's truth: it is stored {@code confirmed=true}, confirms a notify's
 * unconfirmed claim of the same status, and replaces one of another status, in the same conditional write.
 * Its {@code status} is read through {@link PhsConfig#transactionStatusMap()} (default: the codes as they are).
 */
@ApplicationScoped
public class PhsQueries {

    public static final String NOTIFICATION_GET = "phs-payment-notification-get";
    public static final String TRANSACTION_GET = "phs-transaction-get";
    public static final String REFUND_GET = "phs-refund-get";
    public static final String ORDER_LOOKUP = "phs-order-lookup";

    /** PHS refund status 3: the refund was paid out (transaction becomes status 6). */
    static final String REFUND_SUCCESS = "3";

    private static final Logger LOG = Logger.getLogger(PhsQueries.class);

    private final ServiceDirectory services;
    private final PhsGateway phs;
    private final Ledger ledger;
    private final Map<String, String> statusMap;

    @Inject
    public PhsQueries(ServiceDirectory services, PhsGateway phs, Ledger ledger, PhsConfig config) {
        this.services = services;
        this.phs = phs;
        this.ledger = ledger;
        this.statusMap = PhsConfig.parse(config.transactionStatusMap());
    }

    public ObjectNode getPaymentNotification(OperationRequest req) {
        String id = OperationInput.identifier(req, "id");
        PayguruOutcome outcome = phs.call(NOTIFICATION_GET, PayguruCalls.Mode.READ,
                (client, merchant, token) -> client.paymentNotificationGet(merchant, token, id));
        return Answers.answer(Answers.require(NOTIFICATION_GET, outcome));
    }

    /** {@code phs-transaction-get}: {@code id}. */
    public ObjectNode getTransaction(OperationRequest req) {
        return refreshTransaction(OperationInput.identifier(req, "id"));
    }

    /** Queries a transaction (canonical id) and applies its status through the PHS state machine. */
    public ObjectNode refreshTransaction(String id) {
        PayguruOutcome outcome = Answers.require(TRANSACTION_GET, phs.call(TRANSACTION_GET, PayguruCalls.Mode.READ,
                (client, merchant, token) -> client.transactionGet(merchant, token, id)));
        JsonNode tx = outcome.body().path("transaction");
        ObjectNode out = Answers.answer(outcome);
        out.set("state", applyTransaction(id, tx));
        return out;
    }

    public ObjectNode applyTransaction(String requestedId, JsonNode tx) {
        ObjectNode state = OperationRequest.object();
        String txid = Answers.firstNonNull(Answers.scalar(tx, "id"), requestedId);
        String reportedStatus = Answers.scalar(tx, "status");
        String status = reportedStatus == null ? null : statusMap.getOrDefault(reportedStatus, reportedStatus);
        String order = Answers.scalar(tx, "order_refno");
        String code = Answers.scalar(tx, "code");
        String amountText = Answers.scalar(tx, "amount");
        Amount amount;
        try {
            Identifiers.parse("id", txid);
            Validation.check("status", status == null ? "" : status, Validation.STATUS_CODE);
            Validation.check("order_refno", order == null ? "" : order, Validation.REFERENCE);
            Validation.check("code", code == null ? "" : code, Validation.REFERENCE);
            amount = Validation.positiveAmount("amount", amountText);
        } catch (BadRequestException e) {
            LOG.warnf("%s txid=%s: not applied, Payguru's answer lacks a field (%s)", TRANSACTION_GET, txid,
                    e.getMessage());
            return state.put("result", "not-applied").put("reason", e.getMessage());
        }
        String serviceCode = Answers.firstNonNull(Answers.scalar(tx, "service_code"), services.find(Line.PHS, Answers.scalar(tx, "service_id"))
                .map(ServiceDirectory.NamedService::payguruId).orElse(null));
        String bank = Answers.firstNonNull(Answers.scalar(tx, "bank_code"), Answers.scalar(tx, "bank"));
        String date = Answers.scalar(tx, "transaction_date");
        String source = "query:" + TRANSACTION_GET;
        String now = ledger.now().toString();
        WriteResult w = ledger.apply(PhsTransactions.change(txid, status, amount, order, code, serviceCode, bank, date,
                source, now, true));
        String claimed = w.previousString("status");
        if (w.outcome() == WriteResult.Outcome.APPLIED && Boolean.FALSE.equals(w.previousBoolean(PhsTransactions.CONFIRMED))
                && claimed != null && !claimed.equals(status)) {
            LOG.warnf("%s txid=%s: Payguru shows status %s, the unconfirmed claim %s is replaced", TRANSACTION_GET,
                    txid, status, claimed);
        }
        if (w.outcome() == WriteResult.Outcome.STALE && PhsStatus.INSTANCE.known(status)
                && status.equals(w.currentString("status"))
                && ledger.apply(PhsTransactions.reaffirm(txid, status, now)).outcome() == WriteResult.Outcome.APPLIED) {
            w = new WriteResult(WriteResult.Outcome.APPLIED, null); // the undocumented-status flag lifted
        }
        return stateAnswer(TableLayout.phsTransaction(txid), w, status);
    }

    /** Queries a refund; a paid-out refund (status 3) moves its transaction to 6 (refund) when it is known here. */
    public ObjectNode getRefund(OperationRequest req) {
        String id = OperationInput.identifier(req, "id");
        PayguruOutcome outcome = Answers.require(REFUND_GET, phs.call(REFUND_GET, PayguruCalls.Mode.READ,
                (client, merchant, token) -> client.refundGet(merchant, token, id)));
        ObjectNode out = Answers.answer(outcome);
        JsonNode data = outcome.body().path("data");
        String txid = Answers.scalar(data, "transaction_id");
        if (REFUND_SUCCESS.equals(Answers.scalar(data, "status")) && Identifiers.canonical(txid)) {
            String pk = TableLayout.phsTransaction(txid);
            StateChange change = StateChange.of(pk, TransactionItem.SORT).existingOnly()
                    .transition("status", PhsStatus.REFUND, PhsStatus.INSTANCE.allowedFrom(PhsStatus.REFUND))
                    .set("lastNotification", "query:" + REFUND_GET)
                    .set(PhsTransactions.CONFIRMED, true)
                    .set(PhsTransactions.CONFIRMED_STATUS, PhsStatus.REFUND)
                    .cause(ChangeCause.query())
                    .set("updatedAt", ledger.now().toString())
                    .remove(TableLayout.OPEN_PK).remove(TableLayout.OPEN_SK);
            WriteResult w = ledger.apply(change);
            if (w.outcome() == WriteResult.Outcome.STALE && PhsStatus.REFUND.equals(w.currentString("status"))
                    && ledger.apply(PhsTransactions.confirm(txid, PhsStatus.REFUND, ledger.now().toString()))
                            .outcome() == WriteResult.Outcome.APPLIED) {
                w = new WriteResult(WriteResult.Outcome.APPLIED, null); // a notify's refund claim, now confirmed
            }
            out.set("state", stateAnswer(pk, w, PhsStatus.REFUND));
        }
        return out;
    }

    public ObjectNode lookupOrder(OperationRequest req) {
        ServiceDirectory.NamedService svc = services.serviceOf(Line.PHS, req);
        String order = OperationInput.required(req, "order", Validation.REFERENCE);
        PayguruOutcome outcome = phs.call(ORDER_LOOKUP, PayguruCalls.Mode.READ,
                (client, merchant, token) -> client.orderToReferenceCheck(merchant, token, svc.payguruId(), order));
        return Answers.answer(Answers.require(ORDER_LOOKUP, outcome));
    }

    private ObjectNode stateAnswer(String pk, WriteResult result, String reported) {
        ObjectNode state = OperationRequest.object().put("result", result.outcome().label()).put("reported", reported);
        String stored = result.outcome() == WriteResult.Outcome.APPLIED ? reported : result.currentString("status");
        if (stored != null) {
            state.put("status", stored);
        }
        if (result.outcome() == WriteResult.Outcome.CONFLICT) {
            LOG.errorf("%s: Payguru's answer conflicts with the stored amount/order/code", pk);
        }
        return state;
    }
}
