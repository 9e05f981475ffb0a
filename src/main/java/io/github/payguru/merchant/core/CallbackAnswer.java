package io.github.payguru.merchant.core;

import io.github.payguru.merchant.store.Ledger;
import io.github.payguru.merchant.store.NotificationLogItem;
import io.github.payguru.merchant.store.WriteResult;

/**
 * What a callback answers Payguru: status, content type and exact body. Kept in the
 * notification log so that a duplicate gets exactly the first answer.
 */
public record CallbackAnswer(int status, String contentType, String body) {

    public static final String TEXT = "text/plain; charset=utf-8";
    public static final String JSON = "application/json; charset=utf-8";

    public static CallbackAnswer text(int status, String body) {
        return new CallbackAnswer(status, TEXT, body);
    }

    public static CallbackAnswer json(int status, String body) {
        return new CallbackAnswer(status, JSON, body);
    }

    /** Records this answer on a log entry, to be repeated for a duplicate. */
    public void writeTo(NotificationLogItem entry) {
        entry.answerStatus = status;
        entry.answerType = contentType;
        entry.answerBody = body;
    }

    /** The answer kept on a log entry of an earlier delivery, or {@code fallback} when it has none. */
    public static CallbackAnswer from(NotificationLogItem previous, CallbackAnswer fallback) {
        if (previous == null || previous.answerStatus == null) {
            return fallback;
        }
        return new CallbackAnswer(previous.answerStatus, previous.answerType, previous.answerBody);
    }

    /**
     * Logs a notification whose state change was refused (stale or conflicting) with this answer. When
     * this exact notification was logged before, the first delivery's answer is repeated instead.
     */
    public CallbackAnswer logRefused(Ledger ledger, NotificationLogItem entry, WriteResult.Outcome outcome,
            String detail) {
        entry.outcome = outcome.label();
        entry.detail = detail;
        writeTo(entry);
        return ledger.logOnly(entry).map(previous -> from(previous, this)).orElse(this);
    }
}
