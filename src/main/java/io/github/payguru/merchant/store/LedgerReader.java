package io.github.payguru.merchant.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * Reads of the state the {@link Ledger} writes: items by key (consistent reads) and the {@code by-order}
 * index. Any DynamoDB failure is a {@link StorageException}. The enhanced client and the item schemas are reached
 * only by the reads that map items: a callback, whose path needs none of them, never loads that machinery at its
 * cold start (src/site/markdown/performance.md "Cold start").
 */
@ApplicationScoped
public class LedgerReader {

    private final DynamoDbClient dynamo;
    private final Instance<DynamoDbEnhancedClient> enhanced;
    private final String tableName;

    @Inject
    public LedgerReader(DynamoDbClient dynamo, Instance<DynamoDbEnhancedClient> enhanced, StoreConfig config) {
        this.dynamo = dynamo;
        this.enhanced = enhanced;
        this.tableName = config.table().name();
    }

    public Optional<TransactionItem> transaction(String pk) {
        return item(TransactionItem.SCHEMA, pk, TransactionItem.SORT);
    }

    public Optional<OrderItem> order(String pk) {
        return item(OrderItem.SCHEMA, pk, OrderItem.SORT);
    }

    /** Any item by its static schema (MP subscriptions, credentials, reference codes). */
    public <T> Optional<T> item(TableSchema<T> schema, String pk, String sk) {
        return Optional.ofNullable(get(enhanced.get().table(tableName, schema), pk, sk));
    }

    /** Items of the by-order GSI for a merchant order whose index sort key starts with {@code prefix}. */
    public <T> List<T> byOrder(TableSchema<T> schema, String orderRef, String prefix) {
        try {
            List<T> out = new ArrayList<>();
            enhanced.get().table(tableName, schema).index(TableLayout.BY_ORDER)
                    .query(r -> r.queryConditional(QueryConditional.sortBeginsWith(
                            Key.builder().partitionValue(TableLayout.orderRef(orderRef)).sortValue(prefix).build())))
                    .forEach(p -> out.addAll(p.items()));
            return out;
        } catch (SdkException e) {
            throw new StorageException("DynamoDB query failed: " + e.getClass().getSimpleName(), e);
        }
    }

    /**
     * Every item of a merchant order in the by-order index (orders, transactions, subscription cycles of both
     * lines), as stored; tell them apart by {@code sk}.
     */
    public List<Map<String, AttributeValue>> byOrder(String orderRef) {
        try {
            List<Map<String, AttributeValue>> out = new ArrayList<>();
            dynamo.queryPaginator(QueryRequest.builder().tableName(tableName).indexName(TableLayout.BY_ORDER)
                    .keyConditionExpression("#k = :k").expressionAttributeNames(Map.of("#k", TableLayout.GSI1_PK))
                    .expressionAttributeValues(Map.of(":k", AttributeValue.fromS(TableLayout.orderRef(orderRef))))
                    .build()).forEach(p -> out.addAll(p.items()));
            return out;
        } catch (SdkException e) {
            throw new StorageException("DynamoDB query failed: " + e.getClass().getSimpleName(), e);
        }
    }

    /** The stored item as attribute values, empty when absent (a refused change is classified from it). */
    Map<String, AttributeValue> raw(String pk, String sk) {
        try {
            var item = dynamo.getItem(GetItemRequest.builder().tableName(tableName).consistentRead(true)
                    .key(Ledger.key(pk, sk)).build());
            return item.hasItem() ? item.item() : Map.of();
        } catch (SdkException e) {
            throw new StorageException("DynamoDB read failed: " + e.getClass().getSimpleName(), e);
        }
    }

    private static <T> T get(DynamoDbTable<T> table, String pk, String sk) {
        try {
            return table.getItem(r -> r.key(Key.builder().partitionValue(pk).sortValue(sk).build()).consistentRead(true));
        } catch (SdkException e) {
            throw new StorageException("DynamoDB read failed: " + e.getClass().getSimpleName(), e);
        }
    }
}
