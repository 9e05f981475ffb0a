package io.github.payguru.merchant.lambda;

import java.util.function.Function;
import java.util.function.ToIntFunction;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.payguru.merchant.kernel.BadRequestException;
import io.github.payguru.merchant.kernel.Masking;
import io.github.payguru.merchant.payguru.OperationException;
import io.github.payguru.merchant.payguru.OperationRequest;
import io.github.payguru.merchant.payguru.PayguruConfig;
import io.github.payguru.merchant.store.StorageException;

/**
 * What every operation handler does around its core service: read the JSON body, answer the service's
 * JSON with 200, and every refusal as {@code {"error":{"code","message","source"}}} with a documented
 * status — 400/409/413 validation (nothing called), 429 rate limit, 404/409/422/502/504 from Payguru's
 * answer, 503 storage, 500 configuration. Logs carry no personal data (messages of this code hold none).
 */
@ApplicationScoped
public class OperationRunner {

    private static final Logger LOG = Logger.getLogger(OperationRunner.class);

    private final PayguruConfig config;
    private final RequestLog log;

    @Inject
    public OperationRunner(PayguruConfig config, RequestLog log) {
        this.config = config;
        this.log = log;
    }

    public APIGatewayV2HTTPResponse run(String operation, APIGatewayV2HTTPEvent event,
            Function<OperationRequest, ObjectNode> service) {
        return run(operation, event, service, result -> 200);
    }

    /** As {@link #run(String, APIGatewayV2HTTPEvent, Function)}, the success status chosen from the answer (201). */
    public APIGatewayV2HTTPResponse run(String operation, APIGatewayV2HTTPEvent event,
            Function<OperationRequest, ObjectNode> service, ToIntFunction<ObjectNode> successStatus) {
        return log.around(operation, event, () -> answer(operation, event, service, successStatus));
    }

    private APIGatewayV2HTTPResponse answer(String operation, APIGatewayV2HTTPEvent event,
            Function<OperationRequest, ObjectNode> service, ToIntFunction<ObjectNode> successStatus) {
        try {
            ObjectNode result = service.apply(EventReader.operation(event, config.notifications().maxBodyBytes()));
            return HttpResponses.json(successStatus.applyAsInt(result), result.toString());
        } catch (BadRequestException e) {
            LOG.infof("%s refused (%d): %s", operation, e.status(), Masking.text(e.getMessage()));
            return error(e.status(), e.status() == 409 ? "CONFLICT" : "INVALID_REQUEST", e.getMessage(),
                    OperationException.VALIDATION, null);
        } catch (OperationException e) {
            LOG.infof("%s answered %d: %s %s (%s)", operation, e.status(), e.code(), Masking.text(e.getMessage()),
                    e.source());
            return error(e.status(), e.code(), e.getMessage(), e.source(), e.details());
        } catch (StorageException e) {
            LOG.errorf("%s: storage unavailable: %s", operation, e.getMessage());
            return error(503, "STORAGE_UNAVAILABLE", "Storage unavailable, please retry", "storage", null);
        } catch (IllegalStateException e) {
            LOG.errorf("%s cannot be served: %s", operation, e.getMessage());
            return error(500, "NOT_CONFIGURED", "Not configured", OperationException.CONFIG, null);
        } catch (RuntimeException e) {
            LOG.errorf("%s failed unexpectedly: %s", operation, e.getClass().getName());
            return error(500, "INTERNAL", "Internal error", "internal", null);
        }
    }

    static APIGatewayV2HTTPResponse error(int status, String code, String message, String source, ObjectNode details) {
        ObjectNode error = OperationRequest.object().put("code", code).put("message", message).put("source", source);
        ObjectNode out = OperationRequest.object();
        out.set("error", error);
        if (details != null) {
            // scalars (payguruHttpStatus, outcome, retryAfterSeconds) describe the error; objects (the state found) stand beside it
            details.fields().forEachRemaining(f -> (f.getValue().isContainerNode() ? out : error).set(f.getKey(),
                    f.getValue()));
        }
        return HttpResponses.json(status, out.toString());
    }
}
