package io.github.payguru.merchant.lambda;

import jakarta.inject.Inject;
import jakarta.inject.Named;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

import io.github.payguru.merchant.phs.PhsQueries;

/** {@code POST /ops/phs/order-lookup} (IAM-signed): looks up Payguru's reference of a merchant order. */
@Named(PhsQueries.ORDER_LOOKUP)
public class PhsOrderLookupHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    @Inject
    OperationRunner runner;

    @Inject
    PhsQueries queries;

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return runner.run(PhsQueries.ORDER_LOOKUP, event, queries::lookupOrder);
    }
}
