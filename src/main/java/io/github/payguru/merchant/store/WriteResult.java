package io.github.payguru.merchant.store;

import java.util.Map;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What a {@link Ledger} write did.
 *
 * @param outcome applied, duplicate (the item remembers this notification: {@link RecentNotifications}), stale (the
 *        transition condition refused it), or conflict (an identifying attribute differs)
 * @param current the state item as stored when the change was refused (null otherwise)
 */
public record WriteResult(Outcome outcome, Map<String, AttributeValue> current) {

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
