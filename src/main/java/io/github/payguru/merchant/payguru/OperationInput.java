package io.github.payguru.merchant.payguru;

import java.net.URI;
import java.util.regex.Pattern;

import io.github.payguru.merchant.kernel.Amount;
import io.github.payguru.merchant.kernel.BadRequestException;
import io.github.payguru.merchant.kernel.Identifiers;
import io.github.payguru.merchant.kernel.Validation;

/** Checks of operation inputs shared by the MP and PHS operations; each failure names the field (400). */
public final class OperationInput {

    /** Free text sent on to Payguru (item names, descriptions, customer names): printable, bounded. */
    private static final Pattern TEXT = Pattern.compile("[^\\p{Cntrl}]{1,255}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,190}");
    private static final Pattern PHONE = Pattern.compile("\\+?\\d{10,15}");
    private static final Pattern IP = Pattern.compile("[0-9a-fA-F.:]{3,45}");
    private static final Pattern IBAN = Pattern.compile("[A-Z]{2}\\d{2}[A-Z0-9 ]{10,32}");
    private static final Pattern TCKN = Pattern.compile("[1-9]\\d{10}");
    private static final Pattern SMALL_INT = Pattern.compile("\\d{1,4}");

    private OperationInput() {
    }

    public static String required(OperationRequest req, String field, Pattern format) {
        return Validation.check(field, req.required(field), format);
    }

    /** An optional field: null when absent or blank, otherwise checked. */
    public static String optional(OperationRequest req, String field, Pattern format) {
        String v = req.text(field);
        return v == null || v.isBlank() ? null : Validation.check(field, v, format);
    }

    /** A Payguru identifier ({@link Identifiers}): a JSON number or string in canonical form, 400 otherwise. */
    public static String identifier(OperationRequest req, String field) {
        return Identifiers.parse(field, req.text(field));
    }

    public static String text(OperationRequest req, String field, boolean required) {
        return required ? required(req, field, TEXT) : optional(req, field, TEXT);
    }

    public static String email(OperationRequest req, String field) {
        return optional(req, field, EMAIL);
    }

    public static String phone(OperationRequest req, String field) {
        return optional(req, field, PHONE);
    }

    public static String ip(OperationRequest req, String field) {
        return optional(req, field, IP);
    }

    public static String iban(OperationRequest req, String field) {
        return optional(req, field, IBAN);
    }

    public static String tckn(OperationRequest req, String field) {
        String v = req.text(field);
        if (v == null || v.isBlank()) {
            return null;
        }
        if (!TCKN.matcher(v).matches()) {
            throw new BadRequestException("malformed field: " + field + " (11 digits)");
        }
        return v;
    }

    public static String smallInt(OperationRequest req, String field) {
        return optional(req, field, SMALL_INT);
    }

    /** A positive amount with a dot as separator, as it will be sent (a negative or malformed amount is 400). */
    public static Amount amount(OperationRequest req, String field) {
        Amount a = Validation.amount(field, req.required(field));
        if (a.value().signum() <= 0) {
            throw new BadRequestException("malformed field: " + field + " (must be greater than zero)");
        }
        return a;
    }

    /** An absolute http(s) URL. */
    public static String url(OperationRequest req, String field, boolean required) {
        String v = req.text(field);
        if (v == null || v.isBlank()) {
            if (required) {
                throw new BadRequestException("missing field: " + field);
            }
            return null;
        }
        try {
            URI u = new URI(v);
            if (u.getHost() == null || !("https".equals(u.getScheme()) || "http".equals(u.getScheme())) || v.length() > 2048) {
                throw new BadRequestException("malformed field: " + field + " (an absolute http(s) URL)");
            }
        } catch (java.net.URISyntaxException e) {
            throw new BadRequestException("malformed field: " + field + " (an absolute http(s) URL)");
        }
        return v;
    }

    /** A boolean given as JSON true/false (or "true"/"false"). */
    public static Boolean bool(OperationRequest req, String field) {
        String v = req.text(field);
        if (v == null) {
            return null;
        }
        if ("true".equals(v) || "false".equals(v)) {
            return Boolean.valueOf(v);
        }
        throw new BadRequestException("malformed field: " + field + " (true or false)");
    }
}
