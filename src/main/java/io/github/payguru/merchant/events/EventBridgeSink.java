package io.github.payguru.merchant.events;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;

/**
 * {@code PutEvents} to the custom bus: one entry per event ({@code source}, {@code detail-type}, {@code detail},
 * {@code time} = when the change was written). An entry EventBridge refuses is reported by its error code; the
 * publisher hands its stream record back to Lambda as a batch item failure.
 */
@ApplicationScoped
public class EventBridgeSink implements EventSink {

    private final EventBridgeClient client;
    private final EventsConfig config;

    @Inject
    public EventBridgeSink(EventBridgeClient client, EventsConfig config) {
        this.client = client;
        this.config = config;
    }

    @Override
    public List<String> put(List<ChangeEvent> events) {
        String bus = config.busName().orElseThrow(
                () -> new IllegalStateException("payguru.events.bus-name (PAYGURU_EVENTS_BUS_NAME) is not set"));
        List<PutEventsRequestEntry> entries = new ArrayList<>();
        for (ChangeEvent e : events) {
            PutEventsRequestEntry.Builder b = PutEventsRequestEntry.builder().eventBusName(bus)
                    .source(EventDerivation.SOURCE).detailType(e.detailType()).detail(e.detailJson());
            Instant at = time(e.occurredAt());
            if (at != null) {
                b.time(at);
            }
            entries.add(b.build());
        }
        PutEventsResponse response = client.putEvents(r -> r.entries(entries));
        List<String> errors = new ArrayList<>();
        List<PutEventsResultEntry> results = response.entries();
        for (int i = 0; i < events.size(); i++) {
            PutEventsResultEntry r = i < results.size() ? results.get(i) : null;
            errors.add(r == null ? "NoResult" : r.errorCode() != null ? r.errorCode() : r.eventId() == null ? "NoEventId" : null);
        }
        return errors;
    }

    private static Instant time(String iso) {
        try {
            return iso == null ? null : Instant.parse(iso);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
