package io.github.payguru.merchant.mp;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.github.payguru.merchant.callback.CallbackAnswer;
import io.github.payguru.merchant.callback.NotificationRecorder;
import io.github.payguru.merchant.kernel.Amount;
import io.github.payguru.merchant.kernel.BadRequestException;
import io.github.payguru.merchant.kernel.HttpRequest;
import io.github.payguru.merchant.kernel.Identifiers;
import io.github.payguru.merchant.kernel.Masking;
import io.github.payguru.merchant.kernel.Validation;
import io.github.payguru.merchant.payguru.ServiceDirectory;

/**
 * MP billing (transaction) notification, {@code GET} with {@code msisdn, txId, status, operator, order,
 * item, amount, service, error, errorDesc, billingType, subsId} plus the merchant's pass-through query
 * string (src/site/markdown/payguru-api.md §1.1). {@code error} is read as free text like {@code errorDesc}: the URL template
 * calls it an error code, but the API's transaction object carries e.g. {@code "Yetersiz limit"} there
 * and the callback's values are not documented. Unsigned: {@link MpGuard} checks token and source first. The state
 * change is {@link MpTransactions#apply}; the success answer ({@code payguru.mp.success-body}) is given
 * only once stored. A purchase by SMS whose reference code ({@code payguru.mp.refcode.notification-param}, default
 * {@code order}) the merchant registered is stored under that code's order, with the code as {@code refcode}
 * ({@link MpRefcodeLinks}: claimed before the transaction is written, so a retry after a failure between the two
 * finds the same link; a redelivery finds it for good).
 */
@ApplicationScoped
public class MpBillingNotifications {

    public static final String KIND = "mp-billing-notification";

    static final Set<String> DOCUMENTED = Set.of("msisdn", "txId", "status", "operator", "order", "item", "amount",
            "service", "error", "errorDesc", "billingType", "subsId");

    static final CallbackAnswer CONFLICT = CallbackAnswer.text(409,
            "Conflict: this txId is already recorded with a different service, amount, order or subsId");

    private final ServiceDirectory services;
    private final NotificationRecorder recorder;
    private final MpGuard guard;
    private final MpTransactions transactions;
    private final MpConfig config;
    private final NotificationRecorder.Rules rules;
    private final MpRefcodeLinks refcodes;
    private final Set<String> documented;

    @Inject
    public MpBillingNotifications(ServiceDirectory services, NotificationRecorder recorder, MpGuard guard,
            MpTransactions transactions, MpConfig config, MpRefcodeLinks refcodes) {
        this.services = services;
        this.refcodes = refcodes;
        Set<String> names = new HashSet<>(DOCUMENTED);
        names.add(config.refcode().notificationParam());
        this.documented = Set.copyOf(names);
        this.recorder = recorder;
        this.guard = guard;
        this.transactions = transactions;
        this.config = config;
        CallbackAnswer ok = CallbackAnswer.text(200, config.successBody());
        this.rules = new NotificationRecorder.Rules(KIND, new NotificationRecorder.Answers(ok, ok, CONFLICT),
                "stored service/amount/order/subsId differ", List.of("service", "amount", "orderRef", "subsId"),
                NotificationRecorder.STORED_STATUS_KEPT, documented);
    }

    public CallbackAnswer handle(HttpRequest req) {
        Map<String, String> params = guard.admit(KIND, req);
        MpParams p = new MpParams(params);
        String txId = Identifiers.parse("txId", params.get("txId"));
        String status = p.required("status", Validation.STATUS_CODE);
        ServiceDirectory.NamedService service = MpParams.service(services, p.required("service", Validation.NUMERIC_ID));
        Amount amount = p.amount(config.maxAmount());
        if (amount == null && MpStatus.amountRequired(status)) {
            throw new BadRequestException("missing field: amount (required with status " + status + ")");
        }
        String order = p.optional("order", Validation.REFERENCE);
        String operator = p.operator(config.operators());
        String item = p.optional("item", MpParams.TEXT);
        String billingType = p.optional("billingType", MpParams.CODE);
        String subsId = p.identifier("subsId");
        String error = p.optional("error", MpParams.TEXT);
        String errorDesc = p.optional("errorDesc", MpParams.TEXT);
        String msisdn = p.optional("msisdn", MpParams.MSISDN);
        // an SMS purchase carrying a registered reference code belongs to that code's order (claimed once valid)
        String refcode = params.get(config.refcode().notificationParam());
        Optional<String> linked = refcodes.orderOf(refcode, service.payguruId(), txId, subsId);
        MpTransactionFact fact = new MpTransactionFact(txId, service.payguruId(), status, linked.orElse(order), amount,
                operator, item, billingType, subsId, error, errorDesc, msisdn, p.passThrough(documented),
                MpTransactionFact.Source.CALLBACK, linked.isPresent() ? refcode : null);

        NotificationRecorder.Delivery delivery = new NotificationRecorder.Delivery(
                params, req.sourceIp(), String.format("txId=%s status=%s service=%s order=%s subsId=%s amount=%s msisdn=%s",
                        txId, status, fact.service(), fact.order(), fact.subsId(),
                        amount == null ? null : amount.wire(), Masking.msisdn(fact.msisdn())),
                MpStatus.INSTANCE.known(status),
                MpStatus.paid(status) && config.confirmBeforeTrust() ? " (unconfirmed until transaction detail)" : "");
        return recorder.record(rules, delivery, notification -> transactions.change(fact, notification));
    }
}
