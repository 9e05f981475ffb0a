package io.github.payguru.merchant.support;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.atomic.AtomicLong;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;

import io.github.payguru.merchant.payguru.PayguruKeys;
import io.github.payguru.merchant.payguru.PhsNotifyKeyInput;
import io.github.payguru.merchant.payguru.TcknVerifyKeyInput;

/** API Gateway v2 events built in tests, signed with the test profile's made-up keys. */
public final class Events {

    public static final String MERCHANT_ID = "1000";
    public static final String MERCHANT_KEY = "local-merchant-key";
    public static final String SHOP_CODE = "SHOP";
    public static final String SHOP_KEY = "local-phs-service-key";
    public static final String MARKET_CODE = "MARKET";
    public static final String MARKET_KEY = "local-phs-market-key";

    // Keys and hashes of the constants above, computed outside the code: printf '%s' '<input>' | md5sum
    /** The PHS getToken key: md5("1000" + "127.0.0.1" + MERCHANT_KEY), of {@code 1000127.0.0.1local-merchant-key}. */
    public static final String PHS_TOKEN_KEY = "72d536b898ccad94c2aed236208a6bc2";
    /** The TCKN verify answer for 12345678901: md5(TCKN + SHOP_KEY), of {@code 12345678901local-phs-service-key}. */
    public static final String TCKN_HASH_12345678901 = "79c76db6a8d106f5bdd985bb6917a22e";
    /** The TCKN verify answer for 10000000146: md5(TCKN + SHOP_KEY), of {@code 10000000146local-phs-service-key}. */
    public static final String TCKN_HASH_10000000146 = "792dd2cd066a86f5b52c0edecae104d8";

    private static final AtomicLong IDS = new AtomicLong(System.nanoTime() % 1_000_000_000L * 100);

    private Events() {
    }

    /** A txid no other test uses. */
    public static String uniqueTxid() {
        String id;
        do { // an id shaped like a TCKN or a mobile number (alone, or with the rank digit a subscription's seq
             // appends) would be (rightly) reported by LeakScan's shape checks
            id = Long.toString(8_000_000_000L + IDS.incrementAndGet());
        } while (LeakScan.validTckn(id) || LeakScan.MOBILE.matcher(id).find() || LeakScan.MOBILE.matcher(id + "0").find());
        return id;
    }

    /** PHS notify parameters for the SHOP service, signed. */
    public static Map<String, String> phsNotify(String txid, String order, String status, String amount) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("txid", txid);
        p.put("code", "PG" + txid);
        p.put("order", order);
        p.put("status", status);
        p.put("amount", amount);
        p.put("transaction_date", "2026-11-22 10:00:00");
        p.put("bank", "isbank");
        p.put("key", PayguruKeys.md5(new PhsNotifyKeyInput(MERCHANT_ID, MERCHANT_KEY, SHOP_CODE, SHOP_KEY, txid,
                "PG" + txid, order, amount)));
        return p;
    }

    /** The notify of a simulator's PHS transaction with {@code status}, signed as Payguru signs it (SHOP). */
    public static Map<String, String> phsNotifyOf(io.github.payguru.merchant.dev.simulator.PhsTransaction t,
            String status) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("txid", t.id);
        p.put("code", t.code);
        p.put("order", t.order);
        p.put("status", status);
        p.put("amount", t.amount);
        p.put("transaction_date", "2026-11-22 10:00:00");
        p.put("bank", "isbank");
        p.put("key", PayguruKeys.md5(new PhsNotifyKeyInput(MERCHANT_ID, MERCHANT_KEY, SHOP_CODE, SHOP_KEY, t.id, t.code,
                t.order, t.amount)));
        return p;
    }

    public static Map<String, String> tcknVerify(String order, String type) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("txid", uniqueTxid());
        p.put("code", "PG-" + order);
        p.put("order", order);
        p.put("amount", "250.00");
        p.put("transaction_date", "2026-11-22 11:00:00");
        p.put("bank", "isbank");
        p.put("bank_no", "4");
        p.put("key", PayguruKeys.md5(new TcknVerifyKeyInput(MERCHANT_ID, MERCHANT_KEY, SHOP_CODE, SHOP_KEY, order)));
        p.put("notification_type", type);
        return p;
    }

    public static APIGatewayV2HTTPEvent get(String path, Map<String, String> params) {
        return event("GET", path, form(params), null, null, false);
    }

    public static APIGatewayV2HTTPEvent postForm(String path, Map<String, String> params) {
        return event("POST", path, "", form(params), "application/x-www-form-urlencoded", false);
    }

    public static APIGatewayV2HTTPEvent postJson(String path, String json) {
        return event("POST", path, "", json, "application/json", false);
    }

    public static APIGatewayV2HTTPEvent event(String method, String path, String rawQuery, String body,
            String contentType, boolean base64) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("user-agent", "test");
        if (contentType != null) {
            headers.put("content-type", contentType);
        }
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey(method + " " + path)
                .withRawPath(path)
                .withRawQueryString(rawQuery)
                .withHeaders(headers)
                .withBody(body)
                .withIsBase64Encoded(base64)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                                .withMethod(method).withPath(path).withSourceIp("203.0.113.10").build())
                        .build())
                .build();
    }

    public static String form(Map<String, String> params) {
        StringJoiner j = new StringJoiner("&");
        params.forEach((k, v) -> j.add(URLEncoder.encode(k, StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return j.toString();
    }

    public static String json(Map<String, String> params) {
        StringJoiner j = new StringJoiner(",", "{", "}");
        params.forEach((k, v) -> j.add("\"" + k + "\":\"" + v.replace("\"", "\\\"") + "\""));
        return j.toString();
    }
}
