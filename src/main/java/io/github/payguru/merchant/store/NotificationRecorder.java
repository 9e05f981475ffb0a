package io.github.payguru.merchant.store;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import io.github.payguru.merchant.kernel.CallbackAnswer;
import io.github.payguru.merchant.kernel.LogContext;
import io.github.payguru.merchant.kernel.Metrics;
import io.github.payguru.merchant.kernel.NotificationIds;
import io.github.payguru.merchant.kernel.PayguruKeys;
import io.github.payguru.merchant.kernel.Privacy;

/**
 * The one sequence every state-changing callback runs once its input is checked: the masked log entry is built,
 * the state change and the log entry are written together ({@link Ledger#record}), and the outcome chooses the
 * answer — a duplicate gets exactly the first delivery's answer back, a stale or conflicting notification changes
 * nothing and is only logged (with its answer, so that its own duplicate is answered alike). What differs between
 * the callbacks is data: {@link Rules} (answers, conflict detail) and the {@link Delivery}'s state change.
 * Refused requests (wrong key or token, source not allowed) are kept as masked rejection records ({@link #reject}).
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
     * @param kind the handler name, kept on every log entry
     * @param answers the answer per outcome
     * @param conflictDetail kept on the log entry of a notification whose identity differs from the stored item's
     * @param identity the stored attributes a conflict's log line shows (identifiers and amounts, never personal data)
     * @param staleDetail kept on the log entry of a stale notification, from the stored item
     */
    public record Rules(String kind, Answers answers, String conflictDetail, List<String> identity,
            Function<WriteResult, String> staleDetail) {
    }

    /**
     * One notification whose input has been checked.
     *
     * @param subjectPk the item it is about; its log entry is kept under this key
     * @param params the parameters as received (an MP token removed); masked before they are stored
     * @param sourceIp the address API Gateway reports
     * @param about what the log lines say about it ({@code txid=… status=…}), already masked
     * @param documentedStatus false for a status Payguru does not document (a WARN for the operator when applied)
     * @param appliedNote appended to the line of an applied notification ("" for none)
     */
    public record Delivery(String subjectPk, Map<String, String> params, String sourceIp, String about,
            boolean documentedStatus, String appliedNote) {
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
     * Logs the delivery and applies its state change atomically, and answers by the outcome.
     *
     * @param change the conditional state change, given the log entry's sort key (the item's {@code lastNotification})
     */
    public CallbackAnswer record(Rules rules, Delivery delivery, Function<String, StateChange> change) {
        String kind = rules.kind();
        NotificationLogItem entry = entry(kind, delivery.subjectPk(), delivery.params(), delivery.sourceIp());
        entry.outcome = WriteResult.Outcome.APPLIED.label();
        keep(rules.answers().applied(), entry);
        WriteResult result = ledger.record(entry, change.apply(entry.sk));
        MDC.put(LogContext.OUTCOME, result.outcome().label());
        return switch (result.outcome()) {
            case APPLIED -> {
                if (!delivery.documentedStatus()) {
                    metrics.count("UndocumentedStatuses", Map.of());
                    LOG.warnf("%s %s: undocumented status kept beside the state, flagged for reconciliation and the"
                            + " operator (statusKnown=false)", kind, delivery.about());
                }
                LOG.infof("%s applied %s%s", kind, delivery.about(), delivery.appliedNote());
                yield rules.answers().applied();
            }
            case DUPLICATE -> {
                LOG.infof("%s duplicate %s: first answer repeated", kind, delivery.about());
                yield previous(result.previous(), rules.answers().applied());
            }
            case CONFLICT -> {
                LOG.errorf("%s CONFLICT %s; stored %s", kind, delivery.about(), stored(result, rules.identity()));
                yield refused(rules.answers().conflict(), entry, result.outcome(), rules.conflictDetail());
            }
            case STALE -> {
                String detail = rules.staleDetail().apply(result);
                LOG.infof("%s stale %s: %s, changes nothing", kind, delivery.about(), detail);
                yield refused(rules.answers().stale(), entry, result.outcome(), detail);
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
        if (!counters.tryTake("reject#" + PayguruKeys.fingerprint(String.valueOf(sourceIp)),
                now.truncatedTo(ChronoUnit.MINUTES).toString(), rejectionsPerSourceMinute,
                now.plus(Duration.ofMinutes(10)).getEpochSecond())) {
            // a flood from one source: answered alike, but no more records this minute
            metrics.count("RejectionsNotStored", Map.of("Function", kind));
            return answer;
        }
        NotificationLogItem entry = entry(kind, "", params, sourceIp);
        entry.detail = detail;
        keep(answer, entry);
        ledger.recordRejection(entry);
        return answer;
    }

    private NotificationLogItem entry(String kind, String subjectPk, Map<String, String> params, String sourceIp) {
        NotificationLogItem entry = ledger.newLogEntry(subjectPk, NotificationIds.of(kind, params), kind);
        entry.params = privacy.params(params);
        entry.sourceIp = sourceIp;
        return entry;
    }

    /**
     * Logs a notification whose state change was refused (stale or conflicting) with this answer. When this exact
     * notification was logged before, the first delivery's answer is repeated instead.
     */
    private CallbackAnswer refused(CallbackAnswer answer, NotificationLogItem entry, WriteResult.Outcome outcome,
            String detail) {
        entry.outcome = outcome.label();
        entry.detail = detail;
        keep(answer, entry);
        return ledger.logOnly(entry).map(previous -> previous(previous, answer)).orElse(answer);
    }

    /** Records this answer on a log entry, to be repeated for a duplicate. */
    private static void keep(CallbackAnswer answer, NotificationLogItem entry) {
        entry.answerStatus = answer.status();
        entry.answerType = answer.contentType();
        entry.answerBody = answer.body();
    }

    /** The answer kept on a log entry of an earlier delivery, or {@code fallback} when it has none. */
    private static CallbackAnswer previous(NotificationLogItem previous, CallbackAnswer fallback) {
        if (previous == null || previous.answerStatus == null) {
            return fallback;
        }
        return new CallbackAnswer(previous.answerStatus, previous.answerType, previous.answerBody);
    }

    private static String stored(WriteResult result, List<String> attributes) {
        StringJoiner out = new StringJoiner(" ");
        attributes.forEach(a -> out.add(a + "=" + result.currentString(a)));
        return out.toString();
    }
}
