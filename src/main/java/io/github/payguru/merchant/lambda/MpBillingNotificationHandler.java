package io.github.payguru.merchant.lambda;

import jakarta.inject.Inject;
import jakarta.inject.Named;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

import io.github.payguru.merchant.mp.MpBillingNotifications;

/** {@code GET /payguru/mp/billing}: MP transaction notification; answers the success body once stored. */
@Named(MpBillingNotifications.KIND)
public class MpBillingNotificationHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    @Inject
    CallbackRunner runner;

    @Inject
    MpBillingNotifications service;

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return runner.run(MpBillingNotifications.KIND, event, service::handle, CallbackRunner.TEXT);
    }
}
