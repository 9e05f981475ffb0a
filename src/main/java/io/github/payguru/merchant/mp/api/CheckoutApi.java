package io.github.payguru.merchant.mp.api;

import java.util.Map;

import io.github.payguru.merchant.payguru.PayguruHttp;

/** Payguru MP payment page (documented base {@code https://cp.payguru.com}): {@code POST /token}, form fields. */
public final class CheckoutApi {

    private final PayguruHttp http;
    private final String base;

    public CheckoutApi(PayguruHttp http, String base) {
        this.http = http;
        this.base = base;
    }

    /** {@code form}: the fields in their order. */
    public PayguruHttp.Answer token(Map<String, String> form) {
        return http.post(base, "token", Map.of(), PayguruHttp.FORM, PayguruHttp.query(form));
    }
}
