package io.github.payguru.merchant.dev.simulator;

import java.time.Instant;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A PHS bank-transfer transaction. Status: 1 processing, 2 could not notify, 3 success,
 * 5 waiting approval from merchant, 6 refund, 8 partial payment.
 */
public final class PhsTransaction extends PhsPayment {

    public final String id;
    public String userName;
    public String remoteBank;
    public String remoteDescription;
    public String transactionType = "SALES";
    public Instant transactionDate;
    public Instant createTime;
    public int status;

    public PhsTransaction(String id, String merchantId, String serviceCode, String serviceName, PhsBank bank,
            String code, String order, String amount) {
        super(merchantId, serviceCode, serviceName, bank, code, order, amount);
        this.id = id;
    }

    /** The {@code transaction} object of {@code transaction/get}. */
    public ObjectNode toJson(long serviceId) {
        ObjectNode o = SimJson.object();
        o.put("id", Long.parseLong(id));
        o.put("merchant", Long.parseLong(merchantId));
        SimJson.putBank(o, bank);
        o.put("service_id", serviceId);
        o.put("service_code", serviceCode);
        o.put("service_name", serviceName);
        o.put("code", code);
        o.put("amount", amount);
        o.put("currency", "TRY");
        o.put("user_name", userName);
        o.put("order_refno", order);
        o.put("remote_bank", remoteBank);
        o.put("remote_description", remoteDescription);
        o.put("transaction_date", SimDates.text(transactionDate));
        o.put("transaction_type", transactionType);
        o.put("create_time", SimDates.text(createTime));
        o.put("status", status);
        return o;
    }
}
