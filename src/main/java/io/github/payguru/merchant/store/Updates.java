package io.github.payguru.merchant.store;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Turns a {@link StateChange} into one DynamoDB {@code Update}: its update expression (sets, the shift of the
 * recent-notifications window, counters, set additions, removals) and its typed {@link Condition}s rendered into
 * one condition expression. Nothing is checked by reading first. Also classifies a refused change from the stored
 * item.
 */
final class Updates {

    private Updates() {
    }

    /** Expression attribute names and values, one alias per name and per value. */
    private static final class Expression {

        final Map<String, String> names = new HashMap<>();
        final Map<String, String> aliasOf = new HashMap<>();
        final Map<String, AttributeValue> values = new HashMap<>();

        String name(String attribute) {
            return aliasOf.computeIfAbsent(attribute, a -> {
                String alias = "#a" + names.size();
                names.put(alias, a);
                return alias;
            });
        }

        String value(AttributeValue v) {
            String alias = ":v" + values.size();
            values.put(alias, v);
            return alias;
        }

        String render(Condition c) {
            return switch (c) {
                case Condition.Absent a -> "attribute_not_exists(" + name(a.attribute()) + ")";
                case Condition.Present p -> "attribute_exists(" + name(p.attribute()) + ")";
                case Condition.Equals e -> name(e.attribute()) + " = " + value(e.value());
                case Condition.In in -> name(in.attribute()) + " IN ("
                        + String.join(", ", in.values().stream().map(this::value).toList()) + ")";
                case Condition.Below b -> name(b.attribute()) + " < " + value(b.value());
                case Condition.SmallerThan s -> "(attribute_not_exists(" + name(s.attribute()) + ") OR size("
                        + name(s.attribute()) + ") < " + value(AttributeValue.fromN(Integer.toString(s.limit()))) + ")";
                case Condition.BeginsWith b -> "begins_with(" + name(b.attribute()) + ", " + value(b.prefix()) + ")";
                case Condition.Contains x -> "contains(" + name(x.attribute()) + ", " + value(x.value()) + ")";
                case Condition.AnyOf any -> "(" + String.join(" OR ", any.alternatives().stream().map(this::render).toList()) + ")";
                case Condition.AllOf all -> "(" + String.join(" AND ", all.all().stream().map(this::render).toList()) + ")";
                case Condition.Not not -> "NOT " + render(not.negated());
            };
        }
    }

    /**
     * The update of {@code c}; an item it puts in open-items goes to its shard of {@code openShards}; a set of every
     * notification ({@link StateChange#rememberEveryNotification}) holds at most {@code maxRemembered} ids.
     */
    static Update toUpdate(String tableName, int openShards, int maxRemembered, StateChange c) {
        Expression x = new Expression();
        List<String> sets = new ArrayList<>();
        Map<String, AttributeValue> set = new LinkedHashMap<>(c.set);
        if (c.openKind != null) {
            set.put(TableLayout.OPEN_PK, AttributeValue.fromS(
                    TableLayout.openPartition(c.openKind, TableLayout.openShard(c.pk, openShards))));
            set.put(TableLayout.OPEN_SK, AttributeValue.fromS(c.openAt));
        }
        set.forEach((k, v) -> sets.add(x.name(k) + " = " + x.value(v)));
        if (c.notificationId != null) {
            // the window shifts by one: right-hand operands read the item as it was before this update
            String none = x.value(AttributeValue.fromS(""));
            sets.add(x.name(RecentNotifications.slot(0)) + " = " + x.value(AttributeValue.fromS(c.notificationEntry)));
            for (int i = 1; i < RecentNotifications.SLOTS; i++) {
                sets.add(x.name(RecentNotifications.slot(i)) + " = if_not_exists("
                        + x.name(RecentNotifications.slot(i - 1)) + ", " + none + ")");
            }
        }
        c.setIfAbsent.forEach((k, v) -> {
            String a = x.name(k);
            sets.add(a + " = if_not_exists(" + a + ", " + x.value(v) + ")");
        });
        List<String> counters = new ArrayList<>(c.increment);
        counters.add("version");
        for (String counter : counters) {
            String a = x.name(counter);
            sets.add(a + " = if_not_exists(" + a + ", " + x.value(AttributeValue.fromN("0")) + ") + "
                    + x.value(AttributeValue.fromN("1")));
        }
        StringBuilder expr = new StringBuilder("SET ").append(String.join(", ", sets));
        Map<String, String> addToSet = new LinkedHashMap<>(c.addToSet);
        if (c.notificationId != null && c.everyNotificationSet != null) {
            addToSet.put(c.everyNotificationSet, c.notificationId);
        }
        if (!addToSet.isEmpty()) {
            List<String> adds = new ArrayList<>();
            addToSet.forEach((k, v) -> adds.add(x.name(k) + " " + x.value(AttributeValue.fromSs(List.of(v)))));
            expr.append(" ADD ").append(String.join(", ", adds));
        }
        if (!c.remove.isEmpty()) {
            expr.append(" REMOVE ").append(String.join(", ", c.remove.stream().map(x::name).toList()));
        }

        List<Condition> whenExists = c.conditions(maxRemembered);
        Condition exists;
        if (whenExists.isEmpty()) {
            exists = c.mayCreate() ? null : new Condition.Present(TableLayout.PK);
        } else {
            List<Condition> all = new ArrayList<>();
            all.add(new Condition.Present(TableLayout.PK));
            all.addAll(whenExists);
            exists = new Condition.AllOf(all);
        }
        Condition condition = exists != null && c.mayCreate() && !whenExists.isEmpty()
                ? new Condition.AnyOf(List.of(new Condition.Absent(TableLayout.PK), exists)) : exists;
        Condition notRemembered = c.notRemembered();
        if (notRemembered != null) {
            condition = condition == null ? notRemembered : new Condition.AllOf(List.of(condition, notRemembered));
        }
        Update.Builder b = Update.builder().tableName(tableName).key(Ledger.key(c.pk, c.sk))
                .updateExpression(expr.toString())
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD);
        if (condition != null) {
            b.conditionExpression(x.render(condition));
        }
        return b.expressionAttributeNames(x.names).expressionAttributeValues(x.values).build();
    }

    /**
     * Why the condition refused the change: {@code DUPLICATE} when the item remembers the change's notification,
     * {@code CONFLICT} when an identity field differs from what is stored (or, for a {@code mustMatchStored} field,
     * is not stored on an existing item; an unconfirmed item may take a {@code mustMatchUnlessUnconfirmed} one),
     * {@code STALE} otherwise.
     */
    static WriteResult.Outcome classify(StateChange change, Map<String, AttributeValue> current) {
        if (RecentNotifications.remembers(current, change.notificationId, change.everyNotificationSet)) {
            return WriteResult.Outcome.DUPLICATE;
        }
        boolean exists = current != null && !current.isEmpty();
        boolean unconfirmed = exists && current.get(StateChange.CONFIRMED) != null
                && Boolean.FALSE.equals(current.get(StateChange.CONFIRMED).bool());
        for (var m : change.mustMatch.entrySet()) {
            AttributeValue stored = exists ? current.get(m.getKey()) : null;
            StateConditions.Identity kind = m.getValue().kind();
            boolean differs = stored != null ? !Objects.equals(stored, m.getValue().value())
                    : exists && kind == StateConditions.Identity.STORED;
            if (differs && !(unconfirmed && kind == StateConditions.Identity.UNLESS_UNCONFIRMED)) {
                return WriteResult.Outcome.CONFLICT;
            }
        }
        return WriteResult.Outcome.STALE;
    }
}
