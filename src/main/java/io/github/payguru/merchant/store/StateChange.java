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
import java.util.function.Function;

import io.github.payguru.merchant.kernel.ChangeCause;
import io.github.payguru.merchant.kernel.StatusMachine;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * One conditional update of a state item, described as data so that {@link Ledger} can turn it
 * into a single DynamoDB update whose condition expression enforces the transition:
 * <ul>
 * <li>the stored status must be one the new status may follow ({@link StatusMachine#allowedFrom});
 * {@link StatusMachine#NONE} there allows creating the item;</li>
 * <li>attributes that identify the payment must not change (same txid, different amount = conflict), and some
 * may not even be gained by an item created without them ({@link #mustMatchStored});</li>
 * <li>optionally a sequence attribute must grow (subscriptions ordered by Payguru's txId), below a ceiling;</li>
 * <li>a claim (a callback's status, stored {@code confirmed=false}) may also replace an unconfirmed claim it
 * outranks ({@link #claimOver}), and a fact from Payguru's API replaces any unconfirmed claim
 * ({@link #overridesUnconfirmed}): see {@link StatusMachine}.</li>
 * </ul>
 * What the stored item must satisfy is kept as typed {@link Condition}s ({@link #conditions()}); {@link Updates}
 * renders them into the one condition expression.
 */
public final class StateChange extends StateConditions {

    /** The stored attribute that says what caused the last change ({@link ChangeCause#label()}). */
    public static final String CAUSE = "cause";

    /** False while the stored status is a callback's claim Payguru's API has not confirmed. */
    public static final String CONFIRMED = "confirmed";

    final String pk;
    final String sk;
    final Map<String, AttributeValue> set = new LinkedHashMap<>();
    final Map<String, AttributeValue> setIfAbsent = new LinkedHashMap<>();
    final Set<String> remove = new LinkedHashSet<>();
    final Set<String> increment = new LinkedHashSet<>();
    final Map<String, String> addToSet = new LinkedHashMap<>();
    String openKind;
    String openAt;
    String notificationId;
    String notificationEntry;
    String everyNotificationSet;
    Function<Map<String, AttributeValue>, StateChange> onStale;
    boolean returnPrevious;

    private StateChange(String pk, String sk) {
        this.pk = pk;
        this.sk = sk;
    }

    public static StateChange of(String pk, String sk) {
        return new StateChange(pk, sk);
    }

    public StateChange set(String name, String value) {
        if (value != null) {
            set.put(name, AttributeValue.fromS(value));
        }
        return this;
    }

    public StateChange set(String name, boolean value) {
        set.put(name, AttributeValue.fromBool(value));
        return this;
    }

    public StateChange set(String name, long value) {
        set.put(name, AttributeValue.fromN(Long.toString(value)));
        return this;
    }

    /** Sets a number given as decimal digits (beyond a {@code long}). */
    public StateChange setNumber(String name, String decimalDigits) {
        set.put(name, AttributeValue.fromN(digits(decimalDigits)));
        return this;
    }

    public StateChange set(String name, Map<String, String> value) {
        if (value != null && !value.isEmpty()) {
            Map<String, AttributeValue> m = new LinkedHashMap<>();
            value.forEach((k, v) -> m.put(k, AttributeValue.fromS(v)));
            set.put(name, AttributeValue.fromM(m));
        }
        return this;
    }

    /** Records what caused this change (read by the change events). */
    public StateChange cause(ChangeCause cause) {
        return set(CAUSE, cause.label());
    }

    /** Set only when the item does not have it yet (creation time, first amount as sent). */
    public StateChange setIfAbsent(String name, String value) {
        if (value != null) {
            setIfAbsent.put(name, AttributeValue.fromS(value));
        }
        return this;
    }

    public StateChange remove(String name) {
        remove.add(name);
        return this;
    }

    /** Either set the attribute or, when {@code value} is null, remove it (sparse index membership). */
    public StateChange setOrRemove(String name, String value) {
        return value == null ? remove(name) : set(name, value);
    }

    /**
     * Puts the item in the open-items queue of {@code kind} ({@code opensk = at}) or, when {@code kind} is null, takes
     * it out. The partition ({@code openpk}, the shard of this item's {@code pk}) is chosen when the change is
     * written, from the configured shard count.
     */
    public StateChange open(String kind, String at) {
        if (kind == null) {
            openKind = null;
            openAt = null;
            return remove(TableLayout.OPEN_PK).remove(TableLayout.OPEN_SK);
        }
        openKind = kind;
        openAt = at;
        return this;
    }

    /** Add 1 to a number attribute (absent counts as 0), in the same update. */
    public StateChange increment(String name) {
        increment.add(name);
        return this;
    }

    /** Add a value to a string-set attribute (created when absent), in the same update. */
    public StateChange addToSet(String name, String value) {
        if (value != null) {
            addToSet.put(name, value);
        }
        return this;
    }

    /**
     * Marks this change as the effect of notification {@code id}: it is refused when the item remembers that id
     * (a duplicate, told apart from a stale change by {@link RecentNotifications#remembers}), and when applied the
     * id, its arrival and status become the newest of the item's {@link RecentNotifications}.
     */
    public StateChange notification(String id, String receivedAt, String status) {
        this.notificationId = id;
        this.notificationEntry = RecentNotifications.encode(id, receivedAt, status);
        return this;
    }

    /**
     * Also keeps the id of this change's notification in the string set {@code attribute}, beyond the recent window,
     * and refuses it as a duplicate while the set holds it: for changes that no ordering protects against a late
     * redelivery (an undocumented status). The set is capped ({@code payguru.notifications.max-remembered-per-item}):
     * a change that would grow a full set is refused ({@link Ledger#apply} then only counts it). No effect on a
     * change without {@link #notification}.
     */
    public StateChange rememberEveryNotification(String attribute) {
        this.everyNotificationSet = attribute;
        return this;
    }

    /**
     * When the condition refuses this change as stale, {@code followUp} may give a second, smaller change from the
     * stored item (e.g. an unconfirmed item gains the amount a late notification carries); null for none. The
     * notification's answer stays that of the stale change.
     */
    public StateChange onStale(Function<Map<String, AttributeValue>, StateChange> followUp) {
        this.onStale = followUp;
        return this;
    }

    /** The applied write returns the item as it was before ({@link WriteResult#previous}), at no extra call. */
    public StateChange returnPrevious() {
        this.returnPrevious = true;
        return this;
    }

    public String pk() {
        return pk;
    }

    @Override
    StateChange put(String name, AttributeValue value) {
        set.put(name, value);
        return this;
    }

    /** What an existing item must satisfy; a set of every notification holds fewer than {@code maxRemembered}. */
    List<Condition> conditions(int maxRemembered) {
        List<Condition> out = conditions();
        if (notificationId != null && everyNotificationSet != null) {
            out.add(new Condition.SmallerThan(everyNotificationSet, maxRemembered));
        }
        return out;
    }

    /** The notification is not remembered by the item (null without a notification). */
    Condition notRemembered() {
        if (notificationId == null) {
            return null;
        }
        AttributeValue id = AttributeValue.fromS(notificationId + " ");
        List<Condition> seen = new ArrayList<>();
        for (int i = 0; i < RecentNotifications.SLOTS; i++) {
            seen.add(new Condition.BeginsWith(RecentNotifications.slot(i), id));
        }
        if (everyNotificationSet != null) {
            seen.add(new Condition.Contains(everyNotificationSet, AttributeValue.fromS(notificationId)));
        }
        return new Condition.Not(new Condition.AnyOf(seen));
    }

}
