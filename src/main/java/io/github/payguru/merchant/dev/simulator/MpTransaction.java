package io.github.payguru.merchant.dev.simulator;

import java.math.BigDecimal;
import java.time.Instant;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A simulated MP (carrier billing) transaction. Status codes as src/site/markdown/payguru-api.md §1.1
 * (1 waiting, 3 paid, 4 operator error, 5 expired, 6 refunded, 7 refund in progress, 9 not confirmed, …).
 * Mutated only under the simulator's lock.
 */
public final class MpTransaction {

    public final String id;
    public final String merchantId;
    public final String service;
    public int status;
    public String msisdn;
    public int operator;
    /** Amount as the merchant sent the price (wire string). */
    public String amount;
    public String item;
    public String referenceCode;
    public String subscriptionId;
    public String error;
    public String errorDetail;
    public String billingType;
    public Instant transactionDate;
    public Instant modifiedDate;

    public MpTransaction(String id, String merchantId, String service) {
        this.id = id;
        this.merchantId = merchantId;
        this.service = service;
    }

    /** The object of {@code transaction/detail} (under the key {@code subscription}, as documented). */
    public ObjectNode toJson(boolean textDates) {
        ObjectNode o = JsonNodeFactory.withExactBigDecimals(true).objectNode();
        o.put("id", Long.parseLong(id));
        o.put("service", Long.parseLong(service));
        o.put("status", status);
        o.put("msisdn", msisdn);
        o.put("operator", operator);
        o.put("amount", new BigDecimal(amount));
        o.put("item", item);
        o.put("error", error);
        o.put("errorDetail", errorDetail);
        SimDates.put(o, "transactionDate", transactionDate, textDates);
        SimDates.put(o, "modifiedDate", modifiedDate, textDates);
        o.put("referenceCode", referenceCode);
        if (subscriptionId == null) {
            o.putNull("subscriptionId");
        } else {
            o.put("subscriptionId", Long.parseLong(subscriptionId));
        }
        o.put("billingType", billingType);
        return o;
    }
}
