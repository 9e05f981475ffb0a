package io.github.payguru.merchant.store;

import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The reconciliation queue: the sparse {@code open-items} index ({@code openpk = OPEN#<line>}, {@code opensk} =
 * last change or last check). State changes put items in and take them out ({@link StateChange}); this class
 * reads the queue and moves an item that stays open to its back. Any DynamoDB failure is a {@link StorageException}.
 */
@ApplicationScoped
public class OpenItems {

    private final DynamoDbClient dynamo;
    private final String tableName;

    @Inject
    public OpenItems(DynamoDbClient dynamo, StoreConfig config) {
        this.dynamo = dynamo;
        this.tableName = config.table().name();
    }

    /**
     * Open items of one partition whose {@code opensk} (last change or last check) is older than
     * {@code before}, oldest first, at most {@code limit}.
     */
    public List<Map<String, AttributeValue>> olderThan(String partition, String before, int limit) {
        try {
            return dynamo.query(b -> b.tableName(tableName).indexName(TableLayout.OPEN_ITEMS)
                    .keyConditionExpression("#p = :p AND #s < :s")
                    .expressionAttributeNames(Map.of("#p", TableLayout.OPEN_PK, "#s", TableLayout.OPEN_SK))
                    .expressionAttributeValues(Map.of(":p", AttributeValue.fromS(partition), ":s", AttributeValue.fromS(before)))
                    .limit(limit)).items();
        } catch (SdkException e) {
            throw new StorageException("DynamoDB query failed: " + e.getClass().getSimpleName(), e);
        }
    }

    /**
     * Moves an item that is still open to the back of the queue ({@code opensk = at}).
     *
     * @return false when the item is no longer open (nothing written)
     */
    public boolean moveToBack(String pk, String sk, String at) {
        try {
            dynamo.updateItem(b -> b.tableName(tableName).key(Ledger.key(pk, sk))
                    .updateExpression("SET #s = :s")
                    .conditionExpression("attribute_exists(#p)")
                    .expressionAttributeNames(Map.of("#p", TableLayout.OPEN_PK, "#s", TableLayout.OPEN_SK))
                    .expressionAttributeValues(Map.of(":s", AttributeValue.fromS(at))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        } catch (SdkException e) {
            throw new StorageException("DynamoDB update failed: " + e.getClass().getSimpleName(), e);
        }
    }
}
