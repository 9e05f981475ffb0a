package io.github.payguru.merchant.lambda;

import java.util.Map;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

import io.github.payguru.merchant.kernel.LogContext;
import io.github.payguru.merchant.kernel.Metrics;

/**
 * One log line and one metric line per request, whatever happened inside: the function, the answer's status,
 * the latency and the API Gateway request id, plus what the use case put in the logging context on the way
 * ({@link LogContext#OUTCOME}, ...). In AWS the line is JSON (quarkus-logging-json, the context as
 * fields); the metric is {@code Requests}/{@code Latency} by {@code Function} and {@code Outcome} (the use
 * case's outcome, else the status class).
 */
@ApplicationScoped
public class RequestLog {

    private static final Logger LOG = Logger.getLogger(RequestLog.class);

    private final Metrics metrics;

    @Inject
    public RequestLog(Metrics metrics) {
        this.metrics = metrics;
    }

    public APIGatewayV2HTTPResponse around(String function, APIGatewayV2HTTPEvent event,
            Supplier<APIGatewayV2HTTPResponse> request) {
        long start = System.nanoTime();
        MDC.clear();
        MDC.put("function", function);
        String requestId = event == null || event.getRequestContext() == null ? null
                : event.getRequestContext().getRequestId();
        if (requestId != null) {
            MDC.put("requestId", requestId);
        }
        APIGatewayV2HTTPResponse response = null;
        try {
            response = request.get();
            return response;
        } finally {
            int status = response == null ? 500 : response.getStatusCode();
            long ms = (System.nanoTime() - start) / 1_000_000;
            Object outcome = MDC.get(LogContext.OUTCOME);
            String outcomeName = outcome != null ? outcome.toString() : (status / 100) + "xx";
            MDC.put("status", status);
            MDC.put("latencyMs", ms);
            LOG.infof("%s answered %d (%s) in %d ms", function, status, outcomeName, ms);
            metrics.emit(Map.of("Function", function, "Outcome", outcomeName), Metrics.Measure.count("Requests"),
                    Metrics.Measure.millis("Latency", ms));
            MDC.clear();
        }
    }
}
