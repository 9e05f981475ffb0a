package io.github.payguru.merchant.events;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.payguru.merchant.aws.AwsJson;

/**
 * {@code PutEvents} to the custom bus: one entry per event ({@code source}, {@code detail-type}, {@code detail},
 * {@code time} = when the change was written). An entry EventBridge refuses is reported by its error code; the
 * publisher hands its stream record back to Lambda as a batch item failure. The call is
 * {@code AWSEvents.PutEvents} through {@link AwsJson} ({@link EventsWiring}), not the SDK's EventBridge client
 * (2 MB of the function.zip for this one operation).
 */
@ApplicationScoped
public class EventBridgeSink implements EventSink {

    private final AwsJson eventBridge;
    private final EventsConfig config;

    @Inject
    public EventBridgeSink(AwsJson eventBridge, EventsConfig config) {
        this.eventBridge = eventBridge;
        this.config = config;
    }

    @Override
    public List<String> put(List<ChangeEvent> events) {
        String bus = config.busName().orElseThrow(
                () -> new IllegalStateException("payguru.events.bus-name (PAYGURU_EVENTS_BUS_NAME) is not set"));
        ObjectNode request = JsonNodeFactory.instance.objectNode();
        ArrayNode entries = request.putArray("Entries");
        for (ChangeEvent e : events) {
            ObjectNode entry = entries.addObject().put("EventBusName", bus).put("Source", EventDerivation.SOURCE)
                    .put("DetailType", e.detailType()).put("Detail", e.detailJson());
            Instant at = time(e.occurredAt());
            if (at != null) {
                // the JSON protocol's timestamps: epoch seconds, milliseconds as the fraction (as the SDK writes them)
                entry.put("Time", BigDecimal.valueOf(at.toEpochMilli(), 3));
            }
        }
        JsonNode results = eventBridge.call("PutEvents", request).path("Entries");
        List<String> errors = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            JsonNode r = results.path(i);
            String code = text(r, "ErrorCode");
            errors.add(r.isMissingNode() || r.isNull() ? "NoResult"
                    : code != null ? code : text(r, "EventId") == null ? "NoEventId" : null);
        }
        return errors;
    }

    private static String text(JsonNode entry, String field) {
        JsonNode v = entry.path(field);
        return v.isTextual() ? v.asText() : null;
    }

    private static Instant time(String iso) {
        try {
            return iso == null ? null : Instant.parse(iso);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
