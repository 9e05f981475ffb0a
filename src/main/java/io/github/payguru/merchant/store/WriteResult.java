package io.github.payguru.merchant.store;

import java.util.Map;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What a {@link Ledger} write did.
 *
 * @param outcome applied, duplicate (the same notification was logged before), stale (the
 *        transition condition refused it), or conflict (an identifying attribute differs)
 * @param previous for a duplicate, the log entry of the first delivery (its answer is repeated)
 * @param current the state item as stored when the change was refused (null otherwise)
 */
public record WriteResult(Outcome outcome, NotificationLogItem previous, Map<String, AttributeValue> current) {

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
