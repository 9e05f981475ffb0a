package io.github.payguru.merchant.http;

import io.github.payguru.merchant.core.BadRequestException;

import java.io.ByteArrayOutputStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Strict {@code application/x-www-form-urlencoded} decoding (query strings and form bodies):
 * a bad percent escape or bytes that are not UTF-8 are a 400, never a silent replacement.
 * Repeated names with different values are refused by {@link HttpRequest}.
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
        if (s.indexOf('%') < 0 && s.indexOf('+') < 0) {
            return s;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '+') {
                bytes.write(' ');
            } else if (c == '%') {
                if (i + 2 >= s.length()) {
                    throw new BadRequestException("bad percent escape in parameters");
                }
                int hi = Character.digit(s.charAt(i + 1), 16);
                int lo = Character.digit(s.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw new BadRequestException("bad percent escape in parameters");
                }
                bytes.write((hi << 4) | lo);
                i += 2;
            } else if (c < 0x80) {
                bytes.write(c);
            } else {
                byte[] raw = String.valueOf(c).getBytes(java.nio.charset.StandardCharsets.UTF_8);
                bytes.write(raw, 0, raw.length);
            }
        }
        return HttpRequest.utf8(bytes.toByteArray());
    }
}
