package io.github.payguru.merchant.lambda;

import java.util.Map;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

import io.github.payguru.merchant.callback.CallbackAnswer;

/** API Gateway v2 responses: exact bodies, explicit content types, nothing cached. */
public final class HttpResponses {

    private HttpResponses() {
    }

    public static APIGatewayV2HTTPResponse of(CallbackAnswer answer) {
        return response(answer.status(), answer.contentType(), answer.body());
    }

    public static APIGatewayV2HTTPResponse text(int status, String body) {
        return response(status, "text/plain; charset=utf-8", body);
    }

    public static APIGatewayV2HTTPResponse json(int status, String body) {
        return response(status, "application/json; charset=utf-8", body);
    }

    public static APIGatewayV2HTTPResponse response(int status, String contentType, String body) {
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(status)
                .withHeaders(Map.of("content-type", contentType, "cache-control", "no-store"))
                .withBody(body)
                .withIsBase64Encoded(false)
                .build();
    }
}
