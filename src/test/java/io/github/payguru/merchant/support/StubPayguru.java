package io.github.payguru.merchant.support;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * A minimal Payguru stand-in on the simulator's paths, used until the Payguru simulator (branch
 * {@code simulator}) is merged; its control methods follow the simulator's contract (reset, failNext,
 * delayNext, expireTokens, allowIp, seed…, requests) so the tests keep their shape. Test only.
 */
@Singleton
public class StubPayguru {

    private final Map<String, String> mpTx = new ConcurrentHashMap<>();
    private final Map<String, String> mpSubs = new ConcurrentHashMap<>();
    private final Map<String, String> phsTx = new ConcurrentHashMap<>();
    private final Map<String, List<Map<String, String>>> requests = new ConcurrentHashMap<>();
    private final Map<String, Object[]> failNext = new ConcurrentHashMap<>();
    private final Map<String, Duration> delayNext = new ConcurrentHashMap<>();
    private final AtomicInteger tokens = new AtomicInteger();
    private volatile String validToken;
    private volatile boolean ipAllowed = true;

    public void reset() {
        mpTx.clear();
        mpSubs.clear();
        phsTx.clear();
        requests.clear();
        failNext.clear();
        delayNext.clear();
        validToken = null;
        ipAllowed = true;
    }

    public void failNext(String operation, int httpStatus, String code) {
        failNext.put(operation, new Object[] { httpStatus, code });
    }

    public void delayNext(String operation, Duration delay) {
        delayNext.put(operation, delay);
    }

    public void expireTokens() {
        validToken = "expired";
    }

    public void allowIp(boolean allowed) {
        ipAllowed = allowed;
    }

    public void seedMpTransaction(String id, String status, String amount) {
        mpTx.put(id, status + "|" + amount);
    }

    public void seedSubscription(String id, String status) {
        mpSubs.put(id, status);
    }

    public void seedPhsTransaction(String id, String order, String amount, String status) {
        phsTx.put(id, order + "|" + amount + "|" + status);
    }

    public List<Map<String, String>> requests(String operation) {
        return requests.getOrDefault(operation, List.of());
    }

    void routes(@Observes Router router) {
        BodyHandler body = BodyHandler.create(false);
        route(router, "GET", "/_simulator/phs/getToken", "phs.getToken", c -> {
            validToken = "{TOKEN-" + tokens.incrementAndGet() + "}";
            return phs("\"token\":\"" + validToken + "\"");
        }, body);
        route(router, "GET", "/_simulator/phs/transaction/get", "phs.transaction.get", c -> {
            String t = phsTx.get(c.request().getParam("id"));
            if (t == null) {
                return "{\"status\":\"ERR_006\",\"message\":\"Invalid Transaction\"}";
            }
            String[] p = t.split("\\|");
            return phs("\"transaction\":{\"id\":" + c.request().getParam("id") + ",\"code\":\"PG" + c.request().getParam("id")
                    + "\",\"amount\":\"" + p[1] + "\",\"order_refno\":\"" + p[0] + "\",\"status\":" + p[2]
                    + ",\"service_code\":\"SHOP\",\"transaction_date\":\"2026-11-22 10:00:00\",\"bank_code\":\"isbank\"}");
        }, body);
        route(router, "GET", "/_simulator/phs/paymentNotification/get", "phs.paymentNotification.get",
                c -> phs("\"paymentNotification\":{\"id\":" + c.request().getParam("id") + ",\"status\":10}"), body);
        route(router, "POST", "/_simulator/phs/paymentNotification/create", "phs.paymentNotification.create",
                c -> phs("\"code\":\"PN" + c.request().getFormAttribute("order") + "\""), body);
        route(router, "GET", "/_simulator/phs/refund/get", "phs.refund.get",
                c -> phs("\"data\":{\"id\":" + c.request().getParam("id") + ",\"transaction_id\":"
                        + c.request().getParam("id").substring(1) + ",\"status\":3}"), body);
        route(router, "GET", "/_simulator/phs/orderToReference/check", "phs.orderToReference.check",
                c -> phs("\"order\":\"" + c.request().getParam("order") + "\",\"payout\":\"1\""), body);
        route(router, "POST", "/_simulator/phs/transaction/test", "phs.transaction.test", c -> phs("\"sent\":true"), body);
        route(router, "GET", "/_simulator/mp/transaction/detail/:m/:s/:id", "mp.transaction.detail", c -> {
            String t = mpTx.get(c.pathParam("id"));
            return t == null ? null : mp("\"subscription\":{\"id\":" + c.pathParam("id") + ",\"status\":" + t.split("\\|")[0]
                    + ",\"amount\":" + t.split("\\|")[1] + "}");
        }, body);
        route(router, "GET", "/_simulator/mp/transaction/refund/:m/:s/:id", "mp.transaction.refund", c -> {
            String t = mpTx.get(c.pathParam("id"));
            if (t == null) {
                return null;
            }
            mpTx.put(c.pathParam("id"), "7|" + t.split("\\|")[1]);
            return mp("\"refund\":true");
        }, body);
        route(router, "GET", "/_simulator/mp/subscription/detail/:m/:s/:id", "mp.subscription.detail", c -> {
            String s = mpSubs.get(c.pathParam("id"));
            return s == null ? null : mp("\"subscription\":{\"id\":" + c.pathParam("id") + ",\"status\":\"" + s + "\"}");
        }, body);
        route(router, "GET", "/_simulator/mp/subscription/cancel/:m/:s/:id", "mp.subscription.cancel", c -> {
            mpSubs.put(c.pathParam("id"), "cancelled");
            return mp("\"cancelled\":true");
        }, body);
        route(router, "POST", "/_simulator/mp/transactions/search", "mp.transactions.search", c -> mp("\"transactions\":[]"), body);
        route(router, "POST", "/_simulator/mp/subscriptions/search", "mp.subscriptions.search", c -> mp("\"subscriptions\":[]"), body);
        route(router, "POST", "/_simulator/mp/messages/search", "mp.messages.search", c -> mp("\"messages\":[]"), body);
        route(router, "POST", "/_simulator/cp/token", "cp.token", c -> mp(
                "\"tokenData\":{\"redirectUrl\":\"https://cp.example/pay/" + c.request().getFormAttribute("referenceCode") + "\"}"),
                body);
    }

    private static String phs(String fields) {
        return "{\"status\":\"000\",\"message\":\"Success\"," + fields + "}";
    }

    private static String mp(String fields) {
        return "{\"response\":{\"result\":\"SUCCESS\",\"resultCode\":\"0000\",\"resultDescription\":\"OK\"}," + fields + "}";
    }

    private void route(Router router, String method, String path, String op, Function<RoutingContext, String> answer,
            BodyHandler body) {
        router.route(io.vertx.core.http.HttpMethod.valueOf(method), path).handler(body)
                .blockingHandler(c -> run(op, c, answer), false);
    }

    private void run(String op, RoutingContext c, Function<RoutingContext, String> answer) {
        Map<String, String> seen = new HashMap<>();
        c.request().params().forEach(e -> seen.put(e.getKey(), e.getValue()));
        c.request().formAttributes().forEach(e -> seen.put(e.getKey(), e.getValue()));
        if (c.body() != null && c.body().length() > 0 && c.request().formAttributes().isEmpty()) {
            seen.put("body", c.body().asString());
        }
        if (c.request().getHeader("token") != null) {
            seen.put("header:token", c.request().getHeader("token"));
        }
        requests.computeIfAbsent(op, k -> new CopyOnWriteArrayList<>()).add(seen);
        if (!ipAllowed) {
            c.response().setStatusCode(403).end();
            return;
        }
        if (op.startsWith("phs.") && !"phs.getToken".equals(op)) {
            String t = c.request().getHeader("token");
            if (t == null || t.isEmpty() || !t.equals(validToken)) {
                c.response().putHeader("content-type", "application/json").end(t == null || t.isEmpty()
                        ? "{\"status\":\"ERR_015\",\"message\":\"Empty Token\"}"
                        : "{\"status\":\"ERR_016\",\"message\":\"Invalid Token\"}");
                return;
            }
        }
        Object[] f = failNext.remove(op);
        String a = f == null ? answer.apply(c) : null;
        Duration d = delayNext.remove(op);
        if (d != null) {
            try {
                Thread.sleep(d.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (f != null) {
            String code = (String) f[1];
            String b = code == null ? "" : op.startsWith("phs.") ? "{\"status\":\"" + code + "\",\"message\":\"Message " + code + "\"}"
                    : "{\"response\":{\"result\":\"FAILED\",\"resultCode\":\"" + code + "\",\"resultDescription\":\"Message " + code + "\"}}";
            c.response().setStatusCode((Integer) f[0]).putHeader("content-type", "application/json").end(b);
            return;
        }
        if (a == null) {
            c.response().setStatusCode(404).putHeader("content-type", "application/json")
                    .end("{\"response\":{\"result\":\"FAILED\",\"resultCode\":\"404\",\"resultDescription\":\"Not found\"}}");
            return;
        }
        c.response().putHeader("content-type", "application/json").end(a);
    }
}
