package io.github.payguru.merchant.events;

import java.util.List;

/** Where derived events are put: EventBridge ({@link EventBridgeSink}), or a stand-in in tests. */
public interface EventSink {

    /**
     * Puts at most {@link #MAX_ENTRIES} events in one call.
     *
     * @return per event, in order: null when accepted, else the error code given for that entry
     * @throws RuntimeException when the call as a whole failed (nothing can be assumed accepted)
     */
    List<String> put(List<ChangeEvent> events);

    /** PutEvents takes at most 10 entries per call. */
    int MAX_ENTRIES = 10;
}
