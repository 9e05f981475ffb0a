package io.github.payguru.merchant.dev.simulator;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Date formats of the simulated platform: Payguru's local time, {@code yyyy-MM-dd HH:mm:ss}. */
final class SimDates {

    /** Payguru is in Turkey; its text dates carry no zone. */
    static final ZoneId PAYGURU_ZONE = ZoneId.of("Europe/Istanbul");
    static final DateTimeFormatter TEXT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(PAYGURU_ZONE);

    private SimDates() {
    }

    static String text(Instant t) {
        return t == null ? null : TEXT.format(t);
    }

    /** MP objects: epoch milliseconds or text, as {@code payguru.simulator.mp-text-dates} says. */
    static void put(ObjectNode o, String field, Instant t, boolean asText) {
        if (t == null) {
            o.putNull(field);
        } else if (asText) {
            o.put(field, text(t));
        } else {
            o.put(field, t.toEpochMilli());
        }
    }
}
