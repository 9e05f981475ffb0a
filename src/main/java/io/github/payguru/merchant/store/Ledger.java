package io.github.payguru.merchant.store;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * The one place that writes state (reads are {@link LedgerReader}'s, the reconciliation queue is
 * {@link OpenItems}). A fresh notification is one {@code TransactWriteItems}
 * (log put + state update, both conditional); a duplicate is the same single call, refused by
 * the log's {@code attribute_not_exists}, and returns the first delivery's log entry so its answer
 * can be repeated. Transitions are enforced by the condition expression, never read-then-write.
 * Concurrent writers of the same item that collide ({@code TransactionConflict}) are retried with
 * jittered backoff; any other DynamoDB failure is a {@link StorageException}, nothing half-written.
 */
@ApplicationScoped
public class Ledger {

    private static final Logger LOG = Logger.getLogger(Ledger.class);
    private static final int MAX_ATTEMPTS = 6;

    private final DynamoDbClient dynamo;
    private final String tableName;
    private final DynamoDbTable<NotificationLogItem> log;
    private final StoreConfig config;
    private final LedgerReader reader;
    private final Clock clock;

    @Inject
    public Ledger(DynamoDbClient dynamo, DynamoDbEnhancedClient enhanced, StoreConfig config, LedgerReader reader,
            Clock clock) {
        this.dynamo = dynamo;
        this.config = config;
        this.reader = reader;
        this.clock = clock;
        this.tableName = config.table().name();
        this.log = enhanced.table(tableName, NotificationLogItem.SCHEMA);
    }

    public Instant now() {
        return clock.instant();
    }

    /** A log entry for {@code subjectPk}, with id, time and TTL filled in. */
    public NotificationLogItem newLogEntry(String subjectPk, String notificationId, String kind) {
        NotificationLogItem e = new NotificationLogItem();
        e.pk = subjectPk;
        e.sk = TableLayout.logSort(notificationId);
        e.kind = kind;
        Instant now = now();
        e.receivedAt = now.toString();
        e.expiresAt = now.plus(config.notifications().logRetention()).getEpochSecond();
        return e;
    }

    /**
     * Logs the notification and applies the change atomically. On a refused transition nothing is
     * written: the caller decides the answer and calls {@link #logOnly} with it.
     */
    public WriteResult record(NotificationLogItem entry, StateChange change) {
        Map<String, AttributeValue> logItem = NotificationLogItem.SCHEMA.itemToMap(entry, true);
        Put put = Put.builder().tableName(tableName).item(logItem)
                .conditionExpression("attribute_not_exists(#pk)")
                .expressionAttributeNames(Map.of("#pk", TableLayout.PK))
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                .build();
        Update update = Updates.toUpdate(tableName, config.store().openShards(), change);
        TransactWriteItemsRequest request = TransactWriteItemsRequest.builder()
                .transactItems(TransactWriteItem.builder().put(put).build(),
                        TransactWriteItem.builder().update(update).build())
                .build();
        for (int attempt = 1;; attempt++) {
            try {
                dynamo.transactWriteItems(request);
                return new WriteResult(WriteResult.Outcome.APPLIED, null, null);
            } catch (TransactionCanceledException e) {
                List<CancellationReason> reasons = e.cancellationReasons();
                if (failedCondition(reasons, 0)) {
                    return new WriteResult(WriteResult.Outcome.DUPLICATE, previousLog(reasons.get(0), entry), null);
                }
                if (failedCondition(reasons, 1)) {
                    Map<String, AttributeValue> current = storedItem(reasons.get(1), change.pk, change.sk);
                    return new WriteResult(Updates.classify(change, current), null, current);
                }
                if (!retryable(reasons) || attempt >= MAX_ATTEMPTS) {
                    throw new StorageException("transaction cancelled: " + codes(reasons), e);
                }
                backoff(attempt);
            } catch (SdkException e) {
                throw new StorageException("DynamoDB write failed: " + e.getClass().getSimpleName(), e);
            }
        }
    }

    /**
     * Logs a notification that changes no state (stale, conflicting, informational). Returns the
     * first delivery's entry when this exact notification was logged before.
     */
    public Optional<NotificationLogItem> logOnly(NotificationLogItem entry) {
        try {
            dynamo.putItem(PutItemRequest.builder().tableName(tableName)
                    .item(NotificationLogItem.SCHEMA.itemToMap(entry, true))
                    .conditionExpression("attribute_not_exists(#pk)")
                    .expressionAttributeNames(Map.of("#pk", TableLayout.PK))
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                    .build());
            return Optional.empty();
        } catch (ConditionalCheckFailedException e) {
            if (e.hasItem() && !e.item().isEmpty()) {
                return Optional.of(NotificationLogItem.SCHEMA.mapToItem(e.item()));
            }
            return Optional.ofNullable(reader.logEntry(entry.pk, entry.sk));
        } catch (SdkException e) {
            throw new StorageException("DynamoDB log write failed: " + e.getClass().getSimpleName(), e);
        }
    }

    /** Keeps a masked record of a refused request (wrong key, failed authenticity check). */
    public void recordRejection(NotificationLogItem entry) {
        Instant now = now();
        entry.pk = "REJECT#" + now.atOffset(ZoneOffset.UTC).toLocalDate();
        entry.sk = now + "#" + UUID.randomUUID();
        entry.outcome = "rejected";
        try {
            log.putItem(entry);
        } catch (SdkException e) {
            // The request is refused either way; losing the audit record must not turn a 403 into a retry loop.
            LOG.warnf("could not keep rejection record for %s: %s", entry.kind, e.getClass().getSimpleName());
        }
    }

    /** Conditional update without a log entry (operations: order registration, verification outcomes). */
    public WriteResult apply(StateChange change) {
        Update u = Updates.toUpdate(tableName, config.store().openShards(), change);
        try {
            dynamo.updateItem(b -> b.tableName(tableName).key(u.key()).updateExpression(u.updateExpression())
                    .conditionExpression(u.conditionExpression())
                    .expressionAttributeNames(u.expressionAttributeNames())
                    .expressionAttributeValues(u.expressionAttributeValues())
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
            return new WriteResult(WriteResult.Outcome.APPLIED, null, null);
        } catch (ConditionalCheckFailedException e) {
            Map<String, AttributeValue> current = e.hasItem() ? e.item() : reader.raw(change.pk, change.sk);
            return new WriteResult(Updates.classify(change, current), null, current);
        } catch (SdkException e) {
            throw new StorageException("DynamoDB update failed: " + e.getClass().getSimpleName(), e);
        }
    }

    private NotificationLogItem previousLog(CancellationReason reason, NotificationLogItem entry) {
        if (reason.hasItem() && !reason.item().isEmpty()) {
            return NotificationLogItem.SCHEMA.mapToItem(reason.item());
        }
        return reader.logEntry(entry.pk, entry.sk);
    }

    private Map<String, AttributeValue> storedItem(CancellationReason reason, String pk, String sk) {
        if (reason.hasItem() && !reason.item().isEmpty()) {
            return reason.item();
        }
        return reader.raw(pk, sk);
    }

    static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of(TableLayout.PK, AttributeValue.fromS(pk), TableLayout.SK, AttributeValue.fromS(sk));
    }

    private static boolean failedCondition(List<CancellationReason> reasons, int index) {
        return reasons != null && reasons.size() > index
                && "ConditionalCheckFailed".equals(reasons.get(index).code());
    }

    private static boolean retryable(List<CancellationReason> reasons) {
        if (reasons == null) {
            return false;
        }
        for (CancellationReason r : reasons) {
            if ("TransactionConflict".equals(r.code()) || "ThrottlingError".equals(r.code())) {
                return true;
            }
        }
        return false;
    }

    private static String codes(List<CancellationReason> reasons) {
        List<String> out = new ArrayList<>();
        if (reasons != null) {
            reasons.forEach(r -> out.add(r.code()));
        }
        return out.toString();
    }

    private static void backoff(int attempt) {
        long base = 10L << Math.min(attempt, 5);
        try {
            Thread.sleep(base + ThreadLocalRandom.current().nextLong(base));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageException("interrupted while retrying a conflicting write", e);
        }
    }
}
