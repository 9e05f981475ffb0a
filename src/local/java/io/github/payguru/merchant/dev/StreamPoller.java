package io.github.payguru.merchant.dev;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import io.github.payguru.merchant.aws.AwsJson;
import io.github.payguru.merchant.events.ChangeEvent;
import io.github.payguru.merchant.events.ChangeRecord;
import io.github.payguru.merchant.events.EventsConfig;
import io.github.payguru.merchant.events.StreamPublisher;
import io.github.payguru.merchant.events.StreamRecords;
import io.github.payguru.merchant.store.StoreConfig;
import io.quarkus.arc.profile.IfBuildProfile;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * The local stand-in for the stream's event source mapping: reads the local table's DynamoDB stream (moto) and
 * hands the records to the same {@link StreamPublisher} the {@code event-publisher} function runs, which puts the
 * events on the local emulator's EventBridge bus. What was published is kept (the last 1,000, by event id) for
 * {@code GET /_local/events}. {@code quarkus:dev} polls every {@code payguru.local.events-poll} (default 0.5 s);
 * tests set it to 0 and call {@link #drain()} when they want the events of what they did. Like Lambda, it does
 * not move past a record the publisher handed back. A recreated table (a new stream) is read from its start.
 */
@IfBuildProfile(anyOf = { "dev", "test" })
@ApplicationScoped
public class StreamPoller {

    private static final Logger LOG = Logger.getLogger(StreamPoller.class);
    private static final int KEPT = 1000;

    @Inject
    DynamoDbClient dynamo;

    @Inject
    DynamoDbStreamsClient streams;

    @Inject
    AwsJson eventBridge;

    @Inject
    StreamPublisher publisher;

    @Inject
    StoreConfig store;

    @Inject
    EventsConfig events;

    @Inject
    LocalConfig local;

    private ScheduledExecutorService timer;
    private String streamArn;
    private boolean busReady;
    private final Map<String, String> positions = new HashMap<>();
    private final Deque<ChangeEvent> kept = new ArrayDeque<>();
    private final Set<String> keptIds = new HashSet<>();

    void start(@Observes StartupEvent event) {
        Duration interval = local.eventsPoll();
        if (interval.isZero() || interval.isNegative()) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "local-stream-poller");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::drainQuietly, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        LOG.infof("local change events: the table's stream is read every %s (GET /_local/events)", interval);
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    /** Reads every new stream record, publishes its event, and answers the events published by this call. */
    public synchronized List<ChangeEvent> drain() {
        String arn = dynamo.describeTable(b -> b.tableName(store.table().name())).table().latestStreamArn();
        if (arn == null) {
            return List.of();
        }
        if (!arn.equals(streamArn)) {
            streamArn = arn;
            positions.clear();
        }
        ensureBus();
        List<ChangeEvent> out = new ArrayList<>();
        for (Shard shard : streams.describeStream(b -> b.streamArn(arn)).streamDescription().shards()) {
            readShard(arn, shard.shardId(), out);
        }
        return out;
    }

    /** The events published since the start (the last {@value #KEPT}), oldest first. */
    public synchronized List<ChangeEvent> published() {
        return List.copyOf(kept);
    }

    private void readShard(String arn, String shardId, List<ChangeEvent> out) {
        String after = positions.get(shardId);
        String iterator = streams.getShardIterator(b -> {
            b.streamArn(arn).shardId(shardId);
            if (after == null) {
                b.shardIteratorType(ShardIteratorType.TRIM_HORIZON);
            } else {
                b.shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER).sequenceNumber(after);
            }
        }).shardIterator();
        for (int page = 0; iterator != null && page < 100; page++) {
            String it = iterator;
            GetRecordsResponse response = streams.getRecords(b -> b.shardIterator(it).limit(1000));
            if (response.records().isEmpty()) {
                return;
            }
            List<ChangeRecord> records = response.records().stream().map(StreamRecords::fromSdk).toList();
            StreamPublisher.Outcome outcome = publisher.publish(records);
            outcome.published().forEach(e -> keep(e, out));
            String last = null;
            for (ChangeRecord r : records) {
                if (outcome.failed().contains(r.sequenceNumber())) {
                    break;
                }
                last = r.sequenceNumber();
            }
            if (last != null) {
                positions.put(shardId, last);
            }
            if (!outcome.failed().isEmpty()) {
                LOG.warnf("local change events: %d records handed back, retried at the next poll", outcome.failed().size());
                return;
            }
            iterator = response.nextShardIterator();
        }
    }

    private void keep(ChangeEvent e, List<ChangeEvent> out) {
        out.add(e);
        if (keptIds.add(e.eventId())) {
            kept.addLast(e);
            if (kept.size() > KEPT) {
                keptIds.remove(kept.removeFirst().eventId());
            }
        }
    }

    private void ensureBus() {
        if (busReady) {
            return;
        }
        String bus = events.busName().orElseThrow(() -> new IllegalStateException("payguru.events.bus-name is not set"));
        try {
            eventBridge.call("CreateEventBus", JsonNodeFactory.instance.objectNode().put("Name", bus));
        } catch (AwsJson.Failure f) {
            if (!"ResourceAlreadyExistsException".equals(f.errorCode())) {
                throw f;
            }
            // created by an earlier start
        }
        busReady = true;
    }

    private void drainQuietly() {
        try {
            drain();
        } catch (SdkException | AwsJson.Failure | IllegalStateException e) {
            LOG.debugf("local change events: stream not readable yet (%s)", e.getMessage());
        }
    }
}
