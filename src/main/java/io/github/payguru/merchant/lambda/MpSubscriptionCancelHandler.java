package io.github.payguru.merchant.lambda;

import jakarta.inject.Inject;
import jakarta.inject.Named;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

import io.github.payguru.merchant.mp.MpSubscriptionCancel;

/** {@code POST /ops/mp/subscription-cancel} (IAM-signed): cancels an MP subscription; a lost answer is followed by a query. */
@Named(MpSubscriptionCancel.SUBSCRIPTION_CANCEL)
public class MpSubscriptionCancelHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    @Inject
    OperationRunner runner;

    @Inject
    MpSubscriptionCancel cancel;

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return runner.run(MpSubscriptionCancel.SUBSCRIPTION_CANCEL, event, cancel::subscriptionCancel);
    }
}
