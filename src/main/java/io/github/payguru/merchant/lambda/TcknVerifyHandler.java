package io.github.payguru.merchant.lambda;

import jakarta.inject.Inject;
import jakarta.inject.Named;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

import io.github.payguru.merchant.phs.TcknVerification;

/** {@code GET|POST /payguru/phs/tckn-verify}: answers md5(TCKN + service key) for a registered order. */
@Named(TcknVerification.KIND)
public class TcknVerifyHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    @Inject
    CallbackRunner runner;

    @Inject
    TcknVerification verification;

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return runner.run(TcknVerification.KIND, event, verification::handle,
                (status, message) -> TcknVerification.refused(status));
    }
}
