package io.github.payguru.merchant.store;

import io.github.payguru.merchant.kernel.CallbackAnswer;

/** Keeps a callback's answer on its notification log entry, so that a duplicate is answered exactly alike. */
public final class NotificationRecorder {

    private NotificationRecorder() {
    }

    /** Records this answer on a log entry, to be repeated for a duplicate. */
    public static void keep(CallbackAnswer answer, NotificationLogItem entry) {
        entry.answerStatus = answer.status();
        entry.answerType = answer.contentType();
        entry.answerBody = answer.body();
    }

    /** The answer kept on a log entry of an earlier delivery, or {@code fallback} when it has none. */
    public static CallbackAnswer previous(NotificationLogItem previous, CallbackAnswer fallback) {
        if (previous == null || previous.answerStatus == null) {
            return fallback;
        }
        return new CallbackAnswer(previous.answerStatus, previous.answerType, previous.answerBody);
    }

    /**
     * Logs a notification whose state change was refused (stale or conflicting) with this answer. When
     * this exact notification was logged before, the first delivery's answer is repeated instead.
     */
    public static CallbackAnswer refused(Ledger ledger, CallbackAnswer answer, NotificationLogItem entry,
            WriteResult.Outcome outcome, String detail) {
        entry.outcome = outcome.label();
        entry.detail = detail;
        keep(answer, entry);
        return ledger.logOnly(entry).map(previous -> previous(previous, answer)).orElse(answer);
    }
}
