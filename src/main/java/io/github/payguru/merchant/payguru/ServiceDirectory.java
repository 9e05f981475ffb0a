package io.github.payguru.merchant.payguru;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.github.payguru.merchant.kernel.BadRequestException;
import io.github.payguru.merchant.kernel.Line;

/**
 * The merchant's configured services, and the one way callbacks find which service signed a
 * request: by recomputing its key for every candidate and comparing in constant time.
 */
@ApplicationScoped
public class ServiceDirectory {

    /** Optional query parameter a merchant may add to a callback URL to name the service. */
    public static final String SELECTOR = "service";

    /**
     * A configured service with its local name.
     *
     * @param name the key under {@code payguru.services}
     * @param config its settings
     */
    public record NamedService(String name, PayguruConfig.Service config) {

        /** PHS service code, or MP service id: what Payguru calls the service. */
        public String payguruId() {
            return config.line() == Line.PHS ? config.code().orElse(name) : config.id().orElse(name);
        }

        /** The service's private key; a missing one is a deployment error, answered non-OK. */
        public String privateKey() {
            return config.privateKey().orElseThrow(
                    () -> new IllegalStateException("payguru.services." + name + ".private-key is not configured"));
        }
    }

    private final PayguruConfig config;

    @Inject
    public ServiceDirectory(PayguruConfig config) {
        this.config = config;
    }

    public String merchantId() {
        return config.merchantId();
    }

    /** The PHS merchant private key; a missing one is a deployment error, answered non-OK. */
    public String merchantPrivateKey() {
        return config.merchantPrivateKey()
                .orElseThrow(() -> new IllegalStateException("payguru.merchant-private-key is not configured"));
    }

    /** All services of a line, or the one named by {@code selector} (local name, code or id). */
    public List<NamedService> candidates(Line line, String selector) {
        List<NamedService> out = new ArrayList<>();
        config.services().forEach((name, s) -> {
            if (s.line() == line && (selector == null || selector.equals(name)
                    || selector.equals(s.code().orElse(null)) || selector.equals(s.id().orElse(null)))) {
                out.add(new NamedService(name, s));
            }
        });
        if (selector != null && out.isEmpty()) {
            throw new BadRequestException("unknown service: " + selector);
        }
        return out;
    }

    /** The service of {@code line} with this Payguru id (PHS code or MP id), or its local name. */
    public Optional<NamedService> find(Line line, String idOrName) {
        if (idOrName == null) {
            return Optional.empty();
        }
        List<NamedService> all = candidates(line, null);
        for (NamedService s : all) {
            if (idOrName.equals(s.payguruId()) || idOrName.equals(s.name())) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** The service of {@code line} an operation names in its {@code service} field; unknown or missing is a 400. */
    public NamedService serviceOf(Line line, OperationRequest req) {
        String s = req.required("service");
        return find(line, s).orElseThrow(() -> new BadRequestException("unknown service: " + s));
    }

    /**
     * The candidate whose expected key equals {@code receivedKey}. Every candidate is computed
     * and compared (constant time each), so the answer time does not tell which one came close.
     */
    public Optional<NamedService> signer(List<NamedService> candidates, Function<NamedService, String> expectedKey,
            String receivedKey) {
        NamedService match = null;
        for (NamedService s : candidates) {
            if (PayguruKeys.matches(expectedKey.apply(s), receivedKey) && match == null) {
                match = s;
            }
        }
        return Optional.ofNullable(match);
    }
}
