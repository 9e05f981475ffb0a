package io.github.payguru.merchant.kernel;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@link Masking} plus the merchant's configured secrets: the MP callback token, the merchant private
 * key and every service's private key. Whatever its name, a value (or a parameter
 * name) that contains one of them is kept only as {@value #REDACTED}. Every callback goes through here
 * before anything received is logged or stored.
 */
public final class Privacy {

    public static final String REDACTED = "<redacted>";

    /** Secrets shorter than this are compared whole, longer ones are also found inside a value. */
    static final int MIN_INSIDE = 6;
    /**
     * Only secrets at least this long make a request refused: a (misconfigured) short key such as {@code 1234}
     * is still redacted wherever it appears, but must not turn an ordinary value into a refusal.
     */
    static final int MIN_REFUSE = 8;

    private final List<String> secrets;

    /** A policy over these secrets (the {@code lambda} package builds it from the configuration). */
    public Privacy(List<String> secrets) {
        this.secrets = secrets.stream().filter(v -> v != null && !v.isBlank())
                .map(v -> v.strip().toLowerCase(Locale.ROOT)).distinct().toList();
    }

    /** True when the value is, or contains, a configured secret (letter case and surrounding blanks ignored). */
    public boolean carriesSecret(String value) {
        return carries(value, 0);
    }

    private boolean carries(String value, int minSecretLength) {
        if (value == null || value.isBlank()) {
            return false;
        }
        String v = value.strip().toLowerCase(Locale.ROOT);
        for (String s : secrets) {
            if (s.length() >= minSecretLength && (v.equals(s) || (s.length() >= MIN_INSIDE && v.contains(s)))) {
                return true;
            }
        }
        return false;
    }

    /** One parameter, masked by name and shape, or {@value #REDACTED} when it carries a secret. */
    public String value(String name, String value) {
        if (value == null) {
            return null;
        }
        if (carriesSecret(value) || carriesSecret(PercentDecoding.lenient(value))) {
            return REDACTED;
        }
        return Masking.param(name, value);
    }

    /** Free text (a refusal message, an item name, a code to log): secrets redacted, personal data masked. */
    public String text(String value) {
        if (value == null) {
            return null;
        }
        return carriesSecret(value) ? REDACTED : Masking.text(value);
    }

    /** A masked, key-sorted copy of received parameters: what log lines and rejection records keep. */
    public Map<String, String> params(Map<String, String> params) {
        Map<String, String> out = new TreeMap<>();
        params.forEach((k, v) -> out.merge(name(k), value(k, v), (a, b) -> a));
        return out;
    }

    /** A parameter name fit to be kept. */
    public String name(String name) {
        return carriesSecret(name) || carriesSecret(PercentDecoding.lenient(name)) ? REDACTED + "-name"
                : Masking.name(name);
    }

    /**
     * Refuses (400) a request that an authentic sender made carry a configured secret anywhere but in
     * {@code carrier} (the MP token parameter; null = nowhere). Called only after authentication, so the
     * answer tells an outsider nothing about which values are secrets.
     */
    public void refuseSecrets(Map<String, String> params, String carrier) {
        params.forEach((k, v) -> {
            if (!k.equals(carrier) && (carries(v, MIN_REFUSE) || carries(k, MIN_REFUSE))) {
                throw new BadRequestException("a parameter carries a configured secret: " + name(k));
            }
        });
    }
}
