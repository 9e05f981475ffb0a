package io.github.payguru.merchant.store;

import java.util.Map;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What a {@link Ledger} write did.
 *
 * @param outcome applied, duplicate (the item remembers this notification: {@link RecentNotifications}), stale (the
 *        transition condition refused it), or conflict (an identifying attribute differs)
 * @param current the state item as stored when the change was refused (null otherwise)
 * @param previous the item as it was before an applied change that asked for it ({@link StateChange#returnPrevious});
 *        null otherwise
 */
public record WriteResult(Outcome outcome, Map<String, AttributeValue> current, Map<String, AttributeValue> previous) {

    public WriteResult(Outcome outcome, Map<String, AttributeValue> current) {
        this(outcome, current, null);
    }

    /** The boolean the applied change found stored (null when absent or not asked for). */
    public Boolean previousBoolean(String attribute) {
        AttributeValue v = previous == null ? null : previous.get(attribute);
        return v == null ? null : v.bool();
    }

    /** The string or number the applied change found stored (null when absent or not asked for). */
    public String previousString(String attribute) {
        AttributeValue v = previous == null ? null : previous.get(attribute);
        return v == null ? null : v.s() != null ? v.s() : v.n();
    }

    public enum Outcome {
        APPLIED, DUPLICATE, STALE, CONFLICT;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public String currentString(String attribute) {
        if (current == null || current.get(attribute) == null) {
            return null;
        }
        AttributeValue v = current.get(attribute);
        return v.s() != null ? v.s() : v.n();
    }
}
