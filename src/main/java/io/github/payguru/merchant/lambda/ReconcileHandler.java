package io.github.payguru.merchant.lambda;

import java.util.Map;

import jakarta.inject.Inject;
import jakarta.inject.Named;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

import io.github.payguru.merchant.reconcile.Reconciler;

/**
 * Scheduled (EventBridge) reconciliation. The schedule's event carries nothing it needs; the answer is
 * the run's report ({@code checked}, {@code settled}, {@code failed} per kind, {@code stoppedBy}).
 */
@Named("reconcile")
public class ReconcileHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    @Inject
    Reconciler reconciler;

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> scheduledEvent, Context context) {
        return reconciler.run().toMap();
    }
}
