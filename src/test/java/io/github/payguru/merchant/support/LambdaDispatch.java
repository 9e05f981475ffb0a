package io.github.payguru.merchant.support;

import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.literal.NamedLiteral;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

/**
 * The Lambda handler of the test profile ({@code %test.quarkus.lambda.handler=test-dispatch}): the mock
 * event server's events reach it through the Lambda runtime exactly as a function's would (the same
 * deserialisation of the API Gateway event, the same serialisation of the answer), and it hands each to the
 * {@code @Named} handler a test chose with {@link LambdaMock#to}. So every HTTP handler is tested through the
 * Lambda runtime in one Quarkus start instead of one start per handler. Which bean a deployed function runs
 * ({@code QUARKUS_LAMBDA_HANDLER}) is tested on the packaged function ({@code packaged/PackagedFunctionIT}).
 */
@Named("test-dispatch")
public class LambdaDispatch implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private static volatile String target;

    @Inject
    @Any
    Instance<RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>> handlers;

    static void target(String handler) {
        target = handler;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        String name = target;
        if (name == null || name.equals("test-dispatch")) {
            throw new IllegalStateException("no handler chosen: call LambdaMock.to(<handler>) first");
        }
        Instance<RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>> chosen = handlers.select(NamedLiteral.of(name));
        if (!chosen.isResolvable()) {
            throw new IllegalStateException("no @Named(\"" + name + "\") handler of API Gateway events");
        }
        return chosen.get().handleRequest(event, context);
    }
}
