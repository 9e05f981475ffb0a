package io.github.payguru.merchant.store;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.payguru.merchant.kernel.StatusMachine;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What the stored item must satisfy for a {@link StateChange} to apply, as typed {@link Condition}s: identity
 * attributes, the status transition (with the claim rules of {@link StatusMachine}), a growing sequence below a
 * ceiling, attributes present or absent. {@link Updates} renders {@link #conditions()} into the condition expression.
 */
abstract sealed class StateConditions permits StateChange {

    /** How an identifying attribute is checked against the stored item. */
    enum Identity {
        /** Absent (an item without it gains it) or equal. */
        SET_ONCE,
        /** An existing item must already hold exactly this value. */
        STORED,
        /** Absent or equal, or replaced while the item is an unconfirmed claim (a fact from Payguru's API). */
        UNLESS_UNCONFIRMED
    }

    record Match(AttributeValue value, Identity kind) {
    }

    final Map<String, Match> mustMatch = new LinkedHashMap<>();
    final List<Condition> requires = new ArrayList<>();
    String statusAttribute;
    Set<String> allowedFrom;
    Set<String> claimOver = Set.of();
    boolean overridesUnconfirmed;
    Condition expired;
    String sequenceAttribute;
    AttributeValue sequence;
    Condition ceiling;
    boolean mustExist;

    /** Sets the attribute in the change's update. */
    abstract StateChange put(String name, AttributeValue value);

    private StateChange self() {
        return (StateChange) this;
    }

    /** Refuse the change when the stored item has a different value here (a conflict, not a transition). */
    public StateChange mustMatch(String name, String value) {
        mustMatch.put(name, new Match(AttributeValue.fromS(value), Identity.SET_ONCE));
        return put(name, AttributeValue.fromS(value));
    }

    /**
     * As {@link #mustMatch}, but an existing item must already hold exactly this value: an item created without it
     * never gains it. Refused as a conflict.
     */
    public StateChange mustMatchStored(String name, String value) {
        mustMatch.put(name, new Match(AttributeValue.fromS(value), Identity.STORED));
        return put(name, AttributeValue.fromS(value));
    }

    /**
     * As {@link #mustMatch}, but an item whose state is an unconfirmed claim takes this value instead: for a fact
     * from Payguru's API, which overrides what a callback only claimed.
     */
    public StateChange mustMatchUnlessUnconfirmed(String name, String value) {
        mustMatch.put(name, new Match(AttributeValue.fromS(value), Identity.UNLESS_UNCONFIRMED));
        return put(name, AttributeValue.fromS(value));
    }

    /** Apply to an existing item only when it has this attribute (e.g. a money status without an amount). */
    public StateChange onlyIfPresent(String name) {
        requires.add(new Condition.Present(name));
        return self();
    }

    /** Apply to an existing item only when it lacks this attribute. */
    public StateChange onlyIfAbsent(String name) {
        requires.add(new Condition.Absent(name));
        return self();
    }

    /**
     * Refuse the change when the stored boolean differs (absent passes), without setting it: e.g. confirm
     * only what is still unconfirmed.
     */
    public StateChange onlyIfStored(String name, boolean stored) {
        requires.add(Condition.absentOrEquals(name, AttributeValue.fromBool(stored)));
        return self();
    }

    /** Apply only from these stored statuses of {@code attribute}; {@link StatusMachine#NONE} allows creation. */
    public StateChange transition(String attribute, String newStatus, Collection<String> from) {
        this.statusAttribute = attribute;
        this.allowedFrom = new LinkedHashSet<>(from);
        return put(attribute, AttributeValue.fromS(newStatus));
    }

    /**
     * The trust rule of {@link StatusMachine}, the one way both lines set a documented status: the
     * {@link #transition} along {@code machine}'s allowed-from set; a fact from Payguru's API ({@code fromApi})
     * also overrides any unconfirmed claim ({@link #overridesUnconfirmed}), a callback's claim also replaces an
     * unconfirmed claim it outranks ({@link #claimOver}, {@link StatusMachine#claimMayReplace}). The item as it was
     * comes back ({@link WriteResult#previous}), so the caller can tell a claim it overrode or confirmed.
     */
    public StateChange status(StatusMachine machine, String attribute, String status, boolean fromApi) {
        transition(attribute, status, machine.allowedFrom(status)).returnPrevious();
        return fromApi ? overridesUnconfirmed() : claimOver(machine.claimMayReplace(status));
    }

    /**
     * Also allow the {@link #transition} (as a claim) from these stored statuses while the item is unconfirmed
     * ({@link StateChange#CONFIRMED} stored false): the statuses the new claim outranks ({@link StatusMachine#claimMayReplace}).
     */
    public StateChange claimOver(Collection<String> outranked) {
        this.claimOver = new LinkedHashSet<>(outranked);
        return self();
    }

    /**
     * A fact from Payguru's API: also allow the {@link #transition} and the {@link #newerThanStored} sequence from
     * any stored value while the item is unconfirmed ({@link StateChange#CONFIRMED} stored false).
     */
    public StateChange overridesUnconfirmed() {
        this.overridesUnconfirmed = true;
        return self();
    }

    /**
     * Also allow the {@link #transition} from {@code status} once it is old: when the item's {@code timeAttribute}
     * (an instant as {@link Instant#toString} writes it) is absent or earlier than {@code before}, truncated to the
     * second. Decided by the condition expression, not by reading first: a claim that expires.
     */
    public StateChange orFromExpired(String status, String timeAttribute, Instant before) {
        // Instant.toString drops a zero fraction and 'Z' sorts after '.', so stored texts of one second do not sort
        // like their instants; "<that second>." sorts after every earlier second and before every text of its own
        String second = before.truncatedTo(ChronoUnit.SECONDS).toString();
        AttributeValue cut = AttributeValue.fromS(second.substring(0, second.length() - 1) + ".");
        this.expired = Condition.allOf(new Condition.Equals(statusAttributeOr(), AttributeValue.fromS(status)),
                Condition.anyOf(new Condition.Absent(timeAttribute), new Condition.Below(timeAttribute, cut)));
        return self();
    }

    private String statusAttributeOr() {
        if (statusAttribute == null) {
            throw new IllegalStateException("orFromExpired needs a transition first");
        }
        return statusAttribute;
    }

    /** Apply only when the stored sequence number is lower (or absent): newer facts win, whatever the arrival order. */
    public StateChange newerThanStored(String attribute, long value) {
        return newerThanStored(attribute, Long.toString(value));
    }

    /**
     * As {@link #newerThanStored(String, long)} for numbers beyond a {@code long} (e.g. a txId with a
     * tie-break digit appended); {@code decimalDigits} must be a plain non-negative integer.
     */
    public StateChange newerThanStored(String attribute, String decimalDigits) {
        this.sequenceAttribute = attribute;
        this.sequence = AttributeValue.fromN(digits(decimalDigits));
        put(attribute, sequence);
        return self();
    }

    /** Apply only when the stored number {@code attribute} is absent or not below {@code decimalDigits}. */
    public StateChange notBeyond(String attribute, String decimalDigits) {
        this.ceiling = Condition.anyOf(new Condition.Absent(attribute),
                new Condition.Not(new Condition.Below(attribute, AttributeValue.fromN(digits(decimalDigits)))));
        return self();
    }

    static String digits(String decimalDigits) {
        if (decimalDigits == null || !decimalDigits.matches("\\d{1,38}")) {
            throw new IllegalArgumentException("a number must be 1 to 38 digits");
        }
        return decimalDigits;
    }

    /** Apply to an existing item only while its state is an unconfirmed claim ({@link StateChange#CONFIRMED} stored false). */
    public StateChange onlyIfUnconfirmed() {
        requires.add(new Condition.Equals(StateChange.CONFIRMED, AttributeValue.fromBool(false)));
        return self();
    }

    /** Never create the item: only update one that exists. */
    public StateChange existingOnly() {
        this.mustExist = true;
        return self();
    }

    /** Whether the write may create the item. */
    boolean mayCreate() {
        return !mustExist && (allowedFrom == null || allowedFrom.contains(StatusMachine.NONE));
    }

    /** What an existing item must satisfy, one typed condition each (rendered by {@link Updates}). */
    List<Condition> conditions() {
        List<Condition> out = new ArrayList<>();
        Condition unconfirmed = new Condition.Equals(StateChange.CONFIRMED, AttributeValue.fromBool(false));
        if (allowedFrom != null) {
            List<Condition> ways = new ArrayList<>();
            ways.add(new Condition.Absent(statusAttribute));
            List<AttributeValue> from = values(allowedFrom);
            if (!from.isEmpty()) {
                ways.add(new Condition.In(statusAttribute, from));
            }
            List<AttributeValue> over = values(claimOver);
            if (!over.isEmpty()) {
                ways.add(Condition.allOf(unconfirmed, new Condition.In(statusAttribute, over)));
            }
            if (expired != null) {
                ways.add(expired);
            }
            if (overridesUnconfirmed) {
                ways.add(unconfirmed);
            }
            out.add(ways.size() == 1 ? ways.get(0) : new Condition.AnyOf(ways));
        }
        mustMatch.forEach((k, m) -> out.add(switch (m.kind()) {
            case SET_ONCE -> Condition.absentOrEquals(k, m.value());
            case STORED -> new Condition.Equals(k, m.value());
            case UNLESS_UNCONFIRMED -> Condition.anyOf(new Condition.Absent(k), new Condition.Equals(k, m.value()),
                    unconfirmed);
        }));
        out.addAll(requires);
        if (sequenceAttribute != null) {
            Condition newer = Condition.anyOf(new Condition.Absent(sequenceAttribute),
                    new Condition.Below(sequenceAttribute, sequence));
            out.add(overridesUnconfirmed ? Condition.anyOf(newer, unconfirmed) : newer);
        }
        if (ceiling != null) {
            out.add(ceiling);
        }
        return out;
    }

    private static List<AttributeValue> values(Collection<String> statuses) {
        List<AttributeValue> out = new ArrayList<>();
        for (String s : statuses) {
            if (!StatusMachine.NONE.equals(s)) {
                out.add(AttributeValue.fromS(s));
            }
        }
        return out;
    }
}
