package io.github.payguru.merchant.store;

import java.util.List;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * One condition on the stored item, as data: {@link StateChange} collects them, {@link Updates} renders them into
 * the single {@code ConditionExpression} of the write. Each kind is one small record, so what a change requires
 * reads as a list of facts, not as string-building.
 */
sealed interface Condition {

    /** The attribute is not stored. */
    record Absent(String attribute) implements Condition {
    }

    /** The attribute is stored. */
    record Present(String attribute) implements Condition {
    }

    /** The stored attribute equals the value. */
    record Equals(String attribute, AttributeValue value) implements Condition {
    }

    /** The stored attribute is one of the values (never empty). */
    record In(String attribute, List<AttributeValue> values) implements Condition {
    }

    /** The stored attribute is lower than the value (numbers or strings, as DynamoDB compares them). */
    record Below(String attribute, AttributeValue value) implements Condition {
    }

    /** The stored set or string has fewer than {@code limit} elements (absent counts as empty). */
    record SmallerThan(String attribute, int limit) implements Condition {
    }

    /** The stored string begins with the value. */
    record BeginsWith(String attribute, AttributeValue prefix) implements Condition {
    }

    /** The stored set contains the value. */
    record Contains(String attribute, AttributeValue value) implements Condition {
    }

    /** At least one holds. */
    record AnyOf(List<Condition> alternatives) implements Condition {
    }

    /** Every one holds. */
    record AllOf(List<Condition> all) implements Condition {
    }

    /** The condition does not hold. */
    record Not(Condition negated) implements Condition {
    }

    static Condition anyOf(Condition... alternatives) {
        return alternatives.length == 1 ? alternatives[0] : new AnyOf(List.of(alternatives));
    }

    static Condition allOf(Condition... all) {
        return all.length == 1 ? all[0] : new AllOf(List.of(all));
    }

    /** The attribute is absent or equals the value: set once, never changed. */
    static Condition absentOrEquals(String attribute, AttributeValue value) {
        return anyOf(new Absent(attribute), new Equals(attribute, value));
    }
}
