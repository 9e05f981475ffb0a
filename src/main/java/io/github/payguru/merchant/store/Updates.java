package io.github.payguru.merchant.store;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

import io.github.payguru.merchant.kernel.StatusMachine;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Turns a {@link StateChange} into one DynamoDB {@code Update} whose condition expression carries every rule:
 * the status transition, identity fields that may be set once and never change ({@code mustMatch}), fields that
 * an existing item must already hold with this exact value ({@code mustMatchStored}: an item never gains an
 * amount it was created without), attributes that must be present, and a growing sequence. Nothing is checked
 * by reading first. Also classifies a refused change from the stored item.
 */
final class Updates {

    private Updates() {
    }

    /** The update of {@code c}; an item it puts in open-items goes to its shard of {@code openShards}. */
    static Update toUpdate(String tableName, int openShards, StateChange c) {
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        List<String> sets = new ArrayList<>();
        int[] n = { 0 };
        Function<String, String> name = attr -> {
            for (var e : names.entrySet()) {
                if (e.getValue().equals(attr)) {
                    return e.getKey();
                }
            }
            String alias = "#a" + names.size();
            names.put(alias, attr);
            return alias;
        };
        Function<AttributeValue, String> value = v -> {
            String alias = ":v" + n[0]++;
            values.put(alias, v);
            return alias;
        };
        Map<String, AttributeValue> set = new LinkedHashMap<>(c.set);
        if (c.openKind != null) {
            set.put(TableLayout.OPEN_PK, AttributeValue.fromS(
                    TableLayout.openPartition(c.openKind, TableLayout.openShard(c.pk, openShards))));
            set.put(TableLayout.OPEN_SK, AttributeValue.fromS(c.openAt));
        }
        set.forEach((k, v) -> sets.add(name.apply(k) + " = " + value.apply(v)));
        String notRemembered = null;
        if (c.notificationId != null) {
            // the window shifts by one: right-hand operands read the item as it was before this update
            String none = value.apply(AttributeValue.fromS(""));
            sets.add(name.apply(RecentNotifications.slot(0)) + " = " + value.apply(AttributeValue.fromS(c.notificationEntry)));
            for (int i = 1; i < RecentNotifications.SLOTS; i++) {
                sets.add(name.apply(RecentNotifications.slot(i)) + " = if_not_exists("
                        + name.apply(RecentNotifications.slot(i - 1)) + ", " + none + ")");
            }
            String id = value.apply(AttributeValue.fromS(c.notificationId + " "));
            List<String> seen = new ArrayList<>();
            for (int i = 0; i < RecentNotifications.SLOTS; i++) {
                seen.add("begins_with(" + name.apply(RecentNotifications.slot(i)) + ", " + id + ")");
            }
            if (c.everyNotificationSet != null) {
                seen.add("contains(" + name.apply(c.everyNotificationSet) + ", "
                        + value.apply(AttributeValue.fromS(c.notificationId)) + ")");
            }
            notRemembered = "NOT (" + String.join(" OR ", seen) + ")";
        }
        c.setIfAbsent.forEach((k, v) -> {
            String a = name.apply(k);
            sets.add(a + " = if_not_exists(" + a + ", " + value.apply(v) + ")");
        });
        List<String> counters = new ArrayList<>(c.increment);
        counters.add("version");
        for (String counter : counters) {
            String a = name.apply(counter);
            sets.add(a + " = if_not_exists(" + a + ", " + value.apply(AttributeValue.fromN("0")) + ") + "
                    + value.apply(AttributeValue.fromN("1")));
        }
        StringBuilder expr = new StringBuilder("SET ").append(String.join(", ", sets));
        Map<String, String> addToSet = new LinkedHashMap<>(c.addToSet);
        if (c.notificationId != null && c.everyNotificationSet != null) {
            addToSet.put(c.everyNotificationSet, c.notificationId);
        }
        if (!addToSet.isEmpty()) {
            List<String> adds = new ArrayList<>();
            addToSet.forEach((k, v) -> adds.add(name.apply(k) + " " + value.apply(AttributeValue.fromSs(List.of(v)))));
            expr.append(" ADD ").append(String.join(", ", adds));
        }
        if (!c.remove.isEmpty()) {
            List<String> removes = new ArrayList<>();
            c.remove.forEach(r -> removes.add(name.apply(r)));
            expr.append(" REMOVE ").append(String.join(", ", removes));
        }

        List<String> whenExists = new ArrayList<>();
        boolean mayCreate = !c.mustExist && (c.allowedFrom == null || c.allowedFrom.contains(StatusMachine.NONE));
        if (c.allowedFrom != null) {
            List<String> from = new ArrayList<>();
            for (String s : c.allowedFrom) {
                if (!StatusMachine.NONE.equals(s)) {
                    from.add(value.apply(AttributeValue.fromS(s)));
                }
            }
            String st = name.apply(c.statusAttribute);
            String expired = "";
            if (c.expiringStatus != null) {
                String t = name.apply(c.expiryAttribute);
                expired = " OR (" + st + " = " + value.apply(AttributeValue.fromS(c.expiringStatus))
                        + " AND (attribute_not_exists(" + t + ") OR " + t + " < " + value.apply(c.expiredBefore) + "))";
            }
            whenExists.add(from.isEmpty() && expired.isEmpty() ? "attribute_not_exists(" + st + ")"
                    : "(attribute_not_exists(" + st + ")" + (from.isEmpty() ? "" : " OR " + st + " IN ("
                            + String.join(", ", from) + ")") + expired + ")");
        }
        c.mustMatch.forEach((k, v) -> {
            String a = name.apply(k);
            whenExists.add(c.mustMatchStored.contains(k) ? a + " = " + value.apply(v)
                    : "(attribute_not_exists(" + a + ") OR " + a + " = " + value.apply(v) + ")");
        });
        c.mustBePresent.forEach(k -> whenExists.add("attribute_exists(" + name.apply(k) + ")"));
        if (c.sequenceAttribute != null) {
            String a = name.apply(c.sequenceAttribute);
            whenExists.add("(attribute_not_exists(" + a + ") OR " + a + " < " + value.apply(c.sequence) + ")");
        }
        String pk = name.apply(TableLayout.PK);
        String condition;
        if (whenExists.isEmpty()) {
            condition = mayCreate ? null : "attribute_exists(" + pk + ")";
        } else {
            String exists = "(attribute_exists(" + pk + ") AND " + String.join(" AND ", whenExists) + ")";
            condition = mayCreate ? "attribute_not_exists(" + pk + ") OR " + exists : exists;
        }
        if (notRemembered != null) {
            condition = condition == null ? notRemembered : "(" + condition + ") AND " + notRemembered;
        }
        Update.Builder b = Update.builder().tableName(tableName).key(Ledger.key(c.pk, c.sk))
                .updateExpression(expr.toString())
                .expressionAttributeNames(names).expressionAttributeValues(values)
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD);
        if (condition != null) {
            b.conditionExpression(condition);
        }
        return b.build();
    }

    /**
     * Why the condition refused the change: {@code DUPLICATE} when the item remembers the change's notification,
     * {@code CONFLICT} when an identity field differs from what is stored
     * (or, for a {@code mustMatchStored} field, is not stored on an existing item), {@code STALE} otherwise.
     */
    static WriteResult.Outcome classify(StateChange change, Map<String, AttributeValue> current) {
        if (RecentNotifications.remembers(current, change.notificationId, change.everyNotificationSet)) {
            return WriteResult.Outcome.DUPLICATE;
        }
        boolean exists = current != null && !current.isEmpty();
        for (var m : change.mustMatch.entrySet()) {
            AttributeValue stored = exists ? current.get(m.getKey()) : null;
            if (stored != null ? !Objects.equals(stored, m.getValue()) : exists && change.mustMatchStored.contains(m.getKey())) {
                return WriteResult.Outcome.CONFLICT;
            }
        }
        return WriteResult.Outcome.STALE;
    }
}
