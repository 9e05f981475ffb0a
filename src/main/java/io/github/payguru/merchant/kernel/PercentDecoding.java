package io.github.payguru.merchant.kernel;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * {@code application/x-www-form-urlencoded} decoding ({@code +} is a blank, {@code %XX} a byte, the
 * bytes UTF-8), written once for its two uses: {@link #strict} for what is read from a request (a bad
 * escape or bytes that are not UTF-8 are a 400) and {@link #lenient} for recognising a parameter name
 * (whatever cannot be decoded stays as it was).
 */
public final class PercentDecoding {

    private PercentDecoding() {
    }

    /** Decodes {@code s}; a bad percent escape or bytes that are not UTF-8 are a {@link BadRequestException}. */
    public static String strict(String s) {
        String decoded = decode(s, true);
        if (decoded == null) {
            throw new BadRequestException("body is not valid UTF-8");
        }
        return decoded;
    }

    /** Decodes what can be decoded: a bad escape stays literal, bytes that are not UTF-8 leave {@code s} as it was. */
    public static String lenient(String s) {
        String decoded = decode(s, false);
        return decoded == null ? s : decoded;
    }

    /** The decoded text, or null when the bytes are not UTF-8; a bad escape throws (strict) or stays literal. */
    private static String decode(String s, boolean strict) {
        if (s.indexOf('%') < 0 && s.indexOf('+') < 0) {
            return s;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            int hi = c == '%' && i + 2 < s.length() ? Character.digit(s.charAt(i + 1), 16) : -1;
            int lo = hi >= 0 ? Character.digit(s.charAt(i + 2), 16) : -1;
            if (c == '+') {
                bytes.write(' ');
            } else if (lo >= 0) {
                bytes.write(hi << 4 | lo);
                i += 2;
            } else if (c == '%' && strict) {
                throw new BadRequestException("bad percent escape in parameters");
            } else {
                int cp = s.codePointAt(i);
                byte[] raw = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
                bytes.write(raw, 0, raw.length);
                i += Character.charCount(cp) - 1;
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
