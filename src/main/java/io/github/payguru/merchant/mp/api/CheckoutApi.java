package io.github.payguru.merchant.mp.api;

import java.util.Map;

import io.github.payguru.merchant.payguru.PayguruClients;

/** Payguru MP payment page (documented base {@code https://cp.payguru.com}): {@code POST /token}, form fields. */
public final class CheckoutApi {

    private final PayguruClients.Target target;

    public CheckoutApi(PayguruClients.Target target) {
        this.target = target;
    }

    public PayguruClients.Answer token(Map<String, String> form) {
        return target.postForm("token", form, Map.of());
    }
}
