package io.github.payguru.merchant.dev.simulator;

import java.time.Instant;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A PHS payment notification (non-automatic order matching), created by
 * {@code paymentNotification/create}. Status: -1 inactive, 0 waiting for submit, 1 processing, 10 approved.
 */
public final class PhsPaymentNotification {

    public final long id;
    public final String code;
    public final String merchantId;
    public final String serviceCode;
    public final String serviceName;
    public final PhsBank bank;
    public final String order;
    /** Amount exactly as the merchant sent it (hashed as such in the notify key). */
    public final String amount;
    public String tcNo;
    public String name;
    public String email;
    public String phone;
    public String description;
    public String userIp;
    public String applyTime;
    public Instant createTime;
    public int status;
    public String transactionId;

    public PhsPaymentNotification(long id, String code, String merchantId, String serviceCode, String serviceName,
            PhsBank bank, String order, String amount) {
        this.id = id;
        this.code = code;
        this.merchantId = merchantId;
        this.serviceCode = serviceCode;
        this.serviceName = serviceName;
        this.bank = bank;
        this.order = order;
        this.amount = amount;
    }

    /** The {@code paymentNotification} object of {@code paymentNotification/get} (as doc 04's sample). */
    public ObjectNode toJson(long serviceId) {
        ObjectNode o = JsonNodeFactory.withExactBigDecimals(true).objectNode();
        o.put("id", id);
        o.put("code", code);
        o.put("bank_id", bank.id());
        o.put("bank_code", bank.code());
        o.put("bank_name", bank.name());
        o.put("merchant", Long.parseLong(merchantId));
        o.put("merchant_name", "Simulated merchant " + merchantId);
        o.put("service_id", serviceId);
        o.put("service_name", serviceName);
        o.put("service_code", serviceCode);
        if (transactionId == null) {
            o.putNull("transaction_id");
        } else {
            o.put("transaction_id", Long.parseLong(transactionId));
        }
        o.put("order_refno", order);
        o.put("tc_no", tcNo);
        o.put("name", name);
        o.put("email", email);
        o.put("phone", phone);
        o.put("amount", amount);
        o.put("user_ip", userIp);
        o.put("create_time", SimDates.text(createTime));
        o.put("apply_time", applyTime);
        o.put("description", description);
        o.put("status", status);
        return o;
    }
}
