package io.github.payguru.merchant.dev.console;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.github.payguru.merchant.dev.StreamPoller;
import io.github.payguru.merchant.events.ChangeEvent;
import io.github.payguru.merchant.store.IndexedItem;
import io.github.payguru.merchant.store.OrderItem;
import io.github.payguru.merchant.store.StoreConfig;
import io.github.payguru.merchant.store.SubscriptionItem;
import io.github.payguru.merchant.store.TransactionItem;
import io.quarkus.arc.profile.IfBuildProfile;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

/**
 * What the console shows, read only: the local table's order, transaction and subscription items (a scan: the
 * local table is small) and the change events the local run published ({@link StreamPoller}, read after draining the
 * stream, as {@code GET /_local/events} does). Rejections, rate counters and credentials are not shown.
 */
@IfBuildProfile(anyOf = { "dev", "test" })
@ApplicationScoped
public class ConsoleData {

    /** The table's items of one read, newest change first. */
    record Items(List<OrderItem> orders, List<TransactionItem> transactions, List<SubscriptionItem> subscriptions) {

        boolean isEmpty() {
            return orders.isEmpty() && transactions.isEmpty() && subscriptions.isEmpty();
        }

        /** The items of one merchant order. */
        Items of(String orderRef) {
            return new Items(filter(orders, o -> Objects.equals(o.orderRef, orderRef)),
                    filter(transactions, t -> Objects.equals(t.orderRef, orderRef)),
                    filter(subscriptions, s -> Objects.equals(s.orderRef, orderRef)));
        }

        Set<String> keys() {
            List<IndexedItem> all = new ArrayList<>(orders);
            all.addAll(transactions);
            all.addAll(subscriptions);
            return all.stream().map(i -> i.pk).collect(Collectors.toSet());
        }

        private static <T> List<T> filter(List<T> items, Predicate<T> keep) {
            return items.stream().filter(keep).toList();
        }
    }

    @Inject
    DynamoDbClient dynamo;

    @Inject
    StoreConfig store;

    @Inject
    StreamPoller poller;

    Items items() {
        List<OrderItem> orders = new ArrayList<>();
        List<TransactionItem> transactions = new ArrayList<>();
        List<SubscriptionItem> subscriptions = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            var page = dynamo.scan(ScanRequest.builder().tableName(store.table().name()).exclusiveStartKey(start).build());
            for (Map<String, AttributeValue> raw : page.items()) {
                AttributeValue sk = raw.get("sk");
                switch (sk == null ? "" : sk.s()) {
                    case OrderItem.SORT -> orders.add(OrderItem.SCHEMA.mapToItem(raw));
                    case TransactionItem.SORT -> transactions.add(TransactionItem.SCHEMA.mapToItem(raw));
                    case SubscriptionItem.SORT -> subscriptions.add(SubscriptionItem.SCHEMA.mapToItem(raw));
                    default -> {
                        // rejections, rate counters, refcodes, credentials: not payments
                    }
                }
            }
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return new Items(newestFirst(orders), newestFirst(transactions), newestFirst(subscriptions));
    }

    /** Every change event published so far, newest first. */
    List<ChangeEvent> events() {
        poller.drain();
        List<ChangeEvent> out = new ArrayList<>(poller.published());
        java.util.Collections.reverse(out);
        return out;
    }

    /** The change events of these items (by the item's key), newest first. */
    List<ChangeEvent> events(Set<String> keys) {
        return events().stream().filter(e -> keys.contains(e.subject())).toList();
    }

    private static <T extends IndexedItem> List<T> newestFirst(List<T> items) {
        items.sort(Comparator.comparing((T i) -> i.updatedAt == null ? "" : i.updatedAt).reversed());
        return items;
    }
}
