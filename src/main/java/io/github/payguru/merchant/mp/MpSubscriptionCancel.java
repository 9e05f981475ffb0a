package io.github.payguru.merchant.mp;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.payguru.merchant.kernel.Line;
import io.github.payguru.merchant.mp.api.MpGateway;
import io.github.payguru.merchant.payguru.Answers;
import io.github.payguru.merchant.payguru.OperationException;
import io.github.payguru.merchant.payguru.OperationInput;
import io.github.payguru.merchant.payguru.OperationRequest;
import io.github.payguru.merchant.payguru.ServiceDirectory;

/**
 * {@code mp-subscription-cancel} (src/site/markdown/payguru-api.md §2.1): sent at most once, under a fenced lock
 * beside the cycle ({@link RefundLocks}, {@code sk = CANCEL}), as the refund is ({@link LockedWrite}): when the
 * answer is lost the subscription is queried and its state reported ({@link ConfirmByQuery}), the cancel is not
 * sent again; a later request queries first.
 */
@ApplicationScoped
public class MpSubscriptionCancel {

    public static final String SUBSCRIPTION_CANCEL = MpGateway.SUBSCRIPTION_CANCEL;

    private static final ConfirmByQuery.Write LOST = new ConfirmByQuery.Write(SUBSCRIPTION_CANCEL, "cancel",
            "subscriptionId", "subscription", MpQueries::subscriptionOf, "cancelled"::equalsIgnoreCase, false,
            "Not sent again; a new cancel request queries first");

    private final ServiceDirectory services;
    private final MpGateway mp;
    private final RefundLocks locks;
    private final MpQueries queries;

    @Inject
    public MpSubscriptionCancel(ServiceDirectory services, MpGateway mp, RefundLocks locks, MpQueries queries) {
        this.services = services;
        this.mp = mp;
        this.locks = locks;
        this.queries = queries;
    }

    /** {@code mp-subscription-cancel}: {@code service}, {@code subscriptionId}. */
    public ObjectNode subscriptionCancel(OperationRequest req) {
        ServiceDirectory.NamedService svc = services.serviceOf(Line.MP, req);
        return cancel(svc, OperationInput.identifier(req, "subscriptionId"));
    }

    /** Cancels a subscription (canonical id) at most once; a lost answer is confirmed by a query, never sent again. */
    public ObjectNode cancel(ServiceDirectory.NamedService svc, String subsId) {
        return LockedWrite.run(locks, new LockedWrite.Spec(LOST, RefundLocks.Target.cancel(subsId, svc.payguruId()),
                subsId, () -> mp.subscriptionCancel(svc.payguruId(), subsId),
                () -> queries.subscriptionDetail(svc, subsId), s -> queries.applySubscription(svc, subsId, s),
                outcome -> MpQueries.withState(Answers.answer(outcome).put("subscriptionId", subsId)
                        .put("cancel", "accepted"),
                        queries.applySubscription(svc, subsId, MpQueries.subscriptionOf(outcome.body()))),
                since -> new OperationException(409, "ALREADY_CANCELLED", "Payguru already accepted a cancel of "
                        + "subscription " + subsId + " (" + since + "); not sent again", OperationException.STATE,
                        null),
                () -> new OperationException(409, "CANCEL_IN_PROGRESS", "another request is cancelling subscription "
                        + subsId + " right now; not sent again", OperationException.STATE, null)));
    }
}
