package io.github.payguru.merchant.phs;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.StringJoiner;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.payguru.merchant.payguru.Answers;
import io.github.payguru.merchant.payguru.OperationRequest;
import io.github.payguru.merchant.payguru.PayguruApiConfig;
import io.github.payguru.merchant.payguru.PayguruCalls;
import io.github.payguru.merchant.payguru.PayguruFailure;
import io.github.payguru.merchant.payguru.PayguruOutcome;
import io.github.payguru.merchant.phs.api.PhsGateway;
import io.github.payguru.merchant.store.Ledger;
import io.github.payguru.merchant.store.StateChange;
import io.github.payguru.merchant.store.TableLayout;
import io.github.payguru.merchant.store.TransactionItem;
import io.github.payguru.merchant.store.WriteResult;
import io.github.payguru.merchant.kernel.Amount;
import io.github.payguru.merchant.kernel.BadRequestException;
import io.github.payguru.merchant.kernel.ChangeCause;
import io.github.payguru.merchant.kernel.Identifiers;
import io.github.payguru.merchant.kernel.Line;
import io.github.payguru.merchant.payguru.OperationInput;
import io.github.payguru.merchant.payguru.ServiceDirectory;
import io.github.payguru.merchant.kernel.Validation;

/**
 * The PHS operations the merchant's backend calls (src/site/markdown/payguru-api.md §2.3). Input is checked before any
 * call; a transaction state learned from a query goes through {@link PhsTransactions} — the same
 * conditional transition as the notify callback — so a query never moves a state backwards.
 */
@ApplicationScoped
public class PhsOperations {

    public static final String CREATE = "phs-payment-notification-create";
    public static final String NOTIFICATION_GET = "phs-payment-notification-get";
    public static final String TRANSACTION_GET = "phs-transaction-get";
    public static final String REFUND_GET = "phs-refund-get";
    public static final String ORDER_LOOKUP = "phs-order-lookup";
    public static final String TEST_TRANSACTION = "phs-test-transaction";

    /** PHS refund status 3: the refund was paid out (transaction becomes status 6). */
    static final String REFUND_SUCCESS = "3";

    private static final Logger LOG = Logger.getLogger(PhsOperations.class);

    private final ServiceDirectory services;
    private final PhsOrders orders;
    private final PhsGateway phs;
    private final PayguruApiConfig api;
    private final Ledger ledger;

    @Inject
    public PhsOperations(ServiceDirectory services, PhsOrders orders, PhsGateway phs, PayguruApiConfig api,
            Ledger ledger) {
        this.services = services;
        this.orders = orders;
        this.phs = phs;
        this.api = api;
        this.ledger = ledger;
    }

    /**
     * Registers the order (TCKN kept only as md5(TCKN + service key)) and creates Payguru's payment
     * notification; answers its code and the customer's redirect to {@code cp.payguru.com/phs/yonlendir/{code}}.
     * The order is registered before the call, so a TCKN verify that arrives early is answered.
     */
    public ObjectNode createPaymentNotification(OperationRequest req) {
        ServiceDirectory.NamedService svc = service(req);
        String order = OperationInput.required(req, "order", Validation.REFERENCE);
        Amount amount = OperationInput.amount(req, "amount");
        String bank = OperationInput.required(req, "bank", Validation.REFERENCE);
        String tckn = OperationInput.tckn(req, "tckn");
        String name = OperationInput.text(req, "name", false);
        String email = OperationInput.email(req, "email");
        String phone = OperationInput.phone(req, "phone");
        String userIp = OperationInput.ip(req, "userIp");
        String applyTime = OperationInput.optional(req, "applyTime", Validation.DATE);
        String description = OperationInput.text(req, "description", false);
        String redirect = OperationInput.url(req, "redirect", false);
        String backUrl = OperationInput.url(req, "backUrl", false);

        orders.register(svc.payguruId(), order, amount.wire(), tckn, null);

        MultivaluedMap<String, String> form = new MultivaluedHashMap<>();
        form.add("code", svc.payguruId());
        form.add("amount", amount.wire());
        form.add("bank", bank);
        form.add("order", order);
        addIf(form, "PaymentNotification[tc_no]", tckn);
        addIf(form, "PaymentNotification[name]", name);
        addIf(form, "PaymentNotification[email]", email);
        addIf(form, "PaymentNotification[phone]", phone);
        addIf(form, "PaymentNotification[user_ip]", userIp);
        addIf(form, "PaymentNotification[apply_time]", applyTime);
        addIf(form, "PaymentNotification[description]", description);
        PayguruOutcome outcome = phs.call(CREATE, PayguruCalls.Mode.WRITE,
                (client, merchant, token) -> client.paymentNotificationCreate(merchant, token, form));
        String code = PayguruOutcome.Kind.OK == outcome.kind() ? Answers.scalar(outcome.body(), "code") : null;
        if (code == null) {
            if (outcome.ok()) {
                throw PayguruFailure.of(CREATE, new PayguruOutcome(PayguruOutcome.Kind.MALFORMED, outcome.httpStatus(),
                        "MALFORMED_RESPONSE", "Payguru answered 000 without a code", outcome.body()));
            }
            if (outcome.kind().uncertain()) {
                throw PayguruFailure.of(CREATE, new PayguruOutcome(outcome.kind(), outcome.httpStatus(), outcome.code(),
                        outcome.message() + "; the payment notification may have been created: not re-sent (a repeat"
                                + " with the same order is answered ERR_019 order exists)",
                        outcome.body()));
            }
            throw PayguruFailure.of(CREATE, outcome);
        }
        orders.register(svc.payguruId(), order, amount.wire(), tckn, code);
        LOG.infof("%s order=%s service=%s: code %s", CREATE, order, svc.payguruId(), code);
        ObjectNode out = Answers.answer(outcome).put("order", order).put("service", svc.payguruId()).put("code", code)
                .put("redirectUrl", redirectUrl(code, redirect, backUrl));
        return out;
    }

    /** {@code cp.payguru.com/phs/yonlendir/{code}?redirect=…&backUrl=…}, both parameters optional. */
    String redirectUrl(String code, String redirect, String backUrl) {
        StringBuilder url = new StringBuilder(Answers.trimSlash(api.checkoutBaseUrl())).append("/phs/yonlendir/")
                .append(URLEncoder.encode(code, StandardCharsets.UTF_8).replace("+", "%20"));
        StringJoiner q = new StringJoiner("&", "?", "").setEmptyValue("");
        if (redirect != null) {
            q.add("redirect=" + URLEncoder.encode(redirect, StandardCharsets.UTF_8));
        }
        if (backUrl != null) {
            q.add("backUrl=" + URLEncoder.encode(backUrl, StandardCharsets.UTF_8));
        }
        return url.append(q).toString();
    }

    public ObjectNode getPaymentNotification(OperationRequest req) {
        String id = OperationInput.identifier(req, "id");
        PayguruOutcome outcome = phs.call(NOTIFICATION_GET, PayguruCalls.Mode.READ,
                (client, merchant, token) -> client.paymentNotificationGet(merchant, token, id));
        return Answers.answer(Answers.require(NOTIFICATION_GET, outcome));
    }

    /** Queries a transaction and applies its status through the PHS state machine. */
    public ObjectNode getTransaction(OperationRequest req) {
        String id = OperationInput.identifier(req, "id");
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
        String status = Answers.scalar(tx, "status");
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
        StateChange change = PhsTransactions.change(txid, status, amount, order, code, serviceCode,
                Answers.firstNonNull(Answers.scalar(tx, "bank_code"), Answers.scalar(tx, "bank")), Answers.scalar(tx, "transaction_date"),
                "query:" + TRANSACTION_GET, ledger.now().toString());
        WriteResult w = ledger.apply(change);
        if (w.outcome() == WriteResult.Outcome.STALE && status.equals(w.currentString("status"))
                && ledger.apply(PhsTransactions.reaffirm(txid, status, ledger.now().toString())).outcome()
                        == WriteResult.Outcome.APPLIED) {
            w = new WriteResult(WriteResult.Outcome.APPLIED, null, null); // the undocumented-status flag is lifted
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
                    .cause(ChangeCause.query())
                    .set("updatedAt", ledger.now().toString())
                    .remove(TableLayout.OPEN_PK).remove(TableLayout.OPEN_SK);
            out.set("state", stateAnswer(pk, ledger.apply(change), PhsStatus.REFUND));
        }
        return out;
    }

    public ObjectNode lookupOrder(OperationRequest req) {
        ServiceDirectory.NamedService svc = service(req);
        String order = OperationInput.required(req, "order", Validation.REFERENCE);
        PayguruOutcome outcome = phs.call(ORDER_LOOKUP, PayguruCalls.Mode.READ,
                (client, merchant, token) -> client.orderToReferenceCheck(merchant, token, svc.payguruId(), order));
        return Answers.answer(Answers.require(ORDER_LOOKUP, outcome));
    }

    /** Sandbox only: asks Payguru to send a test PHS notify. Refused (403) unless the sandbox URL is configured. */
    public ObjectNode testTransaction(OperationRequest req) {
        ServiceDirectory.NamedService svc = service(req);
        String ref = OperationInput.required(req, "ref", Validation.REFERENCE);
        Amount amount = OperationInput.amount(req, "amount");
        String name = OperationInput.text(req, "name", false);
        String description = OperationInput.text(req, "description", false);
        String iban = OperationInput.iban(req, "iban");
        String tckno = OperationInput.tckn(req, "tckno");
        MultivaluedMap<String, String> form = new MultivaluedHashMap<>();
        form.add("code", svc.payguruId());
        form.add("ref", ref);
        form.add("amount", amount.wire());
        addIf(form, "name", name);
        addIf(form, "description", description);
        addIf(form, "iban", iban);
        addIf(form, "tckno", tckno);
        PayguruOutcome outcome = phs.sandbox(TEST_TRANSACTION,
                (client, merchant, token) -> client.transactionTest(merchant, token, form));
        return Answers.answer(Answers.require(TEST_TRANSACTION, outcome));
    }

    private ServiceDirectory.NamedService service(OperationRequest req) {
        String s = req.required("service");
        return services.find(Line.PHS, s).orElseThrow(() -> new BadRequestException("unknown service: " + s));
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

    private static void addIf(MultivaluedMap<String, String> form, String name, String value) {
        if (value != null) {
            form.add(name, value);
        }
    }
}
