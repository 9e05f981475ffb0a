package io.github.payguru.merchant.dev.simulator;

import java.time.Instant;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What a simulated MP transaction and subscription cycle have in common: their ids, the customer's
 * line and the merchant's reference. Mutated only under the simulator's lock.
 */
public abstract sealed class MpObject permits MpTransaction, MpSubscription {

    public final String id;
    public final String merchantId;
    public final String service;
    public String msisdn;
    public int operator;
    public String referenceCode;
    public Instant modifiedDate;

    MpObject(String id, String merchantId, String service) {
        this.id = id;
        this.merchantId = merchantId;
        this.service = service;
    }

    /** The object's JSON as the MP API writes it, starting with {@code id} and {@code service}. */
    public abstract ObjectNode toJson(boolean textDates);

    ObjectNode jsonWithIds() {
        ObjectNode o = SimJson.object();
        o.put("id", Long.parseLong(id));
        o.put("service", Long.parseLong(service));
        return o;
    }
}
