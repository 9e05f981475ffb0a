package io.github.payguru.merchant.lambda;

import jakarta.inject.Inject;
import jakarta.inject.Named;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

import io.github.payguru.merchant.orders.MerchantOrders;

/** {@code POST /ops/merchant/order-get} (IAM-signed): our stored state of one merchant order, both lines. */
@Named(MerchantOrders.ORDER_GET)
public class MerchantOrderGetHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    @Inject
    OperationRunner runner;

    @Inject
    MerchantOrders orders;

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return runner.run(MerchantOrders.ORDER_GET, event, orders::get);
    }
}
