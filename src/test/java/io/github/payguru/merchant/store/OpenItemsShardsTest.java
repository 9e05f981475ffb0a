package io.github.payguru.merchant.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The open-items shard of an item's key, and the oldest-first read across shards. */
class OpenItemsShardsTest {

    @Test
    void theShardIsStableAcrossRunsAndVersions() {
        // CRC-32 (as zlib.crc32) of the key, modulo the shard count: fixed values, never to change
        assertEquals(3, TableLayout.openShard("TX#PHS#7000101", 8));
        assertEquals(11, TableLayout.openShard("TX#PHS#7000101", 16));
        assertEquals(5, TableLayout.openShard("TX#MP#9100001", 8));
        assertEquals(6, TableLayout.openShard("SUB#MP#7700001", 8));
        assertEquals(TableLayout.openShard("TX#MP#9100001", 8), TableLayout.openShard("TX#MP#9100001", 8));
        assertEquals("OPEN#PHS#3", TableLayout.openPartition("PHS", TableLayout.openShard("TX#PHS#7000101", 8)));
        assertEquals("OPEN#MPSUB", TableLayout.unshardedOpenPartition("MPSUB"));
    }

    @Test
    void theShardIsInRangeForEveryCount() {
        for (int shards = 1; shards <= 64; shards++) {
            for (int i = 0; i < 200; i++) {
                int s = TableLayout.openShard("TX#MP#" + UUID.randomUUID(), shards);
                assertTrue(s >= 0 && s < shards, s + " of " + shards);
            }
        }
        assertEquals(0, TableLayout.openShard("TX#PHS#1", 1));
        assertEquals(0, TableLayout.openShard("TX#PHS#1", 0), "no count below one");
    }

    @Test
    void keysSpreadEvenlyOverTheShards() {
        for (int shards : new int[] { 3, 8, 10, 16 }) {
            int[] sequential = new int[shards];
            int[] random = new int[shards];
            int n = 1000 * shards;
            for (int i = 0; i < n; i++) {
                sequential[TableLayout.openShard(TableLayout.phsTransaction(Long.toString(7_000_000L + i)), shards)]++;
                random[TableLayout.openShard(TableLayout.mpSubscription(UUID.randomUUID().toString()), shards)]++;
            }
            for (int s = 0; s < shards; s++) {
                assertTrue(Math.abs(sequential[s] - 1000) < 150, "sequential ids, shard " + s + ": " + sequential[s]);
                assertTrue(Math.abs(random[s] - 1000) < 150, "random ids, shard " + s + ": " + random[s]);
            }
        }
    }

    private static Map<String, AttributeValue> item(String pk, String opensk) {
        return Map.of(TableLayout.PK, AttributeValue.fromS(pk), TableLayout.OPEN_SK, AttributeValue.fromS(opensk));
    }

    @Test
    void theOldestAreReadFirstWhateverTheirShard() {
        List<List<Map<String, AttributeValue>>> perPartition = new ArrayList<>();
        perPartition.add(List.of(item("a", "2026-11-22T10:00:03Z"), item("b", "2026-11-22T10:00:05Z")));
        perPartition.add(List.of());
        perPartition.add(List.of(item("c", "2026-11-22T10:00:01Z"), item("d", "2026-11-22T10:00:04Z")));
        perPartition.add(List.of(item("legacy", "2026-11-22T10:00:02Z")));
        List<String> read = OpenItems.oldestFirst(perPartition, 4).stream().map(i -> i.get(TableLayout.PK).s()).toList();
        assertEquals(List.of("c", "legacy", "a", "d"), read);
        assertEquals(5, OpenItems.oldestFirst(perPartition, 10).size());
        assertEquals(0, OpenItems.oldestFirst(perPartition, 0).size());
    }
}
