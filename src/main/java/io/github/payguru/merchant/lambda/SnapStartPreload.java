package io.github.payguru.merchant.lambda;

import java.util.Map;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.github.payguru.merchant.store.StoreConfig;
import io.github.payguru.merchant.store.TableLayout;
import io.quarkus.runtime.PreloadClassesRecorder;
import io.quarkus.runtime.StartupEvent;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * SnapStart's class preloading and priming, only where a snapshot is taken (src/site/markdown/performance.md
 * "Cold start", deploy-and-operate.md "SnapStart").
 * <p>
 * Quarkus preloads and initializes every application class listed at build time
 * ({@code META-INF/quarkus-generated-preload-classes.txt}: all functions' classes, several hundred) when its static
 * initialization runs, so that a snapshot holds them. Outside SnapStart (an on-demand start, {@code SnapStart=false},
 * {@code $LATEST}) that is cost without gain: a callback then loads and initializes the Payguru HTTP calls, every
 * table schema and the other functions' services before its first answer. So {@code quarkus.snapstart.preload-classes}
 * is off and the same list is preloaded here, at start, only when Lambda says it is initializing for a snapshot
 * ({@code AWS_LAMBDA_INITIALIZATION_TYPE=snap-start}); with {@code quarkus.snapstart.full-warmup} the application
 * starts before the snapshot, so the snapshot holds the same classes as before.
 * <p>
 * Then the DynamoDB client is primed: one {@code GetItem} of a key that is never written, so that the SDK's request
 * path (credentials, signing, HTTP, marshalling of a request and an answer, about 700 classes a first event would
 * otherwise load after the restore) is in the snapshot. A refusal (the event publisher may not read the table)
 * loads most of that path too and is only logged; the priming never stops the start.
 */
@Singleton
public class SnapStartPreload {

    /** What Lambda sets in {@code AWS_LAMBDA_INITIALIZATION_TYPE} while it initializes a version for SnapStart. */
    public static final String SNAP_START = "snap-start";

    /** The key the priming reads: no writer uses the {@code PRIME#} prefix. */
    static final String PRIME_PK = "PRIME#snapstart";

    private static final Logger LOG = Logger.getLogger(SnapStartPreload.class);

    private final Instance<DynamoDbClient> dynamo;
    private final Instance<StoreConfig> store;

    @Inject
    public SnapStartPreload(Instance<DynamoDbClient> dynamo, Instance<StoreConfig> store) {
        this.dynamo = dynamo;
        this.store = store;
    }

    void onStart(@Observes StartupEvent start) {
        if (SNAP_START.equals(System.getenv("AWS_LAMBDA_INITIALIZATION_TYPE"))) {
            PreloadClassesRecorder.preloadClasses(true);
            prime();
        }
    }

    private void prime() {
        try {
            dynamo.get().getItem(b -> b.tableName(store.get().table().name())
                    .key(Map.of(TableLayout.PK, AttributeValue.fromS(PRIME_PK), TableLayout.SK, AttributeValue.fromS("PRIME"))));
            LOG.info("SnapStart priming: DynamoDB answered");
        } catch (RuntimeException e) {
            LOG.infof("SnapStart priming: DynamoDB refused (%s); its request path is loaded anyway",
                    e.getClass().getSimpleName());
        }
    }
}
