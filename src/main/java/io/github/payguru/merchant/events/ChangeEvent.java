package io.github.payguru.merchant.events;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One change event, ready for the bus: {@code source} and {@code detail-type} of the EventBridge envelope and
 * the {@code detail} (schema: {@code src/main/resources/events/change-event.v1.schema.json}).
 *
 * @param detailType one of {@link EventDerivation#TRANSACTION}, {@link EventDerivation#SUBSCRIPTION},
 *        {@link EventDerivation#ORDER_CREATED}, {@link EventDerivation#ORDER}
 * @param eventId stable: derived from the item's key and version, the same for every redelivery of the change
 * @param sequence the item's version: grows with every change of that item
 * @param occurredAt when the change was written (ISO-8601)
 * @param subject the item's partition key (for logs; never sent apart from the detail)
 * @param detail the event's body
 */
public record ChangeEvent(String detailType, String eventId, long sequence, String occurredAt, String subject,
        ObjectNode detail) {

    public String detailJson() {
        return detail.toString();
    }

    /** The detail's string field (null when absent or null). */
    public String text(String field) {
        var v = detail.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
