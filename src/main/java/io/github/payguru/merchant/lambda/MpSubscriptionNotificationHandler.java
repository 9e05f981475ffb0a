package io.github.payguru.merchant.lambda;

import jakarta.inject.Inject;
import jakarta.inject.Named;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

import io.github.payguru.merchant.mp.MpSubscriptionNotifications;

/** {@code GET /payguru/mp/subscription}: MP subscription notification, ordered by txId; answers the success body once stored. */
@Named(MpSubscriptionNotifications.KIND)
public class MpSubscriptionNotificationHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    @Inject
    CallbackRunner runner;

    @Inject
    MpSubscriptionNotifications service;

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return runner.run(MpSubscriptionNotifications.KIND, event, service::handle, CallbackRunner.TEXT);
    }
}
