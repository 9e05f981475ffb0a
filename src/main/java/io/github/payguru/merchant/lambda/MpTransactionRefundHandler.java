package io.github.payguru.merchant.lambda;

import jakarta.inject.Inject;
import jakarta.inject.Named;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

import io.github.payguru.merchant.mp.MpRefunds;

/** {@code POST /ops/mp/transaction-refund} (IAM-signed): refunds an MP transaction at most once (20/day, 5/s shared). */
@Named(MpRefunds.TRANSACTION_REFUND)
public class MpTransactionRefundHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    @Inject
    OperationRunner runner;

    @Inject
    MpRefunds refunds;

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return runner.run(MpRefunds.TRANSACTION_REFUND, event, refunds::transactionRefund);
    }
}
