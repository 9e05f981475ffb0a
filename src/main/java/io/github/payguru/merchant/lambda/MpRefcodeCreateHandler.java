package io.github.payguru.merchant.lambda;

import jakarta.inject.Inject;
import jakarta.inject.Named;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

import io.github.payguru.merchant.mp.MpRefcodeCreate;

/** {@code POST /ops/mp/refcode-create} (IAM-signed): registers or generates a reference code for an order. */
@Named(MpRefcodeCreate.OPERATION)
public class MpRefcodeCreateHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    @Inject
    OperationRunner runner;

    @Inject
    MpRefcodeCreate refcodes;

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return runner.run(MpRefcodeCreate.OPERATION, event, refcodes::create, MpRefcodeCreate::status);
    }
}
