package io.github.payguru.merchant.payguru;

import java.util.List;
import java.util.Objects;

import io.github.payguru.merchant.kernel.Masking;

/**
 * PHS TCKN verify key (payguru-api.md §1.6):
 * {@code md5(serviceCode + merchantId + order + merchantPrivateKey + servicePrivateKey)}.
 */
public record TcknVerifyKeyInput(String merchantId, String merchantPrivateKey, String serviceCode,
        String servicePrivateKey, String order) implements KeyInput {

    public TcknVerifyKeyInput {
        Objects.requireNonNull(merchantId, "merchantId");
        Objects.requireNonNull(merchantPrivateKey, "merchantPrivateKey");
        Objects.requireNonNull(serviceCode, "serviceCode");
        Objects.requireNonNull(servicePrivateKey, "servicePrivateKey");
        Objects.requireNonNull(order, "order");
    }

    @Override
    public List<String> parts() {
        return List.of(serviceCode, merchantId, order, merchantPrivateKey, servicePrivateKey);
    }

    @Override
    public String toString() {
        return "TcknVerifyKeyInput[merchantId=" + merchantId
                + ", merchantPrivateKey=" + Masking.secret(merchantPrivateKey)
                + ", serviceCode=" + serviceCode + ", servicePrivateKey=" + Masking.secret(servicePrivateKey)
                + ", order=" + order + "]";
    }
}
