package io.github.payguru.merchant.payguru;

import java.util.List;
import java.util.Objects;

import io.github.payguru.merchant.kernel.Masking;

/**
 * The TCKN the TCKN verify answer carries (payguru-api.md §1.6): {@code md5(TCKN + servicePrivateKey)}. The raw
 * TCKN is never stored, only this hash.
 */
public record TcknHashInput(String tckn, String servicePrivateKey) implements KeyInput {

    public TcknHashInput {
        Objects.requireNonNull(tckn, "tckn");
        Objects.requireNonNull(servicePrivateKey, "servicePrivateKey");
    }

    @Override
    public List<String> parts() {
        return List.of(tckn, servicePrivateKey);
    }

    @Override
    public String toString() {
        return "TcknHashInput[tckn=" + Masking.tckn(tckn) + ", servicePrivateKey=" + Masking.secret(servicePrivateKey)
                + "]";
    }
}
