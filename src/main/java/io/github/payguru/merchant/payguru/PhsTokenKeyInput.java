package io.github.payguru.merchant.payguru;

import java.util.List;
import java.util.Objects;

import io.github.payguru.merchant.kernel.Masking;

/**
 * PHS {@code getToken} key (payguru-api.md §2.3): {@code md5(merchantId + serverIp + merchantKey)}.
 *
 * @param merchantKey the getToken merchant key (by default the merchant private key)
 * @param serverIp the server IP Payguru allow-listed
 */
public record PhsTokenKeyInput(String merchantId, String merchantKey, String serverIp) implements KeyInput {

    public PhsTokenKeyInput {
        Objects.requireNonNull(merchantId, "merchantId");
        Objects.requireNonNull(merchantKey, "merchantKey");
        Objects.requireNonNull(serverIp, "serverIp");
    }

    @Override
    public List<String> parts() {
        return List.of(merchantId, serverIp, merchantKey);
    }

    @Override
    public String toString() {
        return "PhsTokenKeyInput[merchantId=" + merchantId + ", merchantKey=" + Masking.secret(merchantKey)
                + ", serverIp=" + serverIp + "]";
    }
}
