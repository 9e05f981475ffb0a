package io.github.payguru.merchant.callback;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import io.github.payguru.merchant.kernel.Digests;
import io.github.payguru.merchant.kernel.LogContext;
import io.github.payguru.merchant.kernel.Masking;
import io.github.payguru.merchant.kernel.Metrics;
import io.github.payguru.merchant.kernel.NotificationIds;
import io.github.payguru.merchant.kernel.Privacy;
import io.github.payguru.merchant.store.Ledger;
import io.github.payguru.merchant.store.RateCounters;
import io.github.payguru.merchant.store.RecentNotifications;
import io.github.payguru.merchant.store.RejectionItem;
import io.github.payguru.merchant.store.StateChange;
import io.github.payguru.merchant.store.StoreConfig;
import io.github.payguru.merchant.store.WriteResult;

/**
 * The one sequence every state-changing callback runs once its input is checked: the notification's state change is
 * written in one conditional {@code UpdateItem} ({@link Ledger#apply}) that also de-duplicates it against the
 * notifications the item remembers ({@link RecentNotifications}), and the outcome chooses the answer. A duplicate is
 * answered as the first delivery was (applied), a stale or conflicting notification changes nothing; since a state
 * only moves forward, a redelivery of a refused notification is refused again with the same answer. What differs
 * between the callbacks is data: {@link Rules} (answers, conflict detail) and the {@link Delivery}'s state change.
 * <p>
 * The audit trail of every notification is its log line (masked parameters, outcome, notification id) and, for an
 * applied one, the item's change event; no per-notification record is written beside the state, so the answer
 * depends on one write only. Refused requests (wrong key or token, source not allowed) are kept as masked
 * rejection records ({@link #reject}), bounded per source network and minute. A source address is kept and logged only as
 * its /24 (IPv4) or /48 (IPv6) network ({@link Masking#sourceIp}).
 */
@ApplicationScoped
public class NotificationRecorder {

    private static final Logger LOG = Logger.getLogger(NotificationRecorder.class);

    /** The detail of a stale notification whose status the stored one outranks. */
    public static final Function<WriteResult, String> STORED_STATUS_KEPT =
            w -> "stored status " + w.currentString("status") + " kept";

    /**
     * What a callback answers per outcome of its write. A duplicate is answered as the first delivery was
     * ({@code applied} when that entry kept no answer).
     */
    public record Answers(CallbackAnswer applied, CallbackAnswer stale, CallbackAnswer conflict) {
    }

    /**
     * What one kind of callback records, fixed per callback.
     *
     * @param kind the handler name, on every log line
     * @param answers the answer per outcome
     * @param conflictDetail what a conflict's log line says differs between the notification and the stored item
     * @param identity the stored attributes a conflict's log line shows (identifiers and amounts, never personal data)
     * @param staleDetail what a stale notification's log line says about the stored item
     * @param fingerprinted the parameters the notification's id is made of (documented ones: an undocumented junk
     *        parameter cannot turn a replay into a new notification); null for all
     */
    public record Rules(String kind, Answers answers, String conflictDetail, List<String> identity,
            Function<WriteResult, String> staleDetail, Set<String> fingerprinted) {

        public Rules(String kind, Answers answers, String conflictDetail, List<String> identity,
                Function<WriteResult, String> staleDetail) {
            this(kind, answers, conflictDetail, identity, staleDetail, null);
        }
    }

    /**
     * One notification whose input has been checked.
     *
     * @param params the parameters as received (an MP token removed); their fingerprint is the notification's id,
     *        {@code status} is what the item remembers of it, and they are masked before they are logged
     * @param sourceIp the address API Gateway reports, kept (and logged) only as its network ({@link Masking#sourceIp})
     * @param about what the log lines say about it ({@code txid=… status=…}); personal data of any shape in it (an
     *        order ref holding an e-mail) is masked here
     * @param documentedStatus false for a status Payguru does not document (a WARN for the operator when applied)
     * @param appliedNote appended to the line of an applied notification ("" for none)
     */
    public record Delivery(Map<String, String> params, String sourceIp, String about,
            boolean documentedStatus, String appliedNote) {
        public Delivery {
            sourceIp = Masking.sourceIp(sourceIp);
            about = Masking.text(about);
        }
    }

    private final Ledger ledger;
    private final Privacy privacy;
    private final Metrics metrics;
    private final RateCounters counters;
    private final int rejectionsPerSourceMinute;

    @Inject
    public NotificationRecorder(Ledger ledger, Privacy privacy, Metrics metrics, RateCounters counters,
            StoreConfig config) {
        this.ledger = ledger;
        this.privacy = privacy;
        this.metrics = metrics;
        this.counters = counters;
        this.rejectionsPerSourceMinute = config.notifications().rejectionsPerSourceMinute();
    }

    /**
     * Applies the delivery's state change, de-duplicated on the item, and answers by the outcome.
     *
     * @param change the conditional state change, given the notification's id (the item's {@code lastNotification})
     */
    public CallbackAnswer record(Rules rules, Delivery delivery, Function<String, StateChange> change) {
        String kind = rules.kind();
        String id = NotificationIds.of(kind, delivery.params(), rules.fingerprinted());
        StateChange write = change.apply(id).notification(id, ledger.now().toString(), delivery.params().get("status"));
        WriteResult result = ledger.apply(write);
        MDC.put(LogContext.OUTCOME, result.outcome().label());
        Map<String, String> masked = privacy.params(delivery.params());
        return switch (result.outcome()) {
            case APPLIED -> {
                if (!delivery.documentedStatus()) {
                    metrics.count("UndocumentedStatuses", Map.of());
                    LOG.warnf("%s %s: undocumented status kept beside the state, flagged for reconciliation and the"
                            + " operator (statusKnown=false)", kind, delivery.about());
                }
                LOG.infof("%s applied %s%s; notification %s from %s %s", kind, delivery.about(), delivery.appliedNote(),
                        id, delivery.sourceIp(), masked);
                yield rules.answers().applied();
            }
            case DUPLICATE -> {
                LOG.infof("%s duplicate %s: first answer repeated; notification %s", kind, delivery.about(), id);
                yield rules.answers().applied();
            }
            case CONFLICT -> {
                LOG.errorf("%s CONFLICT %s (%s); stored %s; notification %s from %s %s", kind, delivery.about(),
                        rules.conflictDetail(), stored(result, rules.identity()), id, delivery.sourceIp(), masked);
                yield rules.answers().conflict();
            }
            case STALE -> {
                LOG.infof("%s stale %s: %s, changes nothing; notification %s from %s %s", kind, delivery.about(),
                        rules.staleDetail().apply(result), id, delivery.sourceIp(), masked);
                yield rules.answers().stale();
            }
        };
    }

    /**
     * Keeps a masked record of a refused request (wrong key or token, source not allowed) and returns its answer.
     * The request changes nothing else.
     */
    public CallbackAnswer reject(String kind, Map<String, String> params, String sourceIp, String detail,
            CallbackAnswer answer) {
        MDC.put(LogContext.OUTCOME, "rejected");
        Instant now = ledger.now();
        String network = Masking.sourceIp(sourceIp);
        if (!counters.tryTake("reject#" + Digests.fingerprint(String.valueOf(network)),
                now.truncatedTo(ChronoUnit.MINUTES).toString(), rejectionsPerSourceMinute,
                now.plus(Duration.ofMinutes(10)).getEpochSecond())) {
            // a flood from one source: answered alike, but no more records this minute
            metrics.count("RejectionsNotStored", Map.of("Function", kind));
            return answer;
        }
        RejectionItem entry = new RejectionItem();
        entry.kind = kind;
        entry.params = privacy.params(params);
        entry.sourceIp = network;
        entry.detail = detail;
        keep(answer, entry);
        ledger.recordRejection(entry);
        return answer;
    }

    /** Records this answer on a rejection record. */
    private static void keep(CallbackAnswer answer, RejectionItem entry) {
        entry.answerStatus = answer.status();
        entry.answerType = answer.contentType();
        entry.answerBody = answer.body();
    }

    private static String stored(WriteResult result, List<String> attributes) {
        StringJoiner out = new StringJoiner(" ");
        attributes.forEach(a -> out.add(a + "=" + result.currentString(a)));
        return out.toString();
    }
}
