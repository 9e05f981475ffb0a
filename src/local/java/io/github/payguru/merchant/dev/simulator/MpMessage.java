package io.github.payguru.merchant.dev.simulator;

import java.time.Instant;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An SMS to or from a customer, as {@code messages/search} lists them (customer support). The
 * field names are the simulator's (the documentation names the service, not the row's fields).
 */
public final class MpMessage {

    public final String id;
    public final String service;
    public String msisdn;
    public int operator;
    /** {@code MO} (customer to Payguru) or {@code MT} (Payguru to customer). */
    public String direction;
    public String shortCode;
    public String text;
    public String transactionId;
    public String subscriptionId;
    public Instant messageDate;

    public MpMessage(String id, String service) {
        this.id = id;
        this.service = service;
    }

    public ObjectNode toJson(boolean textDates) {
        ObjectNode o = SimJson.object();
        o.put("id", Long.parseLong(id));
        o.put("service", Long.parseLong(service));
        o.put("msisdn", msisdn);
        o.put("operator", operator);
        o.put("direction", direction);
        o.put("shortCode", shortCode);
        o.put("text", text);
        SimJson.putId(o, "transactionId", transactionId);
        SimJson.putId(o, "subscriptionId", subscriptionId);
        SimDates.put(o, "messageDate", messageDate, textDates);
        return o;
    }
}
