package io.github.payguru.merchant.dev.simulator;

import java.math.BigDecimal;
import java.time.Instant;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A simulated MP subscription cycle (one {@code subsId} per cycle). Statuses as src/site/markdown/payguru-api.md §1.2:
 * {@code unknown, active, retry, cancelled, suspend, rejected}. Mutated only under the simulator's lock.
 */
public final class MpSubscription extends MpObject {

    public String status;
    public String subscriptionFee;
    public String period;
    public boolean hasTrialPeriod;
    public int trialPeriodDay;
    public Instant subscriptionDate;
    public Instant renewalDate;
    public Instant cancellationDate;
    public String cancellationSource;
    public String lastTransaction;
    public String lastSuccessfulTransaction;

    public MpSubscription(String id, String merchantId, String service) {
        super(id, merchantId, service);
    }

    /** The object of {@code subscription/detail}. */
    @Override
    public ObjectNode toJson(boolean textDates) {
        ObjectNode o = jsonWithIds();
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
        SimJson.putId(o, "lastTransaction", lastTransaction);
        SimJson.putId(o, "lastSuccessfulTransaction", lastSuccessfulTransaction);
        SimDates.put(o, "modifiedDate", modifiedDate, textDates);
        return o;
    }
}
