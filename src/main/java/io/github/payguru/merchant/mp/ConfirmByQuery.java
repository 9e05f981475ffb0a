package io.github.payguru.merchant.mp;

import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.payguru.merchant.payguru.Answers;
import io.github.payguru.merchant.payguru.OperationException;
import io.github.payguru.merchant.payguru.OperationRequest;
import io.github.payguru.merchant.payguru.PayguruFailure;
import io.github.payguru.merchant.payguru.PayguruOutcome;

/**
 * An uncertain write (its answer lost: timeout, 5xx, unreadable — {@link PayguruOutcome.Kind#uncertain}) is
 * never sent again: the item is queried and the answer comes from what Payguru shows. Either the write's
 * effect is there ({@code "<action>":"confirmed-by-query"}, with the status shown), or the caller gets the
 * lost write's failure, saying what the query showed (the item beside the error) or that it failed too.
 * Used by the MP refund ({@link MpRefunds}) and subscription cancel ({@link MpSubscriptionCancel}) alike.
 */
final class ConfirmByQuery {

    /**
     * One kind of uncertain write and how to read it back.
     *
     * @param operation the write's operation name (for its failure)
     * @param action the answer's member saying what became of it ({@code refund}, {@code cancel})
     * @param idField the answer's member holding the item's id
     * @param itemField what the item is called in the failure ({@code transaction}, {@code subscription})
     * @param itemOf the item within the query's answer
     * @param done whether a status the query shows means the write's effect is there
     * @param appliesAnyAnswer whether what the query shows is applied (and reported) even when it does not confirm
     * @param afterwards the end of the failure message: what happens next
     */
    record Write(String operation, String action, String idField, String itemField, Function<JsonNode, JsonNode> itemOf,
            Predicate<String> done, boolean appliesAnyAnswer, String afterwards) {
    }

    private ConfirmByQuery() {
    }

    /**
     * Queries the item after {@code lost} and answers from what it shows.
     *
     * @param query the item's detail call (a refusal by our own rate limit counts as a failed query)
     * @param apply applies what the query shows to the stored state; its result is the answer's {@code state}
     * @param onConfirmed run when the query shows the write's effect, before answering
     * @throws OperationException the lost write's failure when the query does not confirm it
     */
    static ObjectNode confirm(Write write, String id, PayguruOutcome lost, Supplier<PayguruOutcome> query,
            Function<JsonNode, ObjectNode> apply, Runnable onConfirmed) {
        PayguruOutcome found;
        try {
            found = query.get();
        } catch (OperationException limited) {
            found = PayguruOutcome.transport(PayguruOutcome.Kind.RATE_LIMITED, limited.code(), limited.getMessage());
        }
        JsonNode item = write.itemOf().apply(found.body());
        String status = Answers.scalar(item, "status");
        boolean confirmed = found.ok() && status != null && write.done().test(status);
        ObjectNode state = found.ok() && (confirmed || write.appliesAnyAnswer()) ? apply.apply(item) : null;
        if (confirmed) {
            onConfirmed.run();
            return MpQueries.withState(Answers.answer(found).put(write.idField(), id)
                    .put(write.action(), "confirmed-by-query").put("status", status), state);
        }
        ObjectNode details = OperationRequest.object();
        if (found.ok()) {
            details.set(write.itemField(), item);
            if (state != null) {
                details.set("state", state);
            }
        }
        throw PayguruFailure.of(write.operation(), new PayguruOutcome(lost.kind(), lost.httpStatus(), lost.code(),
                lost.message() + "; the " + write.action() + " may or may not have been done: "
                        + (found.ok() ? "the " + write.itemField() + " shows status " + status
                                : "the query failed too (" + found.code() + ")")
                        + ". " + write.afterwards(),
                lost.body()), details);
    }
}
