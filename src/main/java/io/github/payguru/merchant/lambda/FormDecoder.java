package io.github.payguru.merchant.lambda;

import java.util.LinkedHashMap;
import java.util.Map;

import io.github.payguru.merchant.kernel.BadRequestException;
import io.github.payguru.merchant.kernel.PercentDecoding;

/**
 * Strict {@code application/x-www-form-urlencoded} decoding (query strings and form bodies):
 * a bad percent escape or bytes that are not UTF-8 are a 400, never a silent replacement.
 * A name repeated with the same value is kept once; repeated with a different value it is a 400 here, and
 * {@link EventReader} refuses the same between the query string and the body.
 */
final class FormDecoder {

    private FormDecoder() {
    }

    static Map<String, String> decode(String encoded) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = unescape(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : unescape(pair.substring(eq + 1));
            if (name.isEmpty()) {
                continue;
            }
            String before = out.putIfAbsent(name, value);
            if (before != null && !before.equals(value)) {
                throw new BadRequestException("field " + name + " given twice with different values");
            }
        }
        return out;
    }

    private static String unescape(String s) {
        return PercentDecoding.strict(s);
    }
}
