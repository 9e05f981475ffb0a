package io.github.payguru.merchant.lambda;

import jakarta.inject.Inject;
import jakarta.inject.Named;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

import io.github.payguru.merchant.mp.MpRefcodes;

/** {@code GET /payguru/mp/refcode}: whether a reference code (REFKOD) of an SMS-initiated payment is valid. */
@Named(MpRefcodes.KIND)
public class MpRefcodeCheckHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    @Inject
    CallbackRunner runner;

    @Inject
    MpRefcodes service;

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return runner.run(MpRefcodes.KIND, event, service::handle, service::refusal);
    }
}
