package io.github.payguru.merchant.payguru;

import java.util.List;
import java.util.Objects;

import io.github.payguru.merchant.kernel.Masking;

/**
 * MP credential service {@code securekey} (payguru-api.md §1.3): {@code md5(subsId + secretKey)}.
 *
 * @param secretKey the MP service's secret key
 */
public record MpSecureKeyInput(String subsId, String secretKey) implements KeyInput {

    public MpSecureKeyInput {
        Objects.requireNonNull(subsId, "subsId");
        Objects.requireNonNull(secretKey, "secretKey");
    }

    @Override
    public List<String> parts() {
        return List.of(subsId, secretKey);
    }

    @Override
    public String toString() {
        return "MpSecureKeyInput[subsId=" + subsId + ", secretKey=" + Masking.secret(secretKey) + "]";
    }
}
