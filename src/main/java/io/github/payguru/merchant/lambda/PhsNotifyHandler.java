package io.github.payguru.merchant.lambda;

import jakarta.inject.Inject;
import jakarta.inject.Named;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

import io.github.payguru.merchant.phs.PhsNotifications;

/** {@code GET|POST /payguru/phs/notify}: PHS accepted-payment notification; answers {@code OK} once stored. */
@Named(PhsNotifications.KIND)
public class PhsNotifyHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    @Inject
    CallbackRunner runner;

    @Inject
    PhsNotifications notifications;

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return runner.run(PhsNotifications.KIND, event, notifications::handle, CallbackRunner.TEXT);
    }
}
