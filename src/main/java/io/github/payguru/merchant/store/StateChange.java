package io.github.payguru.merchant.store;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

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
 * <li>optionally a sequence attribute must grow (subscriptions ordered by Payguru's txId).</li>
 * </ul>
 */
public final class StateChange {

    /** The stored attribute that says what caused the last change ({@link ChangeCause#label()}). */
    public static final String CAUSE = "cause";

    final String pk;
    final String sk;
    final Map<String, AttributeValue> set = new LinkedHashMap<>();
    final Map<String, AttributeValue> setIfAbsent = new LinkedHashMap<>();
    final Set<String> remove = new LinkedHashSet<>();
    final Map<String, AttributeValue> mustMatch = new LinkedHashMap<>();
    final Set<String> mustMatchStored = new LinkedHashSet<>();
    final Set<String> mustBePresent = new LinkedHashSet<>();
    final Set<String> increment = new LinkedHashSet<>();
    final Map<String, String> addToSet = new LinkedHashMap<>();
    String openKind;
    String openAt;
    String statusAttribute;
    Set<String> allowedFrom;
    String expiringStatus;
    String expiryAttribute;
    AttributeValue expiredBefore;
    String sequenceAttribute;
    AttributeValue sequence;
    boolean mustExist;
    String notificationId;
    String notificationEntry;
    String everyNotificationSet;

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

    /** Refuse the change when the stored item has a different value here (a conflict, not a transition). */
    public StateChange mustMatch(String name, String value) {
        mustMatch.put(name, AttributeValue.fromS(value));
        return set(name, value);
    }

    /**
     * As {@link #mustMatch}, but an existing item must already hold exactly this value: an item created without it
     * never gains it (amounts are never adopted). Refused as a conflict.
     */
    public StateChange mustMatchStored(String name, String value) {
        mustMatchStored.add(name);
        return mustMatch(name, value);
    }

    /** Apply to an existing item only when it has this attribute (e.g. a money status without an amount). */
    public StateChange onlyIfPresent(String name) {
        mustBePresent.add(name);
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
     * Refuse the change when the stored boolean differs (absent passes), without setting it: e.g. confirm
     * only what is still unconfirmed.
     */
    public StateChange onlyIfStored(String name, boolean stored) {
        mustMatch.put(name, AttributeValue.fromBool(stored));
        return this;
    }

    /** Apply only from these stored statuses of {@code attribute}; {@link StatusMachine#NONE} allows creation. */
    public StateChange transition(String attribute, String newStatus, Collection<String> from) {
        this.statusAttribute = attribute;
        this.allowedFrom = new LinkedHashSet<>(from);
        return set(attribute, newStatus);
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
        this.expiringStatus = status;
        this.expiryAttribute = timeAttribute;
        this.expiredBefore = AttributeValue.fromS(second.substring(0, second.length() - 1) + ".");
        return this;
    }

    /** Apply only when the stored sequence number is lower (or absent): newer facts win, whatever the arrival order. */
    public StateChange newerThanStored(String attribute, long value) {
        this.sequenceAttribute = attribute;
        this.sequence = AttributeValue.fromN(Long.toString(value));
        set.put(attribute, sequence);
        return this;
    }

    /**
     * As {@link #newerThanStored(String, long)} for numbers beyond a {@code long} (e.g. a txId with a
     * tie-break digit appended); {@code decimalDigits} must be a plain non-negative integer.
     */
    public StateChange newerThanStored(String attribute, String decimalDigits) {
        if (decimalDigits == null || !decimalDigits.matches("\\d{1,38}")) {
            throw new IllegalArgumentException("sequence must be 1 to 38 digits");
        }
        this.sequenceAttribute = attribute;
        this.sequence = AttributeValue.fromN(decimalDigits);
        set.put(attribute, sequence);
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
     * redelivery (an undocumented status). No effect on a change without {@link #notification}.
     */
    public StateChange rememberEveryNotification(String attribute) {
        this.everyNotificationSet = attribute;
        return this;
    }

    /** Never create the item: only update one that exists. */
    public StateChange existingOnly() {
        this.mustExist = true;
        return this;
    }

    public String pk() {
        return pk;
    }
}
