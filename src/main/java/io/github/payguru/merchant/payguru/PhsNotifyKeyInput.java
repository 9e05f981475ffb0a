package io.github.payguru.merchant.payguru;

import java.util.List;
import java.util.Objects;

import io.github.payguru.merchant.kernel.Masking;

/**
 * PHS notify key (payguru-api.md §1.5): {@code md5(serviceCode + merchantId + txid + code + order + amount +
 * merchantPrivateKey + servicePrivateKey)}.
 *
 * @param amount the amount exactly as sent, never re-formatted
 */
public record PhsNotifyKeyInput(String merchantId, String merchantPrivateKey, String serviceCode,
        String servicePrivateKey, String txid, String code, String order, String amount) implements KeyInput {

    public PhsNotifyKeyInput {
        Objects.requireNonNull(merchantId, "merchantId");
        Objects.requireNonNull(merchantPrivateKey, "merchantPrivateKey");
        Objects.requireNonNull(serviceCode, "serviceCode");
        Objects.requireNonNull(servicePrivateKey, "servicePrivateKey");
        Objects.requireNonNull(txid, "txid");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(order, "order");
        Objects.requireNonNull(amount, "amount");
    }

    @Override
    public List<String> parts() {
        return List.of(serviceCode, merchantId, txid, code, order, amount, merchantPrivateKey, servicePrivateKey);
    }

    @Override
    public String toString() {
        return "PhsNotifyKeyInput[merchantId=" + merchantId
                + ", merchantPrivateKey=" + Masking.secret(merchantPrivateKey)
                + ", serviceCode=" + serviceCode + ", servicePrivateKey=" + Masking.secret(servicePrivateKey)
                + ", txid=" + txid + ", code=" + code + ", order=" + order + ", amount=" + amount + "]";
    }
}
