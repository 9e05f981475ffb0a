package io.github.payguru.merchant.mp;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.github.payguru.merchant.kernel.Line;
import io.github.payguru.merchant.kernel.StatusMachine;
import io.github.payguru.merchant.payguru.MoneyCallBudget;
import io.github.payguru.merchant.payguru.PayguruApiConfig;
import io.github.payguru.merchant.store.Ledger;
import io.github.payguru.merchant.store.StateChange;
import io.github.payguru.merchant.store.TableLayout;
import io.github.payguru.merchant.store.WriteResult;

/**
 * The locks that keep an MP money write (refund, subscription cancel) from being sent twice: one item beside the
 * transaction or cycle ({@code sk = REFUND} / {@code CANCEL}, states {@link RefundLock}), taken or claimed with one
 * conditional write and <em>fenced by its holder</em>: taking or claiming writes a fresh random {@code owner}, and
 * every later write of the lock (renew, done, uncertain, released) is conditioned on that owner — a holder that
 * lost the lock (it outlived {@link #ttl} and another request claimed it) can never release or overwrite it.
 * {@link #acquire} answers what the caller may do as a {@link Claim}, never a null.
 */
@ApplicationScoped
public class RefundLocks {

    /** The attribute naming the lock's current holder (a random token, never reused). */
    static final String OWNER = "owner";
    static final String UPDATED_AT = "updatedAt";

    private static final Logger LOG = Logger.getLogger(RefundLocks.class);

    /** The lock item of one money write on one Payguru id. */
    public record Target(String pk, String sk, String service) {

        public static Target refund(String txId, String service) {
            return new Target(TableLayout.mpTransaction(txId), TableLayout.REFUND_LOCK, service);
        }

        public static Target cancel(String subsId, String service) {
            return new Target(TableLayout.mpSubscription(subsId), TableLayout.CANCEL_LOCK, service);
        }
    }

    /** The holder of a lock: what every later write of it must name. */
    public record Owner(Target target, String token) {
    }

    /** What {@link #acquire} found and did. */
    public sealed interface Claim permits Acquired, MustQueryFirst, AlreadyDone, InProgress {
    }

    /** The lock was free (never taken, or released): send now. */
    public record Acquired(Owner owner) implements Claim {
    }

    /**
     * The lock was uncertain (an earlier answer was lost) or its holder died mid-call (older than {@link #ttl}):
     * this request holds it now, to query first and send only if nothing happened ({@link #renew} before sending).
     */
    public record MustQueryFirst(Owner owner) implements Claim {
    }

    /** Payguru accepted the write, or a query showed it done: never sent again. */
    public record AlreadyDone(String since) implements Claim {
    }

    /** Another live request holds the lock. */
    public record InProgress() implements Claim {
    }

    private final Ledger ledger;
    private final Duration ttl;

    @Inject
    public RefundLocks(Ledger ledger, PayguruApiConfig api,
            @ConfigProperty(name = "quarkus.dynamodb.api-call-timeout", defaultValue = "PT6S") Duration storeCall) {
        this.ledger = ledger;
        this.ttl = MoneyCallBudget.of(api, storeCall).lockTtl();
    }

    /**
     * How long a {@code sending} lock lives: the longest a money call can run after its lock was stamped
     * ({@link MoneyCallBudget#lockTtl}); older, its invocation died mid-call and the lock may be claimed.
     */
    public Duration ttl() {
        return ttl;
    }

    /** Takes a free lock, or claims an uncertain or abandoned one, or says why not. */
    public Claim acquire(Target target) {
        Instant now = ledger.now();
        Owner taker = new Owner(target, UUID.randomUUID().toString());
        WriteResult taken = ledger.apply(sending(taker, Set.of(StatusMachine.NONE, RefundLock.RELEASED.wire()), now));
        if (taken.outcome() == WriteResult.Outcome.APPLIED) {
            return new Acquired(taker);
        }
        if (isDone(taken)) {
            return new AlreadyDone(taken.currentString(UPDATED_AT));
        }
        Owner claimer = new Owner(target, UUID.randomUUID().toString());
        WriteResult claimed = ledger.apply(sending(claimer, Set.of(RefundLock.UNCERTAIN.wire()), now)
                .orFromExpired(RefundLock.SENDING.wire(), UPDATED_AT, now.minus(ttl)));
        if (claimed.outcome() == WriteResult.Outcome.APPLIED) {
            return new MustQueryFirst(claimer);
        }
        return isDone(claimed) ? new AlreadyDone(claimed.currentString(UPDATED_AT)) : new InProgress();
    }

    /** Restarts the lifetime of a lock this holder still holds ({@code sending}); false when it lost it. */
    public boolean renew(Owner owner) {
        return fenced(owner, RefundLock.SENDING, Set.of(RefundLock.SENDING));
    }

    /** Payguru accepted the write, or a query showed it done. */
    public boolean done(Owner owner) {
        return fenced(owner, RefundLock.DONE, Set.of(RefundLock.SENDING, RefundLock.UNCERTAIN));
    }

    /** The write may have reached Payguru without a clear answer: the next request queries first. */
    public boolean uncertain(Owner owner) {
        return fenced(owner, RefundLock.UNCERTAIN, Set.of(RefundLock.SENDING, RefundLock.UNCERTAIN));
    }

    /** Payguru clearly refused, or nothing was sent: the merchant may try again. */
    public boolean release(Owner owner) {
        return fenced(owner, RefundLock.RELEASED, Set.of(RefundLock.SENDING));
    }

    private boolean fenced(Owner owner, RefundLock to, Set<RefundLock> from) {
        Target t = owner.target();
        WriteResult w = ledger.apply(StateChange.of(t.pk(), t.sk()).existingOnly()
                .transition("status", to.wire(), from.stream().map(RefundLock::wire).toList())
                .mustMatchStored(OWNER, owner.token())
                .set(UPDATED_AT, ledger.now().toString()));
        if (w.outcome() != WriteResult.Outcome.APPLIED) {
            LOG.warnf("lock %s/%s: not %s, this request no longer holds it (now %s)", t.pk(), t.sk(), to.wire(),
                    w.currentString("status"));
            return false;
        }
        return true;
    }

    private static StateChange sending(Owner owner, Set<String> from, Instant now) {
        Target t = owner.target();
        return StateChange.of(t.pk(), t.sk())
                .transition("status", RefundLock.SENDING.wire(), from)
                .set(OWNER, owner.token())
                .set("line", Line.MP.name())
                .set("service", t.service())
                .set(UPDATED_AT, now.toString());
    }

    private static boolean isDone(WriteResult refused) {
        return RefundLock.fromWire(refused.currentString("status")).orElse(null) == RefundLock.DONE;
    }
}
