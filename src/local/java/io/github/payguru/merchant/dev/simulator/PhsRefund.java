package io.github.payguru.merchant.dev.simulator;

import java.time.Instant;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A PHS refund (how refunds are created is not documented: the simulator only seeds them).
 * Status: -1 notify error, 1 waiting for transfer, 2 processing in bank, 3 success, 4 error, 6 cancelled.
 */
public final class PhsRefund {

    public final String id;
    public final String merchantId;
    public final String serviceCode;
    public final String transactionId;
    public final String amount;
    public final PhsBank bank;
    public int status;
    public String refundContact;
    public String refundIban;
    public Instant createTime;
    public Instant updateTime;
    public Instant refundTime;

    public PhsRefund(String id, String merchantId, String serviceCode, String transactionId, String amount,
            PhsBank bank) {
        this.id = id;
        this.merchantId = merchantId;
        this.serviceCode = serviceCode;
        this.transactionId = transactionId;
        this.amount = amount;
        this.bank = bank;
    }

    /** The {@code data} object of {@code refund/get}. */
    public ObjectNode toJson() {
        ObjectNode o = SimJson.object();
        o.put("id", Long.parseLong(id));
        o.put("merchant", Long.parseLong(merchantId));
        o.put("service", serviceCode);
        o.put("transaction_id", Long.parseLong(transactionId));
        o.put("status", status);
        o.put("create_time", SimDates.text(createTime));
        o.put("update_time", SimDates.text(updateTime));
        o.put("refund_time", SimDates.text(refundTime));
        o.put("amount", amount);
        o.put("refund_contact", refundContact);
        o.put("refund_iban", refundIban);
        SimJson.putBank(o, bank);
        return o;
    }
}
