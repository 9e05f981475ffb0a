package io.github.payguru.merchant.payguru;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Turns a failed {@link PayguruOutcome} into the caller's answer: status by kind, Payguru's code and message. */
public final class PayguruFailure {

    private PayguruFailure() {
    }

    public static OperationException of(String what, PayguruOutcome outcome) {
        return of(what, outcome, null);
    }

    public static OperationException of(String what, PayguruOutcome outcome, ObjectNode details) {
        ObjectNode d = details == null ? PayguruCalls.JSON.createObjectNode() : details;
        d.put("payguruHttpStatus", outcome.httpStatus());
        d.put("outcome", outcome.kind().name());
        return new OperationException(outcome.kind().callerStatus(), outcome.code(),
                outcome.message() == null ? what + " failed" : outcome.message(), OperationException.PAYGURU, d);
    }
}
