package io.github.payguru.merchant.phs.api;

import java.util.LinkedHashMap;
import java.util.Map;

import io.github.payguru.merchant.payguru.PayguruHttp;

/**
 * Payguru PHS API (documented base {@code https://api.payguru.com/phs}, sandbox
 * {@code https://sandbox.payguru.com/phs}). Every call but getToken carries the headers
 * {@code merchant} and {@code token}. Reads are GET with query parameters as in Payguru's samples;
 * the two calls that carry personal data (create, test) are POST forms so nothing personal lands in URLs.
 */
public final class PhsApi {

    private final PayguruHttp http;
    private final String base;

    public PhsApi(PayguruHttp http, String base) {
        this.http = http;
        this.base = base;
    }

    public PayguruHttp.Answer getToken(String merchant, String key) {
        return http.get(base, withQuery("getToken", fields("merchant", merchant, "key", key)), Map.of());
    }

    public PayguruHttp.Answer paymentNotificationGet(String merchant, String token, String id) {
        return get("paymentNotification/get", merchant, token, fields("id", id));
    }

    /** {@code form}: the fields in their order. */
    public PayguruHttp.Answer paymentNotificationCreate(String merchant, String token, Map<String, String> form) {
        return post("paymentNotification/create", merchant, token, form);
    }

    public PayguruHttp.Answer transactionGet(String merchant, String token, String id) {
        return get("transaction/get", merchant, token, fields("id", id));
    }

    public PayguruHttp.Answer refundGet(String merchant, String token, String id) {
        return get("refund/get", merchant, token, fields("id", id));
    }

    public PayguruHttp.Answer orderToReferenceCheck(String merchant, String token, String code, String order) {
        return get("orderToReference/check", merchant, token, fields("code", code, "order", order));
    }

    /** {@code form}: the fields in their order. */
    public PayguruHttp.Answer transactionTest(String merchant, String token, Map<String, String> form) {
        return post("transaction/test", merchant, token, form);
    }

    private PayguruHttp.Answer get(String path, String merchant, String token, Map<String, String> query) {
        return http.get(base, withQuery(path, query), headers(merchant, token));
    }

    /** {@code path?query}, or {@code path} alone when no field has a value. */
    private static String withQuery(String path, Map<String, String> query) {
        String q = PayguruHttp.query(query);
        return q.isEmpty() ? path : path + "?" + q;
    }

    private PayguruHttp.Answer post(String path, String merchant, String token, Map<String, String> form) {
        return http.post(base, path, headers(merchant, token), PayguruHttp.FORM, PayguruHttp.query(form));
    }

    private static Map<String, String> headers(String merchant, String token) {
        return fields("merchant", merchant, "token", token);
    }

    /** Name, value, name, value…; null values kept out later (a missing query parameter is not sent). */
    private static Map<String, String> fields(String... nameValue) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < nameValue.length; i += 2) {
            out.put(nameValue[i], nameValue[i + 1]);
        }
        return out;
    }
}
