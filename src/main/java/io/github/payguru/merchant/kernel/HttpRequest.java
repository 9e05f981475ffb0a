package io.github.payguru.merchant.kernel;

import java.util.Map;

/**
 * One inbound HTTP request (read from its Lambda event by the {@code lambda} package), with its
 * parameters from the query string and the body, values kept exactly as sent (a JSON {@code 2.00} stays {@code "2.00"}: keys hash the wire string).
 *
 * @param method upper-case HTTP method
 * @param path the request path
 * @param params query and body parameters, in arrival order
 * @param headers lower-case header names
 * @param sourceIp the client address API Gateway saw
 */
public record HttpRequest(String method, String path, Map<String, String> params, Map<String, String> headers,
        String sourceIp) {

    /** A parameter, or null when absent. */
    public String param(String name) {
        return params.get(name);
    }

    /** A parameter that must be present and not blank. */
    public String required(String name) {
        String v = params.get(name);
        if (v == null || v.isBlank()) {
            throw new BadRequestException("missing field: " + name);
        }
        return v;
    }
}
