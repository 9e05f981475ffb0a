package io.github.payguru.merchant.dev.simulator;

import java.time.Instant;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A PHS bank-transfer transaction. Status: 1 processing, 2 could not notify, 3 success,
 * 5 waiting approval from merchant, 6 refund, 8 partial payment.
 */
public final class PhsTransaction {

    public final String id;
    public final String merchantId;
    public final String serviceCode;
    public final String serviceName;
    public final PhsBank bank;
    /** Payguru's order code (the payment notification code or order reference). */
    public final String code;
    public final String order;
    public final String amount;
    public String userName;
    public String remoteBank;
    public String remoteDescription;
    public String transactionType = "SALES";
    public Instant transactionDate;
    public Instant createTime;
    public int status;

    public PhsTransaction(String id, String merchantId, String serviceCode, String serviceName, PhsBank bank,
            String code, String order, String amount) {
        this.id = id;
        this.merchantId = merchantId;
        this.serviceCode = serviceCode;
        this.serviceName = serviceName;
        this.bank = bank;
        this.code = code;
        this.order = order;
        this.amount = amount;
    }

    /** The {@code transaction} object of {@code transaction/get}. */
    public ObjectNode toJson(long serviceId) {
        ObjectNode o = JsonNodeFactory.withExactBigDecimals(true).objectNode();
        o.put("id", Long.parseLong(id));
        o.put("merchant", Long.parseLong(merchantId));
        o.put("bank_id", bank.id());
        o.put("bank_code", bank.code());
        o.put("bank_name", bank.name());
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
