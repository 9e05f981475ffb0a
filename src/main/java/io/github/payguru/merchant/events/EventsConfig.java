package io.github.payguru.merchant.events;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/** Where the change events go. Only the publisher function needs it (the others never read it). */
@ConfigMapping(prefix = "payguru.events")
public interface EventsConfig {

    /** Name or ARN of the EventBridge custom bus ({@code PAYGURU_EVENTS_BUS_NAME}, set by the template). */
    Optional<String> busName();
}
