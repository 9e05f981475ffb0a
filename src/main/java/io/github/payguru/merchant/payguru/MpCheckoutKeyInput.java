package io.github.payguru.merchant.payguru;

import java.util.List;
import java.util.Objects;

import io.github.payguru.merchant.kernel.Masking;

/**
 * MP payment page key ({@code POST cp.payguru.com/token}, payguru-api.md §2.2):
 * {@code md5(merchantId + serviceId + referenceCode + item + price + successUrl + failureUrl + secretKey)}.
 *
 * @param secretKey the MP service's secret key
 * @param price the price exactly as sent
 */
public record MpCheckoutKeyInput(String merchantId, String serviceId, String secretKey, String referenceCode,
        String item, String price, String successUrl, String failureUrl) implements KeyInput {

    public MpCheckoutKeyInput {
        Objects.requireNonNull(merchantId, "merchantId");
        Objects.requireNonNull(serviceId, "serviceId");
        Objects.requireNonNull(secretKey, "secretKey");
        Objects.requireNonNull(referenceCode, "referenceCode");
        Objects.requireNonNull(item, "item");
        Objects.requireNonNull(price, "price");
        Objects.requireNonNull(successUrl, "successUrl");
        Objects.requireNonNull(failureUrl, "failureUrl");
    }

    @Override
    public List<String> parts() {
        return List.of(merchantId, serviceId, referenceCode, item, price, successUrl, failureUrl, secretKey);
    }

    @Override
    public String toString() {
        return "MpCheckoutKeyInput[merchantId=" + merchantId + ", serviceId=" + serviceId + ", secretKey="
                + Masking.secret(secretKey) + ", referenceCode=" + referenceCode + ", item=" + item + ", price=" + price
                + ", successUrl=" + successUrl + ", failureUrl=" + failureUrl + "]";
    }
}
