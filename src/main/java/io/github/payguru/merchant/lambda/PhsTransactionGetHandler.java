package io.github.payguru.merchant.lambda;

import jakarta.inject.Inject;
import jakarta.inject.Named;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

import io.github.payguru.merchant.phs.PhsQueries;

/** {@code POST /ops/phs/transaction-get} (IAM-signed): queries a PHS transaction and applies its status through the state machine. */
@Named(PhsQueries.TRANSACTION_GET)
public class PhsTransactionGetHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    @Inject
    OperationRunner runner;

    @Inject
    PhsQueries queries;

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return runner.run(PhsQueries.TRANSACTION_GET, event, queries::getTransaction);
    }
}
