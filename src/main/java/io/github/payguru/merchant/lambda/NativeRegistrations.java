package io.github.payguru.merchant.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Types Jackson reads and writes at the Lambda boundary, registered for the native image.
 * Table items need none: their schemas are static (getter/setter lambdas, no bean introspection).
 */
@RegisterForReflection(targets = {
        APIGatewayV2HTTPEvent.class,
        APIGatewayV2HTTPEvent.RequestContext.class,
        APIGatewayV2HTTPEvent.RequestContext.Http.class,
        APIGatewayV2HTTPEvent.RequestContext.Authorizer.class,
        APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT.class,
        APIGatewayV2HTTPEvent.RequestContext.IAM.class,
        APIGatewayV2HTTPEvent.RequestContext.CognitoIdentity.class,
        APIGatewayV2HTTPResponse.class,
})
public final class NativeRegistrations {

    private NativeRegistrations() {
    }
}
