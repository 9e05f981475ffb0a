package io.github.payguru.merchant.dev.simulator;

import java.time.Instant;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A PHS payment notification (non-automatic order matching), created by
 * {@code paymentNotification/create}. Status: -1 inactive, 0 waiting for submit, 1 processing, 10 approved.
 */
public final class PhsPaymentNotification extends PhsPayment {

    public final long id;
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
        super(merchantId, serviceCode, serviceName, bank, code, order, amount);
        this.id = id;
    }

    /** The {@code paymentNotification} object of {@code paymentNotification/get} (as doc 04's sample). */
    public ObjectNode toJson(long serviceId) {
        ObjectNode o = SimJson.object();
        o.put("id", id);
        o.put("code", code);
        SimJson.putBank(o, bank);
        o.put("merchant", Long.parseLong(merchantId));
        o.put("merchant_name", "Simulated merchant " + merchantId);
        o.put("service_id", serviceId);
        o.put("service_name", serviceName);
        o.put("service_code", serviceCode);
        SimJson.putId(o, "transaction_id", transactionId);
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
