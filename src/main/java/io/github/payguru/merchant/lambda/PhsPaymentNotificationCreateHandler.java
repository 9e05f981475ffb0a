package io.github.payguru.merchant.lambda;

import jakarta.inject.Inject;
import jakarta.inject.Named;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

import io.github.payguru.merchant.phs.PhsPayments;

/** {@code POST /ops/phs/payment-notification-create} (IAM-signed): registers the order and creates the PHS payment notification; answers the yonlendir redirect. */
@Named(PhsPayments.CREATE)
public class PhsPaymentNotificationCreateHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    @Inject
    OperationRunner runner;

    @Inject
    PhsPayments payments;

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return runner.run(PhsPayments.CREATE, event, payments::createPaymentNotification);
    }
}
