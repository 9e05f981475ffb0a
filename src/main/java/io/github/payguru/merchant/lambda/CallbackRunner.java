package io.github.payguru.merchant.lambda;

import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

import io.github.payguru.merchant.callback.CallbackAnswer;
import io.github.payguru.merchant.kernel.BadRequestException;
import io.github.payguru.merchant.kernel.HttpRequest;
import io.github.payguru.merchant.kernel.Privacy;
import io.github.payguru.merchant.payguru.PayguruConfig;
import io.github.payguru.merchant.store.StorageException;

/**
 * What every callback handler does around its core service: read the event, map refusals to a
 * clear 4xx, a storage failure to 503 (so Payguru sends it again), anything unexpected to 500,
 * and log each outcome without personal data (a refusal's reason may quote what was received: it is
 * masked by {@link Privacy} before it is logged or answered).
 */
@ApplicationScoped
public class CallbackRunner {

    /** How a callback phrases a refusal: Payguru's PHS notify reads text, TCKN verify reads JSON. */
    @FunctionalInterface
    public interface Refusal {
        CallbackAnswer answer(int status, String message);
    }

    public static final Refusal TEXT = CallbackAnswer::text;

    private static final Logger LOG = Logger.getLogger(CallbackRunner.class);

    private final PayguruConfig config;
    private final Privacy privacy;
    private final RequestLog log;

    @Inject
    public CallbackRunner(PayguruConfig config, Privacy privacy, RequestLog log) {
        this.config = config;
        this.privacy = privacy;
        this.log = log;
    }

    public APIGatewayV2HTTPResponse run(String kind, APIGatewayV2HTTPEvent event,
            Function<HttpRequest, CallbackAnswer> service, Refusal refusal) {
        return log.around(kind, event, () -> HttpResponses.of(answer(kind, event, service, refusal)));
    }

    CallbackAnswer answer(String kind, APIGatewayV2HTTPEvent event, Function<HttpRequest, CallbackAnswer> service,
            Refusal refusal) {
        try {
            return service.apply(EventReader.callback(event, config.notifications().maxBodyBytes()));
        } catch (BadRequestException e) {
            String reason = privacy.text(e.getMessage());
            LOG.infof("%s refused (%d): %s", kind, e.status(), reason);
            return refusal.answer(e.status(), reason);
        } catch (StorageException e) {
            LOG.errorf("%s not stored, answering 503 so that Payguru retries: %s", kind, e.getMessage());
            return refusal.answer(503, "Storage unavailable, please retry");
        } catch (IllegalStateException e) {
            LOG.errorf("%s cannot be served: %s", kind, e.getMessage());
            return refusal.answer(500, "Not configured");
        } catch (RuntimeException e) {
            LOG.errorf("%s failed unexpectedly: %s", kind, e.getClass().getName());
            return refusal.answer(500, "Internal error");
        }
    }
}
