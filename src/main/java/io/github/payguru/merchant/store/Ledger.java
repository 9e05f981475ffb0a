package io.github.payguru.merchant.store;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.TransactionConflictException;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * The one place that writes state (reads are {@link LedgerReader}'s, the reconciliation queue is
 * {@link OpenItems}). Every change — a notification's, an operation's, an API answer's — is one conditional
 * {@code UpdateItem} of one item: the condition expression holds the transition, identity and (for a notification)
 * de-duplication rules ({@link Updates}, {@link RecentNotifications}), never a read-then-write. A refused change
 * costs the same single call: {@code ReturnValuesOnConditionCheckFailure=ALL_OLD} returns the stored item, from which
 * the refusal is classified (duplicate, stale or conflict). A write that meets a transaction in progress on the item
 * ({@code TransactionConflict}) is retried with jittered backoff; any other DynamoDB failure is a
 * {@link StorageException} and nothing is written.
 */
@ApplicationScoped
public class Ledger {

    private static final Logger LOG = Logger.getLogger(Ledger.class);
    private static final int MAX_ATTEMPTS = 6;

    private final DynamoDbClient dynamo;
    private final String tableName;
    private final Instance<DynamoDbEnhancedClient> enhanced;
    private final StoreConfig config;
    private final LedgerReader reader;
    private final Clock clock;

    @Inject
    public Ledger(DynamoDbClient dynamo, Instance<DynamoDbEnhancedClient> enhanced, StoreConfig config,
            LedgerReader reader, Clock clock) {
        this.dynamo = dynamo;
        this.config = config;
        this.reader = reader;
        this.clock = clock;
        this.tableName = config.table().name();
        this.enhanced = enhanced;
    }

    public Instant now() {
        return clock.instant();
    }

    /**
     * Applies the change in one conditional write. When the condition refuses it, the stored item classifies the
     * refusal: {@code DUPLICATE} (the item remembers the change's notification), {@code CONFLICT} (an identifying
     * attribute differs) or {@code STALE} (the transition is not allowed from the stored state). Only a stale change
     * may take a second write: a full set of undocumented-status ids counts the notification
     * ({@link UnknownStatuses#overflow}), or the change's own {@link StateChange#onStale} follow-up.
     */
    public WriteResult apply(StateChange change) {
        WriteResult w = write(change);
        if (w.outcome() != WriteResult.Outcome.STALE) {
            return w;
        }
        StateChange followUp = null;
        if (change.everyNotificationSet != null
                && RecentNotifications.full(w.current(), change.everyNotificationSet, maxUndocumented())) {
            followUp = UnknownStatuses.overflow(change.pk, change.sk);
        } else if (change.onStale != null) {
            followUp = change.onStale.apply(w.current());
        }
        if (followUp != null) {
            write(followUp); // its own outcome changes nothing of the answer: the notification was stale
        }
        return w;
    }

    private int maxUndocumented() {
        return config.notifications().maxUndocumentedPerItem();
    }

    /** The one conditional write of a change, classified when refused. */
    private WriteResult write(StateChange change) {
        Update u = Updates.toUpdate(tableName, config.store().openShards(), maxUndocumented(), change);
        UpdateItemRequest request = UpdateItemRequest.builder().tableName(tableName).key(u.key())
                .updateExpression(u.updateExpression()).conditionExpression(u.conditionExpression())
                .expressionAttributeNames(u.expressionAttributeNames())
                .expressionAttributeValues(u.expressionAttributeValues())
                .returnValuesOnConditionCheckFailure(u.returnValuesOnConditionCheckFailure())
                .returnValues(change.returnPrevious ? ReturnValue.ALL_OLD : null).build();
        for (int attempt = 1;; attempt++) {
            try {
                var answer = dynamo.updateItem(request);
                return new WriteResult(WriteResult.Outcome.APPLIED, null,
                        change.returnPrevious && answer.hasAttributes() ? answer.attributes() : null);
            } catch (ConditionalCheckFailedException e) {
                Map<String, AttributeValue> current = e.hasItem() ? e.item() : reader.raw(change.pk, change.sk);
                return new WriteResult(Updates.classify(change, current), current);
            } catch (TransactionConflictException e) {
                if (attempt >= MAX_ATTEMPTS) {
                    throw new StorageException("DynamoDB update kept meeting a transaction in progress", e);
                }
                backoff(attempt);
            } catch (SdkException e) {
                throw new StorageException("DynamoDB update failed: " + e.getClass().getSimpleName(), e);
            }
        }
    }

    /**
     * Keeps a masked record of a refused request (wrong key, failed authenticity check), under
     * {@code REJECT#<day>} with the log retention as TTL. The request is refused whatever happens here.
     */
    public void recordRejection(RejectionItem entry) {
        Instant now = now();
        entry.pk = "REJECT#" + now.atOffset(ZoneOffset.UTC).toLocalDate();
        entry.sk = now + "#" + UUID.randomUUID();
        entry.receivedAt = now.toString();
        entry.expiresAt = now.plus(config.notifications().logRetention()).getEpochSecond();
        entry.outcome = "rejected";
        try {
            // the enhanced client only here, on the refusal path: a stored notification never loads it
            enhanced.get().table(tableName, RejectionItem.SCHEMA).putItem(entry);
        } catch (SdkException e) {
            // The request is refused either way; losing the audit record must not turn a 403 into a retry loop.
            LOG.warnf("could not keep rejection record for %s: %s", entry.kind, e.getClass().getSimpleName());
        }
    }

    static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of(TableLayout.PK, AttributeValue.fromS(pk), TableLayout.SK, AttributeValue.fromS(sk));
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
