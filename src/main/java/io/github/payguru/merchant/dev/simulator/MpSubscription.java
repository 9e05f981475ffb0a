package io.github.payguru.merchant.dev.simulator;

import java.math.BigDecimal;
import java.time.Instant;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A simulated MP subscription cycle (one {@code subsId} per cycle). Statuses as src/site/markdown/payguru-api.md §1.2:
 * {@code unknown, active, retry, cancelled, suspend, rejected}. Mutated only under the simulator's lock.
 */
public final class MpSubscription {

    public final String id;
    public final String merchantId;
    public final String service;
    public String status;
    public String msisdn;
    public int operator;
    public String subscriptionFee;
    public String period;
    public String referenceCode;
    public boolean hasTrialPeriod;
    public int trialPeriodDay;
    public Instant subscriptionDate;
    public Instant renewalDate;
    public Instant cancellationDate;
    public String cancellationSource;
    public String lastTransaction;
    public String lastSuccessfulTransaction;
    public Instant modifiedDate;

    public MpSubscription(String id, String merchantId, String service) {
        this.id = id;
        this.merchantId = merchantId;
        this.service = service;
    }

    /** The object of {@code subscription/detail}. */
    public ObjectNode toJson(boolean textDates) {
        ObjectNode o = JsonNodeFactory.withExactBigDecimals(true).objectNode();
        o.put("id", Long.parseLong(id));
        o.put("service", Long.parseLong(service));
        o.put("status", status);
        o.put("msisdn", msisdn);
        o.put("operator", operator);
        o.put("subscriptionFee", new BigDecimal(subscriptionFee));
        o.put("period", period);
        SimDates.put(o, "subscriptionDate", subscriptionDate, textDates);
        SimDates.put(o, "renewalDate", renewalDate, textDates);
        SimDates.put(o, "cancellationDate", cancellationDate, textDates);
        o.put("cancellationSource", cancellationSource);
        o.put("referenceCode", referenceCode);
        o.put("hasTrialPeriod", hasTrialPeriod);
        o.put("trialPeriodDay", trialPeriodDay);
        putId(o, "lastTransaction", lastTransaction);
        putId(o, "lastSuccessfulTransaction", lastSuccessfulTransaction);
        SimDates.put(o, "modifiedDate", modifiedDate, textDates);
        return o;
    }

    private static void putId(ObjectNode o, String field, String id) {
        if (id == null) {
            o.putNull(field);
        } else {
            o.put(field, Long.parseLong(id));
        }
    }
}
