package io.github.payguru.merchant.mp;

import java.util.function.Function;
import java.util.function.Supplier;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.payguru.merchant.payguru.Answers;
import io.github.payguru.merchant.payguru.OperationException;
import io.github.payguru.merchant.payguru.PayguruFailure;
import io.github.payguru.merchant.payguru.PayguruOutcome;

/**
 * One MP money write (refund, cancel) under its fenced lock ({@link RefundLocks}), at most once on the wire:
 * <ul>
 * <li>{@link RefundLocks.Acquired}: sent once. Payguru's clear answer decides: accepted → {@code done}; refused, or
 * provably not sent (our rate limit, no connection) → {@code released}. No clear answer (timeout, reset, 5xx,
 * unreadable, or any failure that cannot prove nothing left) → {@code uncertain}, and the item is queried at once
 * ({@link ConfirmByQuery}): never sent again.</li>
 * <li>{@link RefundLocks.MustQueryFirst}: queried first. Done → {@code done}, answered, nothing sent; the query
 * failed → {@code uncertain} again, not sent; nothing happened → the lock is renewed (refused: another request
 * took it over) and the write sent as above.</li>
 * <li>{@link RefundLocks.AlreadyDone}, {@link RefundLocks.InProgress}: 409, no call.</li>
 * </ul>
 */
final class LockedWrite {

    private static final Logger LOG = Logger.getLogger(LockedWrite.class);

    /**
     * One write's parts.
     *
     * @param write what it is and how its item reads back
     * @param target its lock
     * @param id the Payguru id it acts on
     * @param send the call (money mode: at most once)
     * @param query the item's detail call
     * @param apply applies the item a query (or the write's answer) shows; its result is the answer's {@code state}
     * @param accepted the answer (with state) to the write Payguru accepted
     * @param alreadyDone the 409 for a write done before ({@code since} when)
     * @param inProgress the 409 for a write another request is sending
     */
    record Spec(ConfirmByQuery.Write write, RefundLocks.Target target, String id, Supplier<PayguruOutcome> send,
            Supplier<PayguruOutcome> query, Function<JsonNode, ObjectNode> apply,
            Function<PayguruOutcome, ObjectNode> accepted, Function<String, OperationException> alreadyDone,
            Supplier<OperationException> inProgress) {
    }

    private LockedWrite() {
    }

    static ObjectNode run(RefundLocks locks, Spec spec) {
        return switch (locks.acquire(spec.target())) {
            case RefundLocks.Acquired a -> send(locks, spec, a.owner());
            case RefundLocks.MustQueryFirst q -> queryFirst(locks, spec, q.owner());
            case RefundLocks.AlreadyDone d -> throw spec.alreadyDone().apply(d.since());
            case RefundLocks.InProgress p -> throw spec.inProgress().get();
        };
    }

    private static ObjectNode queryFirst(RefundLocks locks, Spec spec, RefundLocks.Owner owner) {
        ConfirmByQuery.Write w = spec.write();
        PayguruOutcome found;
        ObjectNode state;
        try {
            found = spec.query().get();
            state = found.ok() ? spec.apply().apply(w.itemOf().apply(found.body())) : null;
        } catch (RuntimeException e) {
            locks.uncertain(owner); // still not known: the next request checks again
            throw e;
        }
        String status = Answers.scalar(w.itemOf().apply(found.body()), "status");
        if (found.ok() && status != null && w.done().test(status)) {
            locks.done(owner);
            LOG.infof("%s %s: an earlier %s went through (status %s); not sent again", w.operation(), spec.id(),
                    w.action(), status);
            return MpQueries.withState(Answers.answer(found).put(w.idField(), spec.id()).put(w.action(), "already-done")
                    .put("status", status), state);
        }
        if (!found.ok()) {
            locks.uncertain(owner);
            throw PayguruFailure.of(w.operation(), new PayguruOutcome(found.kind(), found.httpStatus(), found.code(),
                    "an earlier " + w.action() + " of " + spec.id() + " has no clear answer and the " + w.itemField()
                            + " query failed (" + found.message() + "); not sent",
                    found.body()));
        }
        if (!locks.renew(owner)) {
            throw spec.inProgress().get();
        }
        return send(locks, spec, owner);
    }

    private static ObjectNode send(RefundLocks locks, Spec spec, RefundLocks.Owner owner) {
        ConfirmByQuery.Write w = spec.write();
        PayguruOutcome outcome;
        try {
            outcome = spec.send().get();
        } catch (OperationException e) {
            if (OperationException.RATE_LIMIT.equals(e.source())) {
                locks.release(owner); // our shared limit refused before calling: nothing sent
            } else {
                locks.uncertain(owner);
            }
            throw e;
        } catch (RuntimeException e) {
            locks.uncertain(owner); // nothing proves that no byte left
            throw e;
        }
        if (outcome.ok()) {
            locks.done(owner);
            LOG.infof("%s %s: accepted by Payguru", w.operation(), spec.id());
            return spec.accepted().apply(outcome);
        }
        if (!outcome.kind().uncertain()) {
            locks.release(owner); // refused as sent, or (UNREACHABLE) provably not sent
            throw PayguruFailure.of(w.operation(), outcome);
        }
        locks.uncertain(owner);
        LOG.warnf("%s %s: %s, querying instead of sending again", w.operation(), spec.id(), outcome.kind());
        return ConfirmByQuery.confirm(w, spec.id(), outcome, spec.query(), spec.apply(), () -> locks.done(owner));
    }
}
