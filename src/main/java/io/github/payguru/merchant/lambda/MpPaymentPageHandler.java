package io.github.payguru.merchant.lambda;

import jakarta.inject.Inject;
import jakarta.inject.Named;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

import io.github.payguru.merchant.mp.MpPaymentPage;

/** {@code POST /ops/mp/payment-page} (IAM-signed): stores the pending order by reference code and answers Payguru's payment page redirect URL. */
@Named(MpPaymentPage.PAYMENT_PAGE)
public class MpPaymentPageHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    @Inject
    OperationRunner runner;

    @Inject
    MpPaymentPage paymentPage;

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return runner.run(MpPaymentPage.PAYMENT_PAGE, event, paymentPage::paymentPage);
    }
}
