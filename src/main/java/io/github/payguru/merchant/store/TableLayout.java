package io.github.payguru.merchant.store;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * The one table's key and index names. {@code infra/template.yaml} declares the same;
 * {@code TemplateTest} holds the two together.
 */
public final class TableLayout {

    public static final String PK = "pk";
    public static final String SK = "sk";

    /** GSI "by merchant order ref": {@code ORDER#<order>} → transactions, orders, subscriptions. */
    public static final String BY_ORDER = "by-order";
    public static final String GSI1_PK = "gsi1pk";
    public static final String GSI1_SK = "gsi1sk";

    /** Sparse GSI of items not yet in a settled state: what reconciliation looks at. */
    public static final String OPEN_ITEMS = "open-items";
    public static final String OPEN_PK = "openpk";
    public static final String OPEN_SK = "opensk";

    /** DynamoDB TTL attribute (epoch seconds) of log and rejection records. */
    public static final String EXPIRES_AT = "expiresAt";

    private TableLayout() {
    }

    public static String phsTransaction(String txid) {
        return "TX#PHS#" + txid;
    }

    public static String phsOrder(String serviceCode, String order) {
        return "ORDER#PHS#" + serviceCode + "#" + order;
    }

    /** A merchant order of the MP payment page, keyed by its reference code (the callbacks' {@code order}). */
    public static String mpOrder(String serviceId, String referenceCode) {
        return "ORDER#MP#" + serviceId + "#" + referenceCode;
    }

    /** A shared rate-limit counter; its windows are the sort keys. */
    public static String rateCounter(String name) {
        return "RATE#" + name;
    }

    /** Sort key of the lock that keeps a refund from being sent twice, beside the transaction ({@code sk = TX}). */
    public static final String REFUND_LOCK = "REFUND";

    /** Sort key of the lock that keeps an MP subscription cancel from being sent twice, beside the cycle ({@code sk = SUB}). */
    public static final String CANCEL_LOCK = "CANCEL";

    /** MP transaction (one-off charge or subscription renewal). */
    public static String mpTransaction(String txId) {
        return "TX#MP#" + txId;
    }

    /** One MP subscription cycle ({@code subsId}); its credential item shares the partition. */
    public static String mpSubscription(String subsId) {
        return "SUB#MP#" + subsId;
    }

    /** A reference code (REFKOD) the merchant registered for SMS-initiated payments. */
    public static String mpRefcode(String code) {
        return "REFCODE#MP#" + code;
    }

    /** Open-items partitions of the MP line: transactions and subscriptions. */
    public static final String OPEN_MP = "MP";
    public static final String OPEN_MP_SUBSCRIPTION = "MPSUB";

    public static String orderRef(String order) {
        return "ORDER#" + order;
    }

    /**
     * The open-items partition of {@code kind}'s shard {@code shard}: {@code OPEN#<kind>#<shard>}. Write-sharded so
     * that no single index partition value takes every open item's write.
     */
    public static String openPartition(String kind, int shard) {
        return "OPEN#" + kind + "#" + shard;
    }

    /** The partition of {@code kind} before the index was sharded ({@code OPEN#<kind>}): still read, never written. */
    public static String unshardedOpenPartition(String kind) {
        return "OPEN#" + kind;
    }

    /**
     * The shard (0 to {@code shards - 1}) of an item in open-items: CRC-32 of its {@code pk} (UTF-8) modulo
     * {@code shards} — stable across runs, versions and languages ({@code zlib.crc32(pk.encode()) % shards}).
     */
    public static int openShard(String pk, int shards) {
        CRC32 crc = new CRC32();
        crc.update(pk.getBytes(StandardCharsets.UTF_8));
        return (int) (crc.getValue() % Math.max(1, shards));
    }
}
