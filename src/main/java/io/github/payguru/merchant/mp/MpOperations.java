package io.github.payguru.merchant.mp;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.payguru.merchant.payguru.OperationRequest;
import io.github.payguru.merchant.payguru.PayguruApiConfig;
import io.github.payguru.merchant.payguru.PayguruCalls;
import io.github.payguru.merchant.payguru.PayguruClients;
import io.github.payguru.merchant.payguru.PayguruFailure;
import io.github.payguru.merchant.payguru.PayguruOutcome;
import io.github.payguru.merchant.store.Ledger;
import io.github.payguru.merchant.store.OrderItem;
import io.github.payguru.merchant.store.StateChange;
import io.github.payguru.merchant.store.TableLayout;
import io.github.payguru.merchant.store.WriteResult;
import io.github.payguru.merchant.kernel.Amount;
import io.github.payguru.merchant.kernel.BadRequestException;
import io.github.payguru.merchant.kernel.Identifiers;
import io.github.payguru.merchant.kernel.Line;
import io.github.payguru.merchant.payguru.OperationException;
import io.github.payguru.merchant.payguru.OperationInput;
import io.github.payguru.merchant.kernel.MpCheckoutKeyInput;
import io.github.payguru.merchant.kernel.PayguruKeys;
import io.github.payguru.merchant.mp.api.CheckoutApi;
import io.github.payguru.merchant.mp.api.MpApi;
import io.github.payguru.merchant.payguru.Answers;
import io.github.payguru.merchant.payguru.ServiceDirectory;
import io.github.payguru.merchant.kernel.StatusMachine;
import io.github.payguru.merchant.kernel.Validation;

/**
 * The MP operations the merchant's backend calls (src/site/markdown/payguru-api.md §2.1, §2.2). Input is checked before
 * any call; reads are repeated on transient failures, writes never: a refund is guarded by a lock item so
 * it is sent at most once until Payguru clearly refused it, and a refund or cancel whose answer is lost is
 * followed by a query whose result is reported — never by a second refund.
 */
@ApplicationScoped
public class MpOperations {

    public static final String PAYMENT_PAGE = "mp-payment-page";
    public static final String TRANSACTION_GET = "mp-transaction-get";
    public static final String TRANSACTION_REFUND = "mp-transaction-refund";
    public static final String SUBSCRIPTION_GET = "mp-subscription-get";
    public static final String SUBSCRIPTION_CANCEL = "mp-subscription-cancel";
    public static final String TRANSACTION_SEARCH = "mp-transaction-search";
    public static final String SUBSCRIPTION_SEARCH = "mp-subscription-search";
    public static final String MESSAGE_SEARCH = "mp-message-search";

    /** MP transaction statuses that mean a refund went through or is under way (6 refunded, 7 refund in progress). */
    static final Set<String> REFUNDED = Set.of("6", "7");

    /** Refund lock states: {@code sending} while one invocation calls Payguru. */
    static final String LOCK_SENDING = "sending";
    static final String LOCK_DONE = "done";
    static final String LOCK_UNCERTAIN = "uncertain";
    static final String LOCK_RELEASED = "released";

    private static final Pattern COLUMN = Pattern.compile("[A-Za-z_][A-Za-z0-9_.]{0,39}");
    private static final Pattern CONDITION = Pattern.compile("=|!=|<>|<|<=|>|>=|like|LIKE|in|IN");
    private static final Pattern TERM = Pattern.compile("[^\\p{Cntrl}]{0,100}");
    private static final Pattern ITEM = Pattern.compile("[^\\p{Cntrl}]{1,128}");

    private static final Logger LOG = Logger.getLogger(MpOperations.class);

    private final ServiceDirectory services;
    private final PayguruClients clients;
    private final PayguruCalls calls;
    private final PayguruApiConfig api;
    private final Ledger ledger;
    private final MpTransactions transactions;
    private final MpSubscriptions subscriptions;

    @Inject
    public MpOperations(ServiceDirectory services, PayguruClients clients, PayguruCalls calls, PayguruApiConfig api,
            Ledger ledger, MpTransactions transactions, MpSubscriptions subscriptions) {
        this.services = services;
        this.clients = clients;
        this.calls = calls;
        this.api = api;
        this.ledger = ledger;
        this.transactions = transactions;
        this.subscriptions = subscriptions;
    }

    /**
     * Stores the pending order under its reference code, then asks Payguru for a payment page token and
     * answers the customer's redirect URL. The same reference with another price is refused (409) before
     * any call; the transaction notification later arrives with {@code order} = this reference.
     */
    public ObjectNode paymentPage(OperationRequest req) {
        ServiceDirectory.NamedService svc = service(req);
        String reference = OperationInput.required(req, "referenceCode", Validation.REFERENCE);
        String item = OperationInput.required(req, "item", ITEM);
        Amount price = OperationInput.amount(req, "price");
        String successUrl = OperationInput.url(req, "successUrl", true);
        String failureUrl = OperationInput.url(req, "failureUrl", true);
        Boolean trial = OperationInput.bool(req, "hasTrialPeriod");
        String trialDays = OperationInput.smallInt(req, "trialPeriodDay");

        String pk = TableLayout.mpOrder(svc.payguruId(), reference);
        String now = ledger.now().toString();
        WriteResult stored = ledger.apply(StateChange.of(pk, OrderItem.SORT)
                .transition("status", StatusMachine.CREATED, Set.of(StatusMachine.NONE, StatusMachine.CREATED))
                .mustMatch("amount", price.canonical())
                .set("line", Line.MP.name())
                .set("service", svc.payguruId())
                .set("orderRef", reference)
                .setIfAbsent("createdAt", now)
                .set("updatedAt", now)
                .set(TableLayout.GSI1_PK, TableLayout.orderRef(reference))
                .set(TableLayout.GSI1_SK, pk));
        if (stored.outcome() == WriteResult.Outcome.CONFLICT) {
            throw new BadRequestException(409, "referenceCode " + reference + " is already used with another price");
        }
        if (stored.outcome() == WriteResult.Outcome.STALE) {
            throw new BadRequestException(409, "referenceCode " + reference + " is already "
                    + stored.currentString("status"));
        }

        String merchantId = services.merchantId();
        MultivaluedMap<String, String> form = new MultivaluedHashMap<>();
        form.add("merchantId", merchantId);
        form.add("serviceId", svc.payguruId());
        form.add("referenceCode", reference);
        form.add("item", item);
        form.add("price", price.wire());
        form.add("successUrl", successUrl);
        form.add("failureUrl", failureUrl);
        if (trial != null) {
            form.add("hasTrialPeriod", trial.toString());
        }
        if (trialDays != null) {
            form.add("trialPeriodDay", trialDays);
        }
        form.add("key", PayguruKeys.md5(new MpCheckoutKeyInput(merchantId, svc.payguruId(), svc.privateKey(), reference,
                item, price.wire(), successUrl, failureUrl)));
        PayguruOutcome outcome = calls.call(PAYMENT_PAGE, PayguruCalls.Mode.WRITE, PayguruOutcome::mp,
                () -> clients.client(CheckoutApi.class, api.checkoutBaseUrl()).token(form));
        Answers.require(PAYMENT_PAGE, outcome);
        String redirect = Answers.scalar(outcome.body().path("tokenData"), "redirectUrl");
        if (redirect == null) {
            throw PayguruFailure.of(PAYMENT_PAGE, new PayguruOutcome(PayguruOutcome.Kind.MALFORMED,
                    outcome.httpStatus(), "MALFORMED_RESPONSE", "Payguru answered SUCCESS without tokenData.redirectUrl",
                    outcome.body()));
        }
        LOG.infof("%s referenceCode=%s service=%s: payment page ready", PAYMENT_PAGE, reference, svc.payguruId());
        return Answers.answer(outcome).put("referenceCode", reference).put("service", svc.payguruId())
                .put("redirectUrl", redirect);
    }

    public ObjectNode transactionGet(OperationRequest req) {
        ServiceDirectory.NamedService svc = service(req);
        String txId = OperationInput.identifier(req, "transactionId");
        PayguruOutcome outcome = Answers.require(TRANSACTION_GET, detail(svc, txId));
        return withState(Answers.answer(outcome), applyTransaction(svc, txId, transactionOf(outcome.body())));
    }

    /**
     * Refunds a transaction at most once. A lock item beside the transaction is taken with a conditional
     * write; it is released only when Payguru clearly refused the refund. When the answer is lost (timeout,
     * 5xx) the transaction is queried and what it shows is reported; a later request queries again before
     * it may send.
     */
    public ObjectNode transactionRefund(OperationRequest req) {
        ServiceDirectory.NamedService svc = service(req);
        String txId = OperationInput.identifier(req, "transactionId");
        String lockPk = TableLayout.mpTransaction(txId);

        WriteResult lock = lock(lockPk, svc, Set.of(StatusMachine.NONE, LOCK_RELEASED), null);
        if (lock.outcome() != WriteResult.Outcome.APPLIED) {
            String held = lock.currentString("status");
            String since = lock.currentString("updatedAt");
            if (LOCK_DONE.equals(held)) {
                throw new OperationException(409, "ALREADY_REFUNDED",
                        "Payguru already accepted a refund of transaction " + txId + " (" + since + "); not sent again",
                        OperationException.STATE, null);
            }
            if (LOCK_SENDING.equals(held) && !abandoned(since)) {
                throw new OperationException(409, "REFUND_IN_PROGRESS",
                        "another request is refunding transaction " + txId + " right now; not sent again",
                        OperationException.STATE, null);
            }
            // uncertain (an earlier answer was lost) or abandoned: query first, send only if nothing happened
            PayguruOutcome found = detail(svc, txId);
            String status = Answers.scalar(transactionOf(found.body()), "status");
            ObjectNode foundState = found.ok() ? applyTransaction(svc, txId, transactionOf(found.body())) : null;
            if (found.ok() && REFUNDED.contains(status)) {
                setLock(lockPk, LOCK_DONE);
                LOG.infof("%s txId=%s: an earlier refund went through (status %s); not sent again",
                        TRANSACTION_REFUND, txId, status);
                return withState(Answers.answer(found).put("transactionId", txId).put("refund", "already-done")
                        .put("status", status), foundState);
            }
            if (!found.ok()) {
                throw PayguruFailure.of(TRANSACTION_REFUND, new PayguruOutcome(found.kind(), found.httpStatus(),
                        found.code(), "an earlier refund of " + txId + " has no clear answer and the transaction query"
                                + " failed (" + found.message() + "); not sent",
                        found.body()));
            }
            if (lock(lockPk, svc, Set.of(LOCK_UNCERTAIN, LOCK_SENDING), since).outcome() != WriteResult.Outcome.APPLIED) {
                throw new OperationException(409, "REFUND_IN_PROGRESS",
                        "another request is refunding transaction " + txId + " right now; not sent again",
                        OperationException.STATE, null);
            }
        }

        PayguruOutcome outcome;
        try {
            outcome = calls.call(TRANSACTION_REFUND, PayguruCalls.Mode.WRITE, PayguruOutcome::mp,
                    () -> clients.client(MpApi.class, api.mpBaseUrl()).transactionRefund(services.merchantId(), svc.payguruId(), txId));
        } catch (RuntimeException e) {
            setLock(lockPk, LOCK_RELEASED); // refused before calling (rate limit) or nothing sent
            throw e;
        }
        if (outcome.ok()) {
            setLock(lockPk, LOCK_DONE);
            LOG.infof("%s txId=%s: accepted by Payguru", TRANSACTION_REFUND, txId);
            JsonNode tx = transactionOf(outcome.body());
            // the refund answer may carry the transaction (7 refund in progress, or 6); otherwise 7 is implied
            ObjectNode state = tx.isObject() && tx.has("status") ? applyTransaction(svc, txId, tx)
                    : applyStatus(svc, txId, MpStatus.REFUND_IN_PROGRESS);
            return withState(Answers.answer(outcome).put("transactionId", txId).put("refund", "accepted"), state);
        }
        if (!outcome.kind().uncertain()) {
            setLock(lockPk, LOCK_RELEASED);
            throw PayguruFailure.of(TRANSACTION_REFUND, outcome);
        }
        setLock(lockPk, LOCK_UNCERTAIN);
        LOG.warnf("%s txId=%s: %s, querying the transaction instead of sending again", TRANSACTION_REFUND, txId,
                outcome.kind());
        PayguruOutcome found;
        try {
            found = detail(svc, txId);
        } catch (OperationException limited) {
            found = PayguruOutcome.transport(PayguruOutcome.Kind.RATE_LIMITED, limited.code(), limited.getMessage());
        }
        String status = Answers.scalar(transactionOf(found.body()), "status");
        ObjectNode foundState = found.ok() ? applyTransaction(svc, txId, transactionOf(found.body())) : null;
        if (found.ok() && REFUNDED.contains(status)) {
            setLock(lockPk, LOCK_DONE);
            return withState(Answers.answer(found).put("transactionId", txId).put("refund", "confirmed-by-query")
                    .put("status", status), foundState);
        }
        ObjectNode details = OperationRequest.object();
        if (found.ok()) {
            details.set("transaction", transactionOf(found.body()));
            details.set("state", foundState);
        }
        throw PayguruFailure.of(TRANSACTION_REFUND, new PayguruOutcome(outcome.kind(), outcome.httpStatus(),
                outcome.code(), outcome.message() + "; the refund may or may not have been done: "
                        + (found.ok() ? "the transaction shows status " + status : "the query failed too ("
                                + found.code() + ")")
                        + ". Not sent again; a new refund request queries first",
                outcome.body()), details);
    }

    public ObjectNode subscriptionGet(OperationRequest req) {
        ServiceDirectory.NamedService svc = service(req);
        String subsId = OperationInput.identifier(req, "subscriptionId");
        PayguruOutcome outcome = Answers.require(SUBSCRIPTION_GET, subscriptionDetail(svc, subsId));
        return withState(Answers.answer(outcome), applySubscription(svc, subsId, outcome.body().path("subscription")));
    }

    /** Cancels a subscription once; when the answer is lost, the subscription is queried and its state reported. */
    public ObjectNode subscriptionCancel(OperationRequest req) {
        ServiceDirectory.NamedService svc = service(req);
        String subsId = OperationInput.identifier(req, "subscriptionId");
        PayguruOutcome outcome = calls.call(SUBSCRIPTION_CANCEL, PayguruCalls.Mode.WRITE, PayguruOutcome::mp,
                () -> clients.client(MpApi.class, api.mpBaseUrl()).subscriptionCancel(services.merchantId(), svc.payguruId(), subsId));
        if (outcome.ok()) {
            return withState(Answers.answer(outcome).put("subscriptionId", subsId).put("cancel", "accepted"),
                    applySubscription(svc, subsId, outcome.body().path("subscription")));
        }
        if (!outcome.kind().uncertain()) {
            throw PayguruFailure.of(SUBSCRIPTION_CANCEL, outcome);
        }
        PayguruOutcome found;
        try {
            found = subscriptionDetail(svc, subsId);
        } catch (OperationException limited) {
            found = PayguruOutcome.transport(PayguruOutcome.Kind.RATE_LIMITED, limited.code(), limited.getMessage());
        }
        String status = Answers.scalar(found.body().path("subscription"), "status");
        if (found.ok() && "cancelled".equalsIgnoreCase(status)) {
            return withState(Answers.answer(found).put("subscriptionId", subsId).put("cancel", "confirmed-by-query")
                    .put("status", status), applySubscription(svc, subsId, found.body().path("subscription")));
        }
        ObjectNode details = OperationRequest.object();
        if (found.ok()) {
            details.set("subscription", found.body().path("subscription"));
        }
        throw PayguruFailure.of(SUBSCRIPTION_CANCEL, new PayguruOutcome(outcome.kind(), outcome.httpStatus(),
                outcome.code(), outcome.message() + "; the cancel may or may not have been done: "
                        + (found.ok() ? "the subscription shows status " + status : "the query failed too ("
                                + found.code() + ")")
                        + ". Not sent again",
                outcome.body()), details);
    }

    public ObjectNode transactionSearch(OperationRequest req) {
        return search(req, TRANSACTION_SEARCH, (body) -> clients.client(MpApi.class, api.mpBaseUrl()).transactionsSearch(body));
    }

    public ObjectNode subscriptionSearch(OperationRequest req) {
        return search(req, SUBSCRIPTION_SEARCH, (body) -> clients.client(MpApi.class, api.mpBaseUrl()).subscriptionsSearch(body));
    }

    /** Customer support: every SMS to and from the customer (Payguru allows 1 call per second). */
    public ObjectNode messageSearch(OperationRequest req) {
        return search(req, MESSAGE_SEARCH, (body) -> clients.client(MpApi.class, api.mpBaseUrl()).messagesSearch(body));
    }

    private ObjectNode search(OperationRequest req, String operation,
            java.util.function.Function<String, jakarta.ws.rs.core.Response> send) {
        ServiceDirectory.NamedService svc = service(req);
        ObjectNode body = OperationRequest.object().put("merchantId", services.merchantId())
                .put("serviceId", svc.payguruId());
        ArrayNode search = body.putArray("search");
        for (JsonNode s : list(req, "search")) {
            search.addObject().put("column", check("search[].column", s.path("column"), COLUMN))
                    .put("term", check("search[].term", s.path("term"), TERM))
                    .put("condition", check("search[].condition", s.path("condition"), CONDITION));
        }
        ArrayNode sort = body.putArray("sort");
        for (JsonNode s : list(req, "sort")) {
            JsonNode asc = s.path("asc");
            if (!asc.isMissingNode() && !asc.isBoolean()) {
                throw new BadRequestException("malformed field: sort[].asc (true or false)");
            }
            sort.addObject().put("column", check("sort[].column", s.path("column"), COLUMN))
                    .put("asc", asc.isMissingNode() || asc.booleanValue());
        }
        body.put("limit", bounded(req, "limit", 10, 100));
        body.put("page", bounded(req, "page", 1, Integer.MAX_VALUE));
        String json = body.toString();
        PayguruOutcome outcome = calls.call(operation, PayguruCalls.Mode.READ, PayguruOutcome::mp,
                () -> send.apply(json));
        if (outcome.kind() == PayguruOutcome.Kind.NOT_FOUND && outcome.httpStatus() == 204) {
            return Answers.answer(new PayguruOutcome(PayguruOutcome.Kind.OK, 204, "0000", "no match",
                    outcome.body()));
        }
        return Answers.answer(Answers.require(operation, outcome));
    }

    PayguruOutcome detail(ServiceDirectory.NamedService svc, String txId) {
        return calls.call(TRANSACTION_GET, PayguruCalls.Mode.READ, PayguruOutcome::mp,
                () -> clients.client(MpApi.class, api.mpBaseUrl()).transactionDetail(services.merchantId(), svc.payguruId(), txId));
    }

    PayguruOutcome subscriptionDetail(ServiceDirectory.NamedService svc, String subsId) {
        return calls.call(SUBSCRIPTION_GET, PayguruCalls.Mode.READ, PayguruOutcome::mp,
                () -> clients.client(MpApi.class, api.mpBaseUrl()).subscriptionDetail(services.merchantId(), svc.payguruId(), subsId));
    }

    /**
     * Applies a transaction Payguru's API reported through the MP state machine ({@link MpTransactions}, the
     * same as the billing callback, source {@code PAYGURU_API}): a query never moves a state backwards and
     * a paid status read from the API confirms the payment.
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
        String order = Answers.scalar(tx, "referenceCode");
        String subsId = Answers.scalar(tx, "subscriptionId");
        MpTransactionFact fact = new MpTransactionFact(txId, svc.payguruId(), status,
                order != null && Validation.REFERENCE.matcher(order).matches() ? order : null, amount,
                Answers.scalar(tx, "operator"), Answers.scalar(tx, "item"),
                Answers.scalar(tx, "billingType"),
                Identifiers.fromAnswer(subsId).orElse(null),
                Answers.scalar(tx, "error"), Answers.scalar(tx, "errorDetail"), null, java.util.Map.of(),
                MpTransactionFact.Source.PAYGURU_API);
        MpTransactions.Result r = transactions.apply(fact, null);
        return stateOf(r.write(), r.outcome(), status, "status");
    }

    /** A status Payguru implied without a transaction in its answer (refund accepted: 7). */
    ObjectNode applyStatus(ServiceDirectory.NamedService svc, String txId, String status) {
        MpTransactions.Result r = transactions.apply(MpTransactionFact.fromApi(txId, svc.payguruId(), status, null), null);
        return stateOf(r.write(), r.outcome(), status, "status");
    }

    /** Applies a subscription cycle Payguru's API reported, ordered by its last transaction id (as the callbacks are). */
    ObjectNode applySubscription(ServiceDirectory.NamedService svc, String subsId, JsonNode s) {
        String status = Answers.scalar(s, "status");
        String lastTx = Answers.scalar(s, "lastTransaction");
        if (status == null || !Identifiers.canonical(lastTx)) {
            return OperationRequest.object().put("result", "not-applied")
                    .put("reason", "no status or lastTransaction in Payguru's answer");
        }
        String order = Answers.scalar(s, "referenceCode");
        MpSubscriptionFact fact = new MpSubscriptionFact(subsId, lastTx, svc.payguruId(), status,
                order != null && Validation.REFERENCE.matcher(order).matches() ? order : null,
                Answers.scalar(s, "operator"), null, null, java.util.Map.of());
        WriteResult w = subscriptions.apply(fact, null);
        return stateOf(w, w.outcome(), status, "status");
    }

    private static ObjectNode stateOf(WriteResult w, WriteResult.Outcome outcome, String reported, String attribute) {
        ObjectNode state = OperationRequest.object().put("result", outcome.label()).put("reported", reported);
        String stored = outcome == WriteResult.Outcome.APPLIED ? reported : w.currentString(attribute);
        if (stored != null) {
            state.put("status", stored);
        }
        return state;
    }

    private static ObjectNode withState(ObjectNode answer, ObjectNode state) {
        if (state != null) {
            answer.set("state", state);
        }
        return answer;
    }

    /** The transaction of a detail answer: the docs put it under {@code subscription} even for transactions. */
    static JsonNode transactionOf(JsonNode body) {
        return body.has("transaction") ? body.path("transaction") : body.path("subscription");
    }

    private WriteResult lock(String pk, ServiceDirectory.NamedService svc, Set<String> from, String seenUpdatedAt) {
        StateChange c = StateChange.of(pk, TableLayout.REFUND_LOCK)
                .transition("status", LOCK_SENDING, from)
                .set("line", Line.MP.name())
                .set("service", svc.payguruId());
        if (seenUpdatedAt != null) {
            c.mustMatch("updatedAt", seenUpdatedAt);
        }
        c.set("updatedAt", ledger.now().toString());
        return ledger.apply(c);
    }

    private void setLock(String pk, String state) {
        ledger.apply(StateChange.of(pk, TableLayout.REFUND_LOCK).existingOnly().set("status", state)
                .set("updatedAt", ledger.now().toString()));
    }

    /** A {@code sending} lock older than two full calls belongs to an invocation that died mid-call. */
    private boolean abandoned(String since) {
        if (since == null) {
            return true;
        }
        Duration call = api.connectTimeout().plus(api.readTimeout());
        return Instant.parse(since).plus(call.multipliedBy(2)).plus(Duration.ofSeconds(5)).isBefore(ledger.now());
    }

    private ServiceDirectory.NamedService service(OperationRequest req) {
        String s = req.required("service");
        return services.find(Line.MP, s).orElseThrow(() -> new BadRequestException("unknown service: " + s));
    }

    private static Iterable<JsonNode> list(OperationRequest req, String field) {
        JsonNode v = req.node(field);
        if (v == null) {
            return java.util.List.of();
        }
        if (!v.isArray() || v.size() > 3) {
            throw new BadRequestException("malformed field: " + field + " (an array of at most 3 objects)");
        }
        for (JsonNode e : v) {
            if (!e.isObject()) {
                throw new BadRequestException("malformed field: " + field + " (an array of at most 3 objects)");
            }
        }
        return v;
    }

    private static String check(String field, JsonNode v, Pattern format) {
        if (v == null || !v.isValueNode() || v.isNull()) {
            throw new BadRequestException("missing field: " + field);
        }
        return Validation.check(field, v.asText(), format);
    }

    private static int bounded(OperationRequest req, String field, int dflt, int max) {
        String v = req.text(field);
        if (v == null) {
            return dflt;
        }
        if (!v.matches("\\d{1,9}") || Integer.parseInt(v) < 1 || Integer.parseInt(v) > max) {
            throw new BadRequestException("malformed field: " + field + " (1 to " + max + ")");
        }
        return Integer.parseInt(v);
    }
}
