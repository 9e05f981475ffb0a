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
import io.github.payguru.merchant.kernel.HttpRequest;
import io.github.payguru.merchant.kernel.Identifiers;
import io.github.payguru.merchant.kernel.Masking;
import io.github.payguru.merchant.kernel.Validation;
import io.github.payguru.merchant.payguru.ServiceDirectory;

/**
 * MP subscription notification, {@code GET} with {@code msisdn, subsId, txId, status, operator, service,
 * order, billingType} plus pass-through (src/site/markdown/payguru-api.md §1.2). Unsigned: {@link MpGuard} first. The
 * state change is {@link MpSubscriptions#apply} (ordered by txId). A cycle bought by SMS with a registered reference
 * code (in {@code payguru.mp.refcode.notification-param}, as for billing) is stored under the code's order, like its
 * first charge and its renewals ({@link MpRefcodeLinks}).
 */
@ApplicationScoped
public class MpSubscriptionNotifications {

    public static final String KIND = "mp-subscription-notification";

    static final Set<String> DOCUMENTED = Set.of("msisdn", "subsId", "txId", "status", "operator", "service", "order",
            "billingType");

    static final CallbackAnswer CONFLICT = CallbackAnswer.text(409,
            "Conflict: this subsId is already recorded with a different service or order");

    private final ServiceDirectory services;
    private final NotificationRecorder recorder;
    private final MpGuard guard;
    private final MpSubscriptions subscriptions;
    private final MpConfig config;
    private final NotificationRecorder.Rules rules;
    private final MpRefcodeLinks refcodes;
    private final Set<String> documented;

    @Inject
    public MpSubscriptionNotifications(ServiceDirectory services, NotificationRecorder recorder, MpGuard guard,
            MpSubscriptions subscriptions, MpConfig config, MpRefcodeLinks refcodes) {
        this.services = services;
        this.refcodes = refcodes;
        Set<String> names = new HashSet<>(DOCUMENTED);
        names.add(config.refcode().notificationParam());
        this.documented = Set.copyOf(names);
        this.recorder = recorder;
        this.guard = guard;
        this.subscriptions = subscriptions;
        this.config = config;
        CallbackAnswer ok = CallbackAnswer.text(200, config.successBody());
        this.rules = new NotificationRecorder.Rules(KIND, new NotificationRecorder.Answers(ok, ok, CONFLICT),
                "stored service/order differ", List.of("service", "orderRef"),
                w -> "newer txId " + w.currentString("txId") + " (status " + w.currentString("status") + ") kept"
                        + (w.currentString("txIdCeiling") == null ? "" : " or txId beyond " + w.currentString("txIdCeiling")),
                DOCUMENTED);
    }

    public CallbackAnswer handle(HttpRequest req) {
        Map<String, String> params = guard.admit(KIND, req);
        MpParams p = new MpParams(params);
        String subsId = Identifiers.parse("subsId", params.get("subsId"));
        String txId = Identifiers.parse("txId", params.get("txId"));
        String status = p.required("status", MpParams.WORD);
        ServiceDirectory.NamedService service = MpParams.service(services, p.required("service", Validation.NUMERIC_ID));
        String order = p.optional("order", Validation.REFERENCE);
        String operator = p.operator(config.operators());
        String billingType = p.optional("billingType", MpParams.CODE);
        String msisdn = p.optional("msisdn", MpParams.MSISDN);
        String refcode = params.get(config.refcode().notificationParam());
        Optional<String> linked = refcodes.orderOf(refcode, service.payguruId(), txId, subsId);
        MpSubscriptionFact fact = new MpSubscriptionFact(subsId, txId, service.payguruId(), status, linked.orElse(order),
                operator, billingType, msisdn, p.passThrough(documented), linked.isPresent() ? refcode : null);

        NotificationRecorder.Delivery delivery = new NotificationRecorder.Delivery(
                params, req.sourceIp(), String.format("subsId=%s txId=%s status=%s service=%s order=%s msisdn=%s",
                        subsId, txId, status, fact.service(), fact.order(), Masking.msisdn(fact.msisdn())),
                MpSubscriptionStatus.known(status), "");
        return recorder.record(rules, delivery, notification -> subscriptions.change(fact, notification));
    }
}
