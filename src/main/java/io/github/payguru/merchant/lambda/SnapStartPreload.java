package io.github.payguru.merchant.lambda;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import io.quarkus.runtime.PreloadClassesRecorder;
import io.quarkus.runtime.StartupEvent;

/**
 * SnapStart's class preloading, only where a snapshot is taken (README "Performance", "SnapStart").
 * <p>
 * Quarkus preloads and initializes every application class listed at build time
 * ({@code META-INF/quarkus-generated-preload-classes.txt}: all functions' classes, ~460) when its static
 * initialization runs, so that a snapshot holds them. Outside SnapStart (an on-demand start, {@code SnapStart=false},
 * {@code $LATEST}) that is cost without gain: a callback then loads and initializes the Payguru REST clients, every
 * table schema and the other functions' services before its first answer. So {@code quarkus.snapstart.preload-classes}
 * is off and the same list is preloaded here, at start, only when Lambda says it is initializing for a snapshot
 * ({@code AWS_LAMBDA_INITIALIZATION_TYPE=snap-start}); with {@code quarkus.snapstart.full-warmup} the application
 * starts before the snapshot, so the snapshot holds the same classes as before.
 */
@Singleton
public class SnapStartPreload {

    /** What Lambda sets in {@code AWS_LAMBDA_INITIALIZATION_TYPE} while it initializes a version for SnapStart. */
    public static final String SNAP_START = "snap-start";

    void onStart(@Observes StartupEvent start) {
        if (SNAP_START.equals(System.getenv("AWS_LAMBDA_INITIALIZATION_TYPE"))) {
            PreloadClassesRecorder.preloadClasses(true);
        }
    }
}
