package io.github.payguru.merchant.mp;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import io.github.payguru.merchant.kernel.Amount;
import io.github.payguru.merchant.kernel.BadRequestException;
import io.github.payguru.merchant.kernel.Identifiers;
import io.github.payguru.merchant.kernel.Line;
import io.github.payguru.merchant.kernel.Validation;
import io.github.payguru.merchant.payguru.ServiceDirectory;

/**
 * Reading the parameters of an MP notification: the documented fields (validated, empty = absent,
 * since Payguru's URL templates send empty values for what does not apply) and the merchant's own
 * pass-through query string, kept verbatim but bounded. Every refusal is a 400 naming the field.
 */
final class MpParams {

    /** At most this many pass-through parameters… */
    static final int MAX_PASS_THROUGH = 50;
    /** …each value at most this long (names at most 64). */
    static final int MAX_VALUE = 512;

    /** MSISDN as Payguru sends it: masked or encrypted, so letters, digits, {@code *} and base64 signs. */
    static final Pattern MSISDN = Pattern.compile("[\\p{Alnum}*+/=._:-]{1,128}");
    /** Short codes as sent (billing type, error code). */
    static final Pattern CODE = Pattern.compile("[\\p{L}\\p{N}._:/+-]{1,64}");
    /** Subscription statuses: documented ones and any future word. */
    static final Pattern WORD = Pattern.compile("[A-Za-z_-]{1,32}");
    /** Free text (item name, error description): no control characters, bounded. */
    static final Pattern TEXT = Pattern.compile("[^\\p{Cntrl}]{1," + MAX_VALUE + "}");

    private final Map<String, String> params;

    MpParams(Map<String, String> params) {
        this.params = params;
    }

    String required(String name) {
        String v = params.get(name);
        if (v == null || v.isBlank()) {
            throw new BadRequestException("missing field: " + name);
        }
        return v;
    }

    String required(String name, Pattern format) {
        return Validation.check(name, required(name), format);
    }

    /** The value, or null when absent or empty. */
    String optional(String name, Pattern format) {
        String v = params.get(name);
        if (v == null || v.isEmpty()) {
            return null;
        }
        return Validation.check(name, v, format);
    }

    /** An optional identifier ({@link Identifiers}): null when absent or empty, 400 when not canonical. */
    String identifier(String name) {
        String v = params.get(name);
        return v == null || v.isEmpty() ? null : Identifiers.parse(name, v);
    }

    String operator(Set<String> known) {
        String v = optional("operator", Validation.NUMERIC_ID);
        if (v != null && !known.contains(v)) {
            throw new BadRequestException("unknown operator: " + v);
        }
        return v;
    }

    /** A positive amount no larger than {@code max}; null when absent. */
    Amount amount(String max) {
        String v = params.get("amount");
        if (v == null || v.isEmpty()) {
            return null;
        }
        Amount a = Validation.amount("amount", v);
        if (a.value().signum() <= 0 || a.value().compareTo(new BigDecimal(max)) > 0) {
            throw new BadRequestException("malformed field: amount (must be above 0 and at most " + max + ")");
        }
        return a;
    }

    /** Everything not documented, verbatim; refuses more than 50 parameters or values over 512 characters. */
    Map<String, String> passThrough(Set<String> documented) {
        Map<String, String> out = new LinkedHashMap<>();
        params.forEach((k, v) -> {
            if (!documented.contains(k)) {
                if (k.length() > 64) {
                    throw new BadRequestException("pass-through parameter name longer than 64 characters");
                }
                if (v.length() > MAX_VALUE) {
                    throw new BadRequestException("pass-through parameter " + k + " longer than " + MAX_VALUE + " characters");
                }
                out.put(k, v);
            }
        });
        if (out.size() > MAX_PASS_THROUGH) {
            throw new BadRequestException("more than " + MAX_PASS_THROUGH + " pass-through parameters");
        }
        return out;
    }

    /** The MP service named by {@code service} (its MP id, or its local name). */
    static ServiceDirectory.NamedService service(ServiceDirectory services, String service) {
        return services.find(Line.MP, service).orElseThrow(() -> new BadRequestException("unknown service: " + service));
    }
}
