package io.github.payguru.merchant.lambda;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.payguru.merchant.kernel.BadRequestException;
import io.github.payguru.merchant.kernel.HttpRequest;
import io.github.payguru.merchant.payguru.OperationRequest;

/**
 * Reads an API Gateway v2 (payload 2.0) event: a callback's parameters from the query string, a form body,
 * a JSON body or a base64 body, or an operation's JSON body. Values are kept exactly as sent (a JSON
 * {@code 2.00} stays {@code "2.00"}: keys hash the wire string); what cannot be read is a
 * {@link BadRequestException} (400/413/414/415).
 */
public final class EventReader {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private EventReader() {
    }

    /** Parses the event; throws {@link BadRequestException} (400/413/415) for what cannot be read. */
    public static HttpRequest callback(APIGatewayV2HTTPEvent event, int maxBodyBytes) {
        if (event == null) {
            throw new BadRequestException("empty event");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        if (event.getHeaders() != null) {
            event.getHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v));
        }
        String method = "GET";
        String sourceIp = null;
        String path = event.getRawPath();
        if (event.getRequestContext() != null && event.getRequestContext().getHttp() != null) {
            var http = event.getRequestContext().getHttp();
            if (http.getMethod() != null) {
                method = http.getMethod().toUpperCase(Locale.ROOT);
            }
            sourceIp = http.getSourceIp();
            if (path == null) {
                path = http.getPath();
            }
        }
        Map<String, String> params = new LinkedHashMap<>();
        String rawQuery = event.getRawQueryString();
        if (rawQuery != null && !rawQuery.isEmpty()) {
            if (rawQuery.length() > maxBodyBytes) {
                throw new BadRequestException(414, "query string too long");
            }
            putAll(params, FormDecoder.decode(rawQuery), "query");
        } else if (event.getQueryStringParameters() != null) {
            putAll(params, event.getQueryStringParameters(), "query");
        }
        String body = event.getBody();
        if (body != null && !body.isEmpty()) {
            byte[] bytes = event.getIsBase64Encoded() ? decodeBase64(body) : body.getBytes(StandardCharsets.UTF_8);
            if (bytes.length > maxBodyBytes) {
                throw new BadRequestException(413, "body larger than " + maxBodyBytes + " bytes");
            }
            String text = utf8(bytes);
            String contentType = headers.getOrDefault("content-type", "").toLowerCase(Locale.ROOT);
            if (contentType.startsWith("application/json") || (contentType.isEmpty() && text.stripLeading().startsWith("{"))) {
                putAll(params, json(text), "body");
            } else if (contentType.isEmpty() || contentType.startsWith("application/x-www-form-urlencoded")) {
                putAll(params, FormDecoder.decode(text), "body");
            } else if (!text.isBlank()) {
                throw new BadRequestException(415, "unsupported content type: " + contentType);
            }
        }
        return new HttpRequest(method, path, Collections.unmodifiableMap(params), Collections.unmodifiableMap(headers),
                sourceIp);
    }

    public static OperationRequest operation(APIGatewayV2HTTPEvent event, int maxBodyBytes) {
        if (event == null) {
            throw new BadRequestException("empty event");
        }
        String body = event.getBody();
        if (body == null || body.isBlank()) {
            return new OperationRequest(OperationRequest.object());
        }
        byte[] bytes;
        try {
            bytes = event.getIsBase64Encoded() ? Base64.getDecoder().decode(body) : body.getBytes(StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("body is not valid base64");
        }
        if (bytes.length > maxBodyBytes) {
            throw new BadRequestException(413, "body larger than " + maxBodyBytes + " bytes");
        }
        JsonNode root;
        try {
            root = JSON.readTree(utf8(bytes));
        } catch (JsonProcessingException e) {
            throw new BadRequestException("malformed JSON body");
        }
        if (root == null || !root.isObject()) {
            throw new BadRequestException("JSON body must be an object");
        }
        return new OperationRequest((ObjectNode) root);
    }

    private static void putAll(Map<String, String> target, Map<String, String> source, String where) {
        source.forEach((k, v) -> {
            String before = target.putIfAbsent(k, v);
            if (before != null && !before.equals(v)) {
                throw new BadRequestException("field " + k + " given twice with different values (" + where + ")");
            }
        });
    }

    private static byte[] decodeBase64(String body) {
        try {
            return Base64.getDecoder().decode(body);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("body is not valid base64");
        }
    }

    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new BadRequestException("body is not valid UTF-8");
        }
    }

    private static Map<String, String> json(String text) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new BadRequestException("malformed JSON body");
        }
        if (root == null || !root.isObject()) {
            throw new BadRequestException("JSON body must be an object");
        }
        Map<String, String> out = new LinkedHashMap<>();
        flatten("", root, out);
        return out;
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> out) {
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            String name = prefix.isEmpty() ? f.getKey() : prefix + "[" + f.getKey() + "]";
            JsonNode v = f.getValue();
            if (v.isObject()) {
                if (!prefix.isEmpty()) {
                    throw new BadRequestException("JSON body nested too deep at " + name);
                }
                flatten(name, v, out);
            } else if (v.isArray()) {
                throw new BadRequestException("JSON arrays are not accepted: " + name);
            } else if (!v.isNull()) {
                out.put(name, v.isBigDecimal() ? v.decimalValue().toPlainString() : v.asText());
            }
        }
    }
}
