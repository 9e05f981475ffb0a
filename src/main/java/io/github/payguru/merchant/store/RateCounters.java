package io.github.payguru.merchant.store;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Counters shared by every concurrent function: one item per (limit, window),
 * {@code pk = RATE#<name>}, {@code sk = <window>}, taken with a single conditional
 * {@code ADD count :1} that DynamoDB refuses once {@code count} reached the limit — no
 * read-then-write, so two functions can never both take the last slot. Window items carry a TTL.
 */
@ApplicationScoped
public class RateCounters {

    private final DynamoDbClient dynamo;
    private final String tableName;

    @Inject
    public RateCounters(DynamoDbClient dynamo, StoreConfig config) {
        this.dynamo = dynamo;
        this.tableName = config.table().name();
    }

    /**
     * Takes one slot of a window.
     *
     * @param name the counter (e.g. {@code 1000#mp-transaction-refund#day})
     * @param window the window key (e.g. {@code 2026-11-22})
     * @param limit slots in the window
     * @param expiresAtEpochSecond when DynamoDB may delete the window item
     * @return true when a slot was taken, false when the window is full
     */
    public boolean tryTake(String name, String window, int limit, long expiresAtEpochSecond) {
        try {
            dynamo.updateItem(b -> b.tableName(tableName)
                    .key(Map.of(TableLayout.PK, AttributeValue.fromS(TableLayout.rateCounter(name)),
                            TableLayout.SK, AttributeValue.fromS(window)))
                    .updateExpression("ADD #c :one SET #e = :exp")
                    .conditionExpression("attribute_not_exists(#c) OR #c < :limit")
                    .expressionAttributeNames(Map.of("#c", "count", "#e", TableLayout.EXPIRES_AT))
                    .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1"),
                            ":limit", AttributeValue.fromN(Integer.toString(limit)),
                            ":exp", AttributeValue.fromN(Long.toString(expiresAtEpochSecond)))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        } catch (SdkException e) {
            throw new StorageException("DynamoDB rate counter failed: " + e.getClass().getSimpleName(), e);
        }
    }

    /** Slots taken in a window (0 when none). */
    public int taken(String name, String window) {
        try {
            var item = dynamo.getItem(b -> b.tableName(tableName).consistentRead(true)
                    .key(Map.of(TableLayout.PK, AttributeValue.fromS(TableLayout.rateCounter(name)),
                            TableLayout.SK, AttributeValue.fromS(window))));
            return item.hasItem() && item.item().get("count") != null ? Integer.parseInt(item.item().get("count").n()) : 0;
        } catch (SdkException e) {
            throw new StorageException("DynamoDB read failed: " + e.getClass().getSimpleName(), e);
        }
    }
}
