package io.github.payguru.merchant.store;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The reconciliation queue: the sparse {@code open-items} index ({@code openpk = OPEN#<kind>#<shard>}, the shard
 * of the item's {@code pk}; {@code opensk} = last change or last check). State changes put items in and take them
 * out ({@link StateChange#open}); this class reads the queue — every shard of a kind and the partition written
 * before sharding ({@code OPEN#<kind>}) — and moves an item that stays open to its back, in its shard. Any
 * DynamoDB failure is a {@link StorageException}.
 */
@ApplicationScoped
public class OpenItems {

    private static final Comparator<Map<String, AttributeValue>> OLDEST_FIRST = Comparator
            .comparing((Map<String, AttributeValue> i) -> i.get(TableLayout.OPEN_SK).s());

    private final DynamoDbClient dynamo;
    private final String tableName;
    private final int shards;
    private final int shardsRead;

    @Inject
    public OpenItems(DynamoDbClient dynamo, StoreConfig config) {
        this.dynamo = dynamo;
        this.tableName = config.table().name();
        this.shards = Math.max(1, config.store().openShards());
        this.shardsRead = Math.max(shards, config.store().openShardsRead());
    }

    /** The partitions reconciliation reads for {@code kind}: its shards, then the one written before sharding. */
    public List<String> partitions(String kind) {
        List<String> out = new ArrayList<>();
        for (int shard = 0; shard < shardsRead; shard++) {
            out.add(TableLayout.openPartition(kind, shard));
        }
        out.add(TableLayout.unshardedOpenPartition(kind));
        return out;
    }

    /**
     * Open items of one kind whose {@code opensk} (last change or last check) is older than {@code before}, oldest
     * first across all its partitions ({@link #partitions}), at most {@code limit}: one query per partition, each
     * of at most {@code limit} items, so the oldest are found wherever they are.
     */
    public List<Map<String, AttributeValue>> olderThan(String kind, String before, int limit) {
        List<List<Map<String, AttributeValue>>> perPartition = new ArrayList<>();
        for (String partition : partitions(kind)) {
            perPartition.add(query(partition, before, limit));
        }
        return oldestFirst(perPartition, limit);
    }

    /** The {@code limit} oldest of items read from several partitions (ties: in partition order). */
    static List<Map<String, AttributeValue>> oldestFirst(List<List<Map<String, AttributeValue>>> perPartition,
            int limit) {
        List<Map<String, AttributeValue>> all = new ArrayList<>();
        perPartition.forEach(all::addAll);
        all.sort(OLDEST_FIRST);
        return all.size() > limit ? List.copyOf(all.subList(0, Math.max(0, limit))) : all;
    }

    private List<Map<String, AttributeValue>> query(String partition, String before, int limit) {
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
     * Moves an item of {@code kind} that is still open to the back of the queue ({@code opensk = at}), in the shard
     * of its {@code pk}: an item found in the partition written before sharding, or in a shard of another count,
     * moves to its shard now.
     *
     * @return false when the item is no longer open (nothing written)
     */
    public boolean moveToBack(String kind, String pk, String sk, String at) {
        try {
            dynamo.updateItem(b -> b.tableName(tableName).key(Ledger.key(pk, sk))
                    .updateExpression("SET #p = :p, #s = :s")
                    .conditionExpression("attribute_exists(#p)")
                    .expressionAttributeNames(Map.of("#p", TableLayout.OPEN_PK, "#s", TableLayout.OPEN_SK))
                    .expressionAttributeValues(Map.of(
                            ":p", AttributeValue.fromS(TableLayout.openPartition(kind, TableLayout.openShard(pk, shards))),
                            ":s", AttributeValue.fromS(at))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        } catch (SdkException e) {
            throw new StorageException("DynamoDB update failed: " + e.getClass().getSimpleName(), e);
        }
    }
}
