package io.github.payguru.merchant.support;

import java.util.LinkedHashMap;
import java.util.Map;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;

import io.github.payguru.merchant.payguru.MpCheckoutKeyInput;
import io.github.payguru.merchant.payguru.MpSecureKeyInput;
import io.github.payguru.merchant.payguru.PayguruKeys;

/** MP callback events as Payguru sends them, for the test profile's made-up MP services. */
public final class MpEvents {

    public static final String BILLING = "/payguru/mp/billing";
    public static final String SUBSCRIPTION = "/payguru/mp/subscription";
    public static final String CREDENTIALS = "/payguru/mp/credentials";
    public static final String REFCODE = "/payguru/mp/refcode";

    public static final String SERVICE = "3001";
    public static final String SECRET = "local-mp-secret";
    public static final String GAMES_SERVICE = "3002";
    public static final String GAMES_SECRET = "local-mp-games-secret";
    public static final String TOKEN = "local-mp-token";
    /** An MSISDN-looking value: tests show it never reaches a log line in clear. Not a real number. */
    public static final String MSISDN = "905009998877";

    private MpEvents() {
    }

    public static Map<String, String> billing(String txId, String status) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("msisdn", MSISDN);
        p.put("txId", txId);
        p.put("status", status);
        p.put("operator", "1");
        p.put("order", "MP-" + txId);
        p.put("item", "Gold membership");
        p.put("amount", "9.99");
        p.put("service", SERVICE);
        p.put("error", "");
        p.put("errorDesc", "");
        p.put("billingType", "onetime");
        p.put("subsId", "");
        p.put("token", TOKEN);
        return p;
    }

    public static Map<String, String> subscription(String subsId, String txId, String status, String order) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("msisdn", MSISDN);
        p.put("subsId", subsId);
        p.put("txId", txId);
        p.put("status", status);
        p.put("operator", "5");
        p.put("service", SERVICE);
        p.put("order", order);
        p.put("billingType", "monthly");
        p.put("token", TOKEN);
        return p;
    }

    public static Map<String, String> credentials(String subsId, String secret) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("subsId", subsId);
        p.put("trans_id", Events.uniqueTxid());
        p.put("securekey", PayguruKeys.md5(new MpSecureKeyInput(subsId, secret)));
        p.put("token", TOKEN);
        return p;
    }

    public static Map<String, String> refcode(String code) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("refcode", code);
        p.put("service", SERVICE);
        p.put("token", TOKEN);
        return p;
    }

    public static APIGatewayV2HTTPEvent get(String path, Map<String, String> params) {
        return Events.get(path, params);
    }

    /** The same GET from another source address. */
    public static APIGatewayV2HTTPEvent getFrom(String sourceIp, String path, Map<String, String> params) {
        APIGatewayV2HTTPEvent e = Events.get(path, params);
        e.getRequestContext().getHttp().setSourceIp(sourceIp);
        return e;
    }

    public static final String OK_URL = "http://shop.example/ok";
    public static final String FAIL_URL = "http://shop.example/fail";

    /** The checkout (payment page) token request a merchant sends for {@code ref}, signed with {@code key}. */
    public static Map<String, String> checkoutForm(String service, String key, String ref, String price) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("merchantId", Events.MERCHANT_ID);
        p.put("serviceId", service);
        p.put("referenceCode", ref);
        p.put("item", "Gold pack");
        p.put("price", price);
        p.put("successUrl", OK_URL);
        p.put("failureUrl", FAIL_URL);
        p.put("key", PayguruKeys.md5(new MpCheckoutKeyInput(Events.MERCHANT_ID, service, key, ref, "Gold pack", price,
                OK_URL, FAIL_URL)));
        return p;
    }
}
