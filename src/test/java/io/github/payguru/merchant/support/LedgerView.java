package io.github.payguru.merchant.support;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.github.payguru.merchant.store.LedgerReader;
import io.github.payguru.merchant.store.OrderItem;
import io.github.payguru.merchant.store.RecentNotifications;
import io.github.payguru.merchant.store.RejectionItem;
import io.github.payguru.merchant.store.StatusItem;
import io.github.payguru.merchant.store.StoreConfig;
import io.github.payguru.merchant.store.TableLayout;
import io.github.payguru.merchant.store.TransactionItem;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * The table as the tests read it back: the functions' own reads ({@link LedgerReader}) plus the queries only
 * tests make (an item's partition, a day's rejection records, an order's transactions). These go to the
 * emulator directly; a failure is the test's failure, so they are not wrapped like production reads.
 */
@ApplicationScoped
public class LedgerView {

    private final LedgerReader reader;
    private final DynamoDbClient dynamo;
    private final Clock clock;
    private final String tableName;
    private final DynamoDbTable<RejectionItem> log;
    private final DynamoDbTable<TransactionItem> transactions;

    @Inject
    public LedgerView(LedgerReader reader, DynamoDbClient dynamo, DynamoDbEnhancedClient enhanced, StoreConfig config,
            Clock clock) {
        this.reader = reader;
        this.dynamo = dynamo;
        this.clock = clock;
        this.tableName = config.table().name();
        this.log = enhanced.table(tableName, RejectionItem.SCHEMA);
        this.transactions = enhanced.table(tableName, TransactionItem.SCHEMA);
    }

    public Instant now() {
        return clock.instant();
    }

    public String tableName() {
        return tableName;
    }

    public Optional<TransactionItem> transaction(String pk) {
        return reader.transaction(pk);
    }

    public Optional<OrderItem> order(String pk) {
        return reader.order(pk);
    }

    public <T> Optional<T> item(TableSchema<T> schema, String pk, String sk) {
        return reader.item(schema, pk, sk);
    }

    /** Every item in one partition (a notification writes its state item and nothing beside it). */
    public List<Map<String, AttributeValue>> partition(String pk) {
        List<Map<String, AttributeValue>> out = new ArrayList<>();
        dynamo.queryPaginator(QueryRequest.builder().tableName(tableName).consistentRead(true)
                .keyConditionExpression("#pk = :pk").expressionAttributeNames(Map.of("#pk", TableLayout.PK))
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(pk))).build())
                .forEach(p -> out.addAll(p.items()));
        return out;
    }

    /** The statuses of the notifications an item remembers, in the order they were applied. */
    public static List<String> recentStatuses(StatusItem item) {
        return item.recentNotifications().stream().map(RecentNotifications.Entry::status).toList();
    }

    /** Rejection records of one UTC day. */
    public List<RejectionItem> rejectionsOn(LocalDate day) {
        List<RejectionItem> out = new ArrayList<>();
        log.query(r -> r.queryConditional(QueryConditional.keyEqualTo(Key.builder().partitionValue("REJECT#" + day).build()))
                .consistentRead(true)).items().forEach(out::add);
        return out;
    }

    /** Every transaction of a merchant order reference (GSI by-order). */
    public List<TransactionItem> transactionsOfOrder(String orderRef) {
        List<TransactionItem> out = new ArrayList<>();
        transactions.index(TableLayout.BY_ORDER)
                .query(r -> r.queryConditional(QueryConditional.sortBeginsWith(
                        Key.builder().partitionValue(TableLayout.orderRef(orderRef)).sortValue("TX#").build())))
                .forEach(p -> out.addAll(p.items()));
        return out;
    }
}
