package io.github.payguru.merchant.kernel;

import java.util.regex.Pattern;

/** Field formats shared by callbacks and operations; each failure names the field. */
public final class Validation {

    /** Numeric codes looked up in configuration (MP service id, operator). Payguru's ids use {@link Identifiers}. */
    public static final Pattern NUMERIC_ID = Pattern.compile("\\d{1,20}");
    /** Status codes: small integers, negative ones included (MP -18, -5, -8). */
    public static final Pattern STATUS_CODE = Pattern.compile("-?\\d{1,4}");
    /** Order references, codes and bank names: printable, no control characters, bounded. */
    public static final Pattern REFERENCE = Pattern.compile("[\\p{L}\\p{N}._:/@+#=-]{1,128}");
    /** Dates as Payguru sends them: digits, separators, letters of ISO forms. */
    public static final Pattern DATE = Pattern.compile("[0-9A-Za-z :.+/-]{1,40}");
    /** Lowercase or uppercase hex digests. */
    public static final Pattern HEX_KEY = Pattern.compile("[0-9a-fA-F]{32}");

    private Validation() {
    }

    public static String check(String field, String value, Pattern format) {
        if (!format.matcher(value).matches()) {
            throw new BadRequestException("malformed field: " + field);
        }
        return value;
    }

    /** An amount above zero: what every status that can move money must carry. */
    public static Amount positiveAmount(String field, String value) {
        Amount a = amount(field, value);
        if (a.value().signum() <= 0) {
            throw new BadRequestException("malformed field: " + field + " (must be greater than zero)");
        }
        return a;
    }

    public static Amount amount(String field, String value) {
        try {
            return Amount.parse(value);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("malformed field: " + field + " (a positive decimal with a dot)");
        }
    }
}
