package io.github.payguru.merchant.mp;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.payguru.merchant.kernel.Line;
import io.github.payguru.merchant.mp.api.MpApi;
import io.github.payguru.merchant.payguru.Answers;
import io.github.payguru.merchant.payguru.OperationInput;
import io.github.payguru.merchant.payguru.OperationRequest;
import io.github.payguru.merchant.payguru.PayguruApiConfig;
import io.github.payguru.merchant.payguru.PayguruCalls;
import io.github.payguru.merchant.payguru.PayguruClients;
import io.github.payguru.merchant.payguru.PayguruFailure;
import io.github.payguru.merchant.payguru.PayguruOutcome;
import io.github.payguru.merchant.payguru.ServiceDirectory;

/**
 * {@code mp-subscription-cancel} (src/site/markdown/payguru-api.md §2.1): sent once; when the answer is lost the
 * subscription is queried and its state reported ({@link ConfirmByQuery}), the cancel is not sent again.
 */
@ApplicationScoped
public class MpSubscriptionCancel {

    public static final String SUBSCRIPTION_CANCEL = "mp-subscription-cancel";

    private static final ConfirmByQuery.Write LOST = new ConfirmByQuery.Write(SUBSCRIPTION_CANCEL, "cancel",
            "subscriptionId", "subscription", MpQueries::subscriptionOf, "cancelled"::equalsIgnoreCase, false,
            "Not sent again");

    private final ServiceDirectory services;
    private final PayguruClients clients;
    private final PayguruCalls calls;
    private final PayguruApiConfig api;
    private final MpQueries queries;

    @Inject
    public MpSubscriptionCancel(ServiceDirectory services, PayguruClients clients, PayguruCalls calls,
            PayguruApiConfig api, MpQueries queries) {
        this.services = services;
        this.clients = clients;
        this.calls = calls;
        this.api = api;
        this.queries = queries;
    }

    /** {@code mp-subscription-cancel}: {@code service}, {@code subscriptionId}. */
    public ObjectNode subscriptionCancel(OperationRequest req) {
        ServiceDirectory.NamedService svc = services.serviceOf(Line.MP, req);
        return cancel(svc, OperationInput.identifier(req, "subscriptionId"));
    }

    /** Cancels a subscription (canonical id) once; a lost answer is confirmed by a query, never sent again. */
    public ObjectNode cancel(ServiceDirectory.NamedService svc, String subsId) {
        PayguruOutcome outcome = calls.call(SUBSCRIPTION_CANCEL, PayguruCalls.Mode.WRITE, PayguruOutcome::mp,
                () -> new MpApi(clients.at(api.mpBaseUrl())).subscriptionCancel(services.merchantId(),
                        svc.payguruId(), subsId));
        if (outcome.ok()) {
            return MpQueries.withState(Answers.answer(outcome).put("subscriptionId", subsId).put("cancel", "accepted"),
                    queries.applySubscription(svc, subsId, MpQueries.subscriptionOf(outcome.body())));
        }
        if (!outcome.kind().uncertain()) {
            throw PayguruFailure.of(SUBSCRIPTION_CANCEL, outcome);
        }
        return ConfirmByQuery.confirm(LOST, subsId, outcome, () -> queries.subscriptionDetail(svc, subsId),
                s -> queries.applySubscription(svc, subsId, s), () -> {
                });
    }
}
