package io.github.payguru.merchant.lambda;

import jakarta.inject.Inject;
import jakarta.inject.Named;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

import io.github.payguru.merchant.mp.MpCredentialService;

/** {@code GET /payguru/mp/credentials}: login and password for a subscriber, {@code securekey = md5(subsId + secretKey)}. */
@Named(MpCredentialService.KIND)
public class MpCredentialServiceHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    @Inject
    CallbackRunner runner;

    @Inject
    MpCredentialService service;

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return runner.run(MpCredentialService.KIND, event, service::handle, MpCredentialService::error);
    }
}
