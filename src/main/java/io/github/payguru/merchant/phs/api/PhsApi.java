package io.github.payguru.merchant.phs.api;

import java.util.LinkedHashMap;
import java.util.Map;

import io.github.payguru.merchant.payguru.PayguruClients;
import io.github.payguru.merchant.payguru.PayguruClients.Answer;

/**
 * Payguru PHS API (documented base {@code https://api.payguru.com/phs}, sandbox
 * {@code https://sandbox.payguru.com/phs}). Every call but getToken carries the headers
 * {@code merchant} and {@code token}. Reads are GET with query parameters as in Payguru's samples;
 * the two calls that carry personal data (create, test) are POST forms so nothing personal lands in URLs.
 */
public final class PhsApi {

    private final PayguruClients.Target target;

    public PhsApi(PayguruClients.Target target) {
        this.target = target;
    }

    public Answer getToken(String merchant, String key) {
        return target.get("getToken", fields("merchant", merchant, "key", key), Map.of());
    }

    public Answer paymentNotificationGet(String merchant, String token, String id) {
        return target.get("paymentNotification/get", fields("id", id), auth(merchant, token));
    }

    public Answer paymentNotificationCreate(String merchant, String token, Map<String, String> form) {
        return target.postForm("paymentNotification/create", form, auth(merchant, token));
    }

    public Answer transactionGet(String merchant, String token, String id) {
        return target.get("transaction/get", fields("id", id), auth(merchant, token));
    }

    public Answer refundGet(String merchant, String token, String id) {
        return target.get("refund/get", fields("id", id), auth(merchant, token));
    }

    public Answer orderToReferenceCheck(String merchant, String token, String code, String order) {
        return target.get("orderToReference/check", fields("code", code, "order", order), auth(merchant, token));
    }

    public Answer transactionTest(String merchant, String token, Map<String, String> form) {
        return target.postForm("transaction/test", form, auth(merchant, token));
    }

    private static Map<String, String> auth(String merchant, String token) {
        return fields("merchant", merchant, "token", token);
    }

    /** Name, value, …; a null value is left out of the request (as a JAX-RS client leaves it out). */
    private static Map<String, String> fields(String... nameValue) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < nameValue.length; i += 2) {
            out.put(nameValue[i], nameValue[i + 1]);
        }
        return out;
    }
}
