package io.github.payguru.merchant.dev.simulator;

import java.math.BigDecimal;
import java.time.Instant;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A simulated MP (carrier billing) transaction. Status codes as src/site/markdown/payguru-api.md §1.1
 * (1 waiting, 3 paid, 4 operator error, 5 expired, 6 refunded, 7 refund in progress, 9 not confirmed, …).
 * Mutated only under the simulator's lock.
 */
public final class MpTransaction extends MpObject {

    public int status;
    /** Amount as the merchant sent the price (wire string). */
    public String amount;
    public String item;
    public String subscriptionId;
    public String error;
    public String errorDetail;
    public String billingType;
    public Instant transactionDate;

    public MpTransaction(String id, String merchantId, String service) {
        super(id, merchantId, service);
    }

    /** The operator refused the charge (status 4): the error Payguru reports for a customer over their limit. */
    void chargeRefused() {
        status = 4;
        error = "Yetersiz limit";
        errorDetail = "17|Limit error:" + billingType;
    }

    /** The object of {@code transaction/detail} (under the key {@code subscription}, as documented). */
    @Override
    public ObjectNode toJson(boolean textDates) {
        ObjectNode o = jsonWithIds();
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
        SimJson.putId(o, "subscriptionId", subscriptionId);
        o.put("billingType", billingType);
        return o;
    }
}
