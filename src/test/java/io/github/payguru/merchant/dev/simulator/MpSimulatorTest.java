package io.github.payguru.merchant.dev.simulator;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.github.payguru.merchant.support.Events;
import io.github.payguru.merchant.support.MpEvents;
import io.github.payguru.merchant.support.MutableClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/**
 * The simulated MP API and payment page. The MP callback routes are not part of this branch, so
 * deliveries are checked through {@link PayguruSimulator#deliveries()}: what was sent, what was
 * answered, and that an answer other than 2xx is retried.
 */
@QuarkusTest
class MpSimulatorTest extends SimulatorTestBase {

    static final String MP = "/_simulator/mp";

    String token(Map<String, String> p) {
        return given().contentType("application/x-www-form-urlencoded").formParams(p).post("/_simulator/cp/token")
                .then().statusCode(200).extract().path("tokenData.token");
    }

    String pay(String token, String result, String expectedLocation) {
        given().redirects().follow(false).queryParam("result", result).get("/_simulator/cp/pay/" + token)
                .then().statusCode(302).header("Location", expectedLocation);
        awaitDeliveries();
        return sim.mpTransactions().get(sim.mpTransactions().size() - 1).id;
    }

    /** The first try of each original callback, in the order sent. */
    List<Delivery> firstTries(String kind) {
        return sim.deliveries(kind).stream().filter(d -> d.attempt() == 1 && d.copy() == 1).toList();
    }

    /** Each copy was retried while not answered 2xx, up to the configured 3 attempts. */
    void assertRetriedUntilAccepted() {
        Map<String, List<Delivery>> byCopy = sim.deliveries().stream().collect(Collectors.groupingBy(
                d -> d.kind() + d.params() + "#" + d.copy(), LinkedHashMap::new, Collectors.toList()));
        for (List<Delivery> tries : byCopy.values()) {
            for (int i = 0; i < tries.size(); i++) {
                Delivery d = tries.get(i);
                assertEquals(i + 1, d.attempt());
                assertEquals(d.status() >= 200 && d.status() < 300, d.accepted(), d.toString());
                if (i < tries.size() - 1) {
                    assertFalse(d.accepted());
                }
            }
            Delivery last = tries.get(tries.size() - 1);
            assertTrue(last.accepted() || tries.size() == 3, tries.toString());
        }
    }

    ValidatableResponse get(String path) {
        return given().get(MP + path).then();
    }

    @Test
    void checkoutTokenShapeAndKeyCheck() {
        Map<String, String> p = MpEvents.checkoutForm(GAME, GAME_KEY, "ORD-C1", "12.50");
        given().contentType("application/x-www-form-urlencoded").formParams(p).post("/_simulator/cp/token")
                .then().statusCode(200).body("response.result", equalTo("SUCCESS"))
                .body("response.resultCode", equalTo("0000"))
                .body("tokenData.token", matchesPattern("[0-9a-f]{32}"))
                .body("tokenData.redirectUrl", matchesPattern("http://localhost:\\d+/_simulator/cp/pay/[0-9a-f]{32}"));
        given().contentType("application/json").body(Events.json(p)).post("/_simulator/cp/token")
                .then().statusCode(200).body("response.result", equalTo("SUCCESS"));
        Map<String, String> wrong = new LinkedHashMap<>(p);
        wrong.put("price", "1.00");
        given().formParams(wrong).post("/_simulator/cp/token").then().statusCode(400)
                .body("response.result", equalTo("FAILED")).body("response.resultCode", equalTo("1002"))
                .body("tokenData", nullValue());
        given().formParams(MpEvents.checkoutForm("9999", GAME_KEY, "ORD-C1", "12.50")).post("/_simulator/cp/token")
                .then().statusCode(403).body("response.result", equalTo("FAILED"));
        Map<String, String> missing = new LinkedHashMap<>(p);
        missing.remove("successUrl");
        given().formParams(missing).post("/_simulator/cp/token").then().statusCode(400)
                .body("response.resultDescription", equalTo("missing field: successUrl"));
        assertEquals(5, sim.requests("cp.token").size());
    }

    @Test
    void paidOneOffCheckoutNotifiesAndRedirects() {
        String token = token(MpEvents.checkoutForm(GAME, GAME_KEY, "ORD-P1", "12.50"));
        given().get("/_simulator/cp/pay/" + token).then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("result=paid"));
        String txId = pay(token, "paid", MpEvents.OK_URL);

        List<Delivery> billing = firstTries("mp.billing");
        assertEquals(List.of("1", "3"), billing.stream().map(d -> d.params().get("status")).toList());
        Delivery paid = billing.get(1);
        assertTrue(paid.url().contains("/payguru/mp/billing?"), paid.url());
        assertEquals("GET", paid.method());
        assertEquals(txId, paid.params().get("txId"));
        assertEquals("ORD-P1", paid.params().get("order"));
        assertEquals("12.50", paid.params().get("amount"));
        assertEquals(GAME, paid.params().get("service"));
        assertEquals("Gold pack", paid.params().get("item"));
        assertEquals("onetime", paid.params().get("billingType"));
        assertEquals("", paid.params().get("subsId"));
        assertEquals("**********67", paid.params().get("msisdn"));
        assertTrue(firstTries("mp.subscription").isEmpty());
        assertRetriedUntilAccepted();

        get("/transaction/detail/1000/" + GAME + "/" + txId).statusCode(200)
                .body("response.result", equalTo("SUCCESS")).body("response.resultCode", equalTo("0000"))
                .body("response.timeElapsed", notNullValue()).body("response.responsetime", notNullValue())
                .body("subscription.id", equalTo(Integer.parseInt(txId)))
                .body("subscription.status", equalTo(3)).body("subscription.service", equalTo(2001))
                .body("subscription.operator", equalTo(1)).body("subscription.amount", equalTo(12.5f))
                .body("subscription.referenceCode", equalTo("ORD-P1"))
                .body("subscription.transactionDate", notNullValue()).body("subscription.subscriptionId", nullValue());
        // a payment page serves once
        given().redirects().follow(false).queryParam("result", "paid").get("/_simulator/cp/pay/" + token)
                .then().statusCode(410);
        given().redirects().follow(false).queryParam("result", "paid").get("/_simulator/cp/pay/nope")
                .then().statusCode(404);
        // and lives 30 minutes
        MutableClock clock = new MutableClock(Instant.now());
        sim.useClock(clock);
        String later = token(MpEvents.checkoutForm(GAME, GAME_KEY, "ORD-P2", "12.50"));
        clock.advance(Duration.ofMinutes(31));
        given().redirects().follow(false).queryParam("result", "paid").get("/_simulator/cp/pay/" + later)
                .then().statusCode(410);
    }

    @Test
    void oneClockDatesRequestsObjectsAndDeliveriesUntilReset() {
        Instant t = Instant.now().minus(Duration.ofDays(400)).truncatedTo(ChronoUnit.SECONDS);
        sim.useClock(new MutableClock(t));
        String txId = pay(token(MpEvents.checkoutForm(GAME, GAME_KEY, "ORD-T1", "2.00")), "paid", MpEvents.OK_URL);
        assertEquals(t, sim.requests("cp.token").get(0).at());
        assertEquals(t, sim.mpTransaction(txId).orElseThrow().transactionDate);
        assertFalse(sim.deliveries("mp.billing").isEmpty());
        assertTrue(sim.deliveries("mp.billing").stream().allMatch(d -> t.equals(d.at())), sim.deliveries().toString());
        sim.reset();
        Instant seeded = sim.seedMpTransaction(GAME, 3, "2.00", "ORD-T2").transactionDate;
        assertTrue(Duration.between(seeded, Instant.now()).abs().toSeconds() < 60,
                "reset puts the system clock back: " + seeded);
    }

    @Test
    void unfinishedPaymentsEndInTheirDocumentedStatus() {
        String failed = pay(token(MpEvents.checkoutForm(GAME, GAME_KEY, "ORD-F1", "3.00")), "failed", MpEvents.FAIL_URL);
        String expired = pay(token(MpEvents.checkoutForm(GAME, GAME_KEY, "ORD-F2", "3.00")), "expired", MpEvents.FAIL_URL);
        String declined = pay(token(MpEvents.checkoutForm(GAME, GAME_KEY, "ORD-F3", "3.00")), "declined", MpEvents.FAIL_URL);
        assertEquals(9, sim.mpTransaction(failed).orElseThrow().status);
        assertEquals(5, sim.mpTransaction(expired).orElseThrow().status);
        assertEquals(4, sim.mpTransaction(declined).orElseThrow().status);
        assertEquals(List.of("1", "9", "1", "5", "1", "4"),
                firstTries("mp.billing").stream().map(d -> d.params().get("status")).toList());
        assertEquals("Yetersiz limit", firstTries("mp.billing").get(5).params().get("error"));
        get("/transaction/detail/1000/" + GAME + "/" + declined).body("subscription.error", equalTo("Yetersiz limit"))
                .body("subscription.errorDetail", equalTo("17|Limit error:onetime"));
    }

    @Test
    void subscriptionCheckoutDetailAndCancel() {
        String txId = pay(token(MpEvents.checkoutForm(GOLD, GOLD_KEY, "SUB-1", "9.99")), "paid", MpEvents.OK_URL);
        MpSubscription s = sim.subscriptions().get(0);
        assertEquals(txId, s.lastSuccessfulTransaction);
        List<Delivery> billing = firstTries("mp.billing");
        assertEquals(List.of("1", "3"), billing.stream().map(d -> d.params().get("status")).toList());
        assertEquals(s.id, billing.get(1).params().get("subsId"));
        assertEquals("subscription", billing.get(1).params().get("billingType"));
        Delivery active = firstTries("mp.subscription").get(0);
        assertEquals("active", active.params().get("status"));
        assertEquals(s.id, active.params().get("subsId"));
        assertEquals(txId, active.params().get("txId"));
        assertEquals("SUB-1", active.params().get("order"));

        get("/subscription/detail/1000/" + GOLD + "/" + s.id).statusCode(200)
                .body("response.result", equalTo("SUCCESS")).body("subscription.id", equalTo(Integer.parseInt(s.id)))
                .body("subscription.status", equalTo("active")).body("subscription.period", equalTo("monthly"))
                .body("subscription.subscriptionFee", equalTo(9.99f)).body("subscription.referenceCode", equalTo("SUB-1"))
                .body("subscription.hasTrialPeriod", equalTo(false)).body("subscription.renewalDate", notNullValue())
                .body("subscription.lastTransaction", equalTo(Integer.parseInt(txId)))
                .body("subscription.cancellationDate", nullValue());
        get("/subscription/cancel/1000/" + GOLD + "/" + s.id).statusCode(200)
                .body("response.result", equalTo("SUCCESS")).body("subscription.status", equalTo("cancelled"))
                .body("subscription.cancellationDate", notNullValue());
        awaitDeliveries();
        Delivery cancelled = firstTries("mp.subscription").get(1);
        assertEquals("cancelled", cancelled.params().get("status"));
        assertTrue(Long.parseLong(cancelled.params().get("txId")) > Long.parseLong(txId),
                "a later event carries a larger txId");
        get("/subscription/cancel/1000/" + GOLD + "/" + s.id).statusCode(409).body("response.result", equalTo("FAILED"));
        get("/subscription/detail/1000/" + GOLD + "/1").statusCode(404);
        assertRetriedUntilAccepted();
    }

    @Test
    void renewalAndTrial() {
        MpSubscription s = sim.seedSubscription(GOLD, "active", "9.99", "SUB-R");
        MpTransaction renewal = sim.renewSubscription(s.id, false);
        awaitDeliveries();
        assertEquals(4, renewal.status);
        assertEquals("retry", s.status);
        assertEquals(List.of("1", "4"), firstTries("mp.billing").stream().map(d -> d.params().get("status")).toList());
        assertEquals("renewal", firstTries("mp.billing").get(0).params().get("billingType"));
        assertEquals("retry", firstTries("mp.subscription").get(0).params().get("status"));

        Map<String, String> trial = MpEvents.checkoutForm(GAME, GAME_KEY, "TRIAL-1", "4.99");
        trial.put("hasTrialPeriod", "true");
        trial.put("trialPeriodDay", "7");
        int before = sim.mpTransactions().size();
        given().redirects().follow(false).queryParam("result", "paid").get("/_simulator/cp/pay/" + token(trial))
                .then().statusCode(302).header("Location", MpEvents.OK_URL);
        awaitDeliveries();
        MpSubscription t = sim.subscriptions().get(1);
        assertTrue(t.hasTrialPeriod);
        assertEquals(7, t.trialPeriodDay);
        assertEquals(before, sim.mpTransactions().size(), "a trial starts without a charge");
        assertEquals("active", firstTries("mp.subscription").get(1).params().get("status"));
    }

    @Test
    void refundMovesThreeToSevenToSixAndNotifiesEach() {
        MpTransaction tx = sim.seedMpTransaction(GAME, 3, "20.00", "ORD-RF");
        get("/transaction/refund/1000/" + GAME + "/" + tx.id).statusCode(200)
                .body("response.result", equalTo("SUCCESS")).body("subscription.id", equalTo(Integer.parseInt(tx.id)));
        awaitDeliveries();
        assertEquals(6, tx.status);
        assertEquals(List.of("7", "6"), firstTries("mp.billing").stream().map(d -> d.params().get("status")).toList());
        assertTrue(firstTries("mp.billing").stream().allMatch(d -> tx.id.equals(d.params().get("txId"))));
        get("/transaction/refund/1000/" + GAME + "/" + tx.id).statusCode(409).body("response.result", equalTo("FAILED"));
        assertEquals(2, sim.requests("mp.transaction.refund").size(), "each refund request is recorded");
        get("/transaction/refund/1000/" + GAME + "/123").statusCode(404);
        get("/transaction/refund/1000/" + GAME + "/12x").statusCode(400);
        get("/transaction/detail/1001/" + GAME + "/" + tx.id).statusCode(403);
        get("/transaction/detail/1000/2002/" + tx.id).statusCode(404);
        get("/transaction/detail/1000/7777/" + tx.id).statusCode(403).body("response.resultCode", equalTo("1003"));
    }

    @Test
    void rateLimitsAnswer429() {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-22T08:00:00Z"));
        sim.useClock(clock);
        MpTransaction tx = sim.seedMpTransaction(GAME, 3, "1.00", "ORD-RL");
        for (int i = 0; i < 5; i++) {
            get("/transaction/detail/1000/" + GAME + "/" + tx.id).statusCode(200);
        }
        get("/transaction/detail/1000/" + GAME + "/" + tx.id).statusCode(429)
                .body("response.result", equalTo("FAILED")).body("response.resultCode", equalTo("1006"));
        clock.advance(Duration.ofSeconds(1));
        get("/transaction/detail/1000/" + GAME + "/" + tx.id).statusCode(200);

        // refunds: 20 a day, 5 a second
        for (int i = 0; i < 20; i++) {
            MpTransaction paid = sim.seedMpTransaction(GAME, 3, "1.00", "ORD-RL" + i);
            if (i % 5 == 0) {
                clock.advance(Duration.ofSeconds(1));
            }
            get("/transaction/refund/1000/" + GAME + "/" + paid.id).statusCode(200);
        }
        clock.advance(Duration.ofSeconds(1));
        MpTransaction more = sim.seedMpTransaction(GAME, 3, "1.00", "ORD-RL-21");
        get("/transaction/refund/1000/" + GAME + "/" + more.id).statusCode(429)
                .body("response.resultDescription", matchesPattern(".*daily limit of 20.*"));
        assertEquals(3, more.status, "a refused refund changes nothing");
        clock.advance(Duration.ofDays(1));
        get("/transaction/refund/1000/" + GAME + "/" + more.id).statusCode(200);

        // five a second for refunds too
        clock.advance(Duration.ofDays(1));
        for (int i = 0; i < 5; i++) {
            get("/transaction/refund/1000/" + GAME + "/1").statusCode(404);
        }
        get("/transaction/refund/1000/" + GAME + "/1").statusCode(429);

        // messages search: one a second
        String body = "{\"merchantId\":\"1000\",\"serviceId\":\"" + GAME + "\"}";
        given().contentType("application/json").body(body).post(MP + "/messages/search").then().statusCode(200);
        given().contentType("application/json").body(body).post(MP + "/messages/search").then().statusCode(429);
        clock.advance(Duration.ofMillis(1001));
        given().contentType("application/json").body(body).post(MP + "/messages/search").then().statusCode(200);
        sim.setRateLimits(false);
        for (int i = 0; i < 3; i++) {
            given().contentType("application/json").body(body).post(MP + "/messages/search").then().statusCode(200);
        }
    }

    @Test
    void searchesFilterSortAndPage() {
        MpTransaction a = sim.seedMpTransaction(GAME, 3, "5.00", "S-A");
        MpTransaction b = sim.seedMpTransaction(GAME, 4, "6.00", "S-B");
        MpTransaction c = sim.seedMpTransaction(GAME, 3, "7.00", "S-C");
        sim.seedMpTransaction(GOLD, 3, "8.00", "S-D");
        String body = "{\"merchantId\":\"1000\",\"serviceId\":\"" + GAME + "\",\"search\":[{\"column\":\"status\","
                + "\"term\":\"3\",\"condition\":\"=\"},{\"column\":\"transactionDate\",\"term\":\"2020-01-01\","
                + "\"condition\":\">=\"}],\"sort\":[{\"column\":\"id\",\"asc\":false}],\"limit\":1,\"page\":1}";
        given().contentType("application/json").body(body).post(MP + "/transactions/search").then().statusCode(200)
                .body("response.result", equalTo("SUCCESS")).body("transactions", hasSize(1))
                .body("transactions[0].id", equalTo(Integer.parseInt(c.id))).body("page", equalTo(1))
                .body("limit", equalTo(1)).body("total", equalTo(2));
        given().contentType("application/json").body(body.replace("\"page\":1", "\"page\":2"))
                .post(MP + "/transactions/search").then().body("transactions[0].id", equalTo(Integer.parseInt(a.id)));
        given().contentType("application/json").body("{\"merchantId\":\"1000\",\"serviceId\":\"" + GAME + "\"}")
                .post(MP + "/transactions/search").then().body("transactions", hasSize(3)).body("limit", equalTo(10));
        given().contentType("application/json").body("{\"merchantId\":\"1000\",\"serviceId\":\"" + GAME
                + "\",\"search\":[{\"column\":\"referenceCode\",\"term\":\"s-b\",\"condition\":\"like\"}]}")
                .post(MP + "/transactions/search").then().body("transactions[0].id", equalTo(Integer.parseInt(b.id)));
        given().contentType("application/json").body("{\"merchantId\":\"1000\",\"serviceId\":\"" + GAME + "\",\"limit\":101}")
                .post(MP + "/transactions/search").then().statusCode(400).body("response.result", equalTo("FAILED"));
        String four = "{\"column\":\"status\",\"term\":\"3\"}";
        given().contentType("application/json").body("{\"merchantId\":\"1000\",\"serviceId\":\"" + GAME + "\",\"search\":["
                + four + "," + four + "," + four + "," + four + "]}")
                .post(MP + "/transactions/search").then().statusCode(400);
        given().contentType("application/json").body("{\"merchantId\":\"1\",\"serviceId\":\"" + GAME + "\"}")
                .post(MP + "/transactions/search").then().statusCode(403);
        given().contentType("application/json").body("not json").post(MP + "/transactions/search").then().statusCode(400);

        sim.seedSubscription(GOLD, "active", "9.99", "SUB-S1");
        sim.seedSubscription(GOLD, "cancelled", "9.99", "SUB-S2");
        given().contentType("application/json").body("{\"merchantId\":\"1000\",\"serviceId\":\"" + GOLD
                + "\",\"search\":[{\"column\":\"status\",\"term\":\"cancelled\",\"condition\":\"=\"}]}")
                .post(MP + "/subscriptions/search").then().statusCode(200).body("subscriptions", hasSize(1))
                .body("subscriptions[0].referenceCode", equalTo("SUB-S2"));
    }

    @Test
    void ipKnobFailNextAndDelayNext() {
        MpTransaction tx = sim.seedMpTransaction(GAME, 3, "1.00", "ORD-K");
        sim.allowIp(false);
        get("/transaction/detail/1000/" + GAME + "/" + tx.id).statusCode(403)
                .body("response.resultDescription", equalTo("IP not allowed"));
        given().contentType("application/json").body("{\"merchantId\":\"1000\",\"serviceId\":\"" + GAME + "\"}")
                .post(MP + "/transactions/search").then().statusCode(403);
        sim.allowIp(true);
        sim.failNext("mp.transaction.refund", 503, "9999");
        get("/transaction/refund/1000/" + GAME + "/" + tx.id).statusCode(503)
                .body("response.result", equalTo("FAILED")).body("response.resultCode", equalTo("9999"));
        assertEquals(3, tx.status, "a failed call changes nothing");
        sim.delayNext("mp.transaction.detail", Duration.ofMillis(600));
        long t0 = System.nanoTime();
        get("/transaction/detail/1000/" + GAME + "/" + tx.id).statusCode(200);
        assertTrue(System.nanoTime() - t0 >= 600_000_000L);
        sim.failNext("cp.token", 500, "9998");
        given().formParams(MpEvents.checkoutForm(GAME, GAME_KEY, "ORD-K", "1.00")).post("/_simulator/cp/token").then().statusCode(500)
                .body("response.resultCode", equalTo("9998"));
    }

    @Test
    void smsInitiatedPaymentsAndTheirMessages() {
        MutableClock clock = new MutableClock(Instant.now());
        sim.useClock(clock);
        given().contentType("application/json").body("{\"service\":\"" + GOLD + "\",\"price\":\"9.99\",\"keyword\":"
                + "\"SUPERPOWER\",\"referenceCode\":\"XQWESTRES\",\"msisdn\":\"905551112233\"}")
                .post("/_simulator/control/mp/sms").then().statusCode(200).body("status", equalTo(3))
                .body("referenceCode", equalTo("XQWESTRES")).body("item", equalTo("SUPERPOWER"));
        MpTransaction unconfirmed = sim.smsPurchase(GAME, "2.00", "GAME2", null, null, false);
        awaitDeliveries();
        assertEquals(9, unconfirmed.status);
        assertEquals(List.of("1", "3", "1", "9"),
                firstTries("mp.billing").stream().map(d -> d.params().get("status")).toList());
        assertEquals("XQWESTRES", firstTries("mp.subscription").get(0).params().get("order"));
        clock.advance(Duration.ofSeconds(2));
        given().contentType("application/json").body("{\"merchantId\":\"1000\",\"serviceId\":\"" + GOLD + "\","
                + "\"sort\":[{\"column\":\"id\",\"asc\":true}]}")
                .post(MP + "/messages/search").then().statusCode(200).body("messages", hasSize(4))
                .body("messages.direction", equalTo(List.of("MO", "MT", "MO", "MT")))
                .body("messages[0].text", equalTo("SUPERPOWER XQWESTRES")).body("messages[2].text", equalTo("EVET"))
                .body("messages[0].shortCode", equalTo("3544")).body("messages[0].msisdn", equalTo("905551112233"));
    }

    @Test
    void mpCallbacksCarryTokenAndPassThroughQuery() {
        sim.setMpCallbackExtras("s3cret", "src=payguru&shop=eu");
        pay(token(MpEvents.checkoutForm(GAME, GAME_KEY, "ORD-QS", "2.00")), "paid", MpEvents.OK_URL);
        Delivery d = firstTries("mp.billing").get(0);
        assertEquals("s3cret", d.params().get("token"));
        assertEquals("payguru", d.params().get("src"));
        assertTrue(d.url().endsWith("&src=payguru&shop=eu&token=s3cret"), d.url());
        sim.setMpCallbackExtras(null, null);
        MpTransaction tx = sim.seedMpTransaction(GAME, 3, "1.00", "ORD-QS2");
        get("/transaction/refund/1000/" + GAME + "/" + tx.id).statusCode(200);
        awaitDeliveries();
        assertFalse(firstTries("mp.billing").get(2).params().containsKey("token"));
    }

    @Test
    void reorderedSubscriptionBatchArrivesBackwards() {
        sim.setDelivery(1, 0, true);
        pay(token(MpEvents.checkoutForm(GOLD, GOLD_KEY, "SUB-RO", "9.99")), "paid", MpEvents.OK_URL);
        List<String> order = sim.deliveries().stream().filter(d -> d.attempt() == 1)
                .map(d -> d.kind() + ":" + d.params().get("status")).toList();
        assertEquals(List.of("mp.subscription:active", "mp.billing:3", "mp.billing:1"), order);
    }

    @Test
    void controlOverHttp() {
        given().contentType("application/json").body("{\"service\":\"" + GAME + "\",\"status\":3,\"amount\":\"2.00\"}")
                .post("/_simulator/control/seed/mp-transaction").then().statusCode(201).body("status", equalTo(3));
        String id = sim.mpTransactions().get(0).id;
        given().contentType("application/json").body("{\"operation\":\"mp.transaction.detail\",\"status\":500,\"code\":\"5000\"}")
                .post("/_simulator/control/fail-next").then().statusCode(200);
        get("/transaction/detail/1000/" + GAME + "/" + id).statusCode(500);
        given().contentType("application/json").body("{\"duplicates\":2,\"reorder\":true}")
                .post("/_simulator/control/delivery").then().statusCode(200).body("duplicates", equalTo(2))
                .body("reorder", equalTo(true)).body("delayMs", equalTo(0));
        get("/transaction/refund/1000/" + GAME + "/" + id).statusCode(200);
        awaitDeliveries();
        given().get("/_simulator/control/deliveries").then().statusCode(200).body("kind[0]", equalTo("mp.billing"))
                .body("params[0].status", equalTo("6"));
        assertEquals(2, firstTries("mp.billing").size());
        assertEquals(4, sim.deliveries("mp.billing").stream().filter(d -> d.attempt() == 1).count());
        given().get("/_simulator/control/requests?operation=mp.transaction.detail").then().body("$", hasSize(1));
        given().contentType("application/json").body("{\"operation\":\"nope\"}").post("/_simulator/control/fail-next")
                .then().statusCode(400).body("error", matchesPattern("unknown operation nope.*"));
        given().contentType("application/json").body("{\"allowed\":false}").post("/_simulator/control/allow-ip")
                .then().statusCode(200);
        get("/transaction/detail/1000/" + GAME + "/" + id).statusCode(403);
        given().post("/_simulator/control/reset").then().statusCode(200);
        assertTrue(sim.mpTransactions().isEmpty());
        given().get("/_simulator/control/state").then().statusCode(200).body("mpTransactions", hasSize(0));
    }
}
