package io.github.payguru.merchant.e2e;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.github.payguru.merchant.dev.simulator.PayguruSimulator;
import io.github.payguru.merchant.dev.simulator.PhsTransaction;
import io.github.payguru.merchant.kernel.Line;
import io.github.payguru.merchant.payguru.ServiceDirectory;
import io.github.payguru.merchant.payguru.ServiceDirectory.NamedService;
import io.github.payguru.merchant.phs.PhsOrders;
import io.github.payguru.merchant.store.TableLayout;
import io.github.payguru.merchant.store.TransactionItem;
import io.github.payguru.merchant.support.Events;
import io.github.payguru.merchant.support.GatewayPort;
import io.github.payguru.merchant.support.LedgerView;
import io.quarkus.test.junit.QuarkusTest;

/**
 * PHS end to end beyond {@code PhsSimulatorTest} (which covers the plain transfer, duplicates and
 * reorder one knob at a time): every delivery knob at once on a real transfer, and the simulator's
 * signed notifications for statuses 1 and 3 arriving reversed and repeated at the real notify route.
 */
@ExtendWith(GatewayPort.class)
@QuarkusTest
class PhsPaymentE2ETest {

    static final String TCKN = "10000000146";

    @Inject
    PayguruSimulator sim;

    @Inject
    LedgerView ledger;

    @Inject
    PhsOrders orders;

    @Inject
    ServiceDirectory services;

    @BeforeEach
    void start() {
        sim.reset();
    }

    @AfterEach
    void stop() {
        sim.awaitDeliveries(Duration.ofSeconds(10));
        sim.reset();
    }

    @Test
    void transferWithDuplicatesReorderAndPostJsonHasOneEffect() {
        sim.setDelivery(3, 0, true);
        sim.setPhsCallbackMethod("POST");
        String order = "E2E-PHS-" + Events.uniqueTxid();
        orders.register("SHOP", order, "64.90", TCKN, null);
        String token = given().queryParam("merchant", Events.MERCHANT_ID)
                .queryParam("key", Events.PHS_TOKEN_KEY)
                .get("/_simulator/phs/getToken").then().statusCode(200).extract().path("token");
        String code = given().header("merchant", Events.MERCHANT_ID).header("token", token).contentType("application/json")
                .body("{\"code\":\"SHOP\",\"amount\":\"64.90\",\"bank\":\"isbank\",\"order\":\"" + order
                        + "\",\"PaymentNotification\":{\"tc_no\":\"" + TCKN + "\"}}")
                .post("/_simulator/phs/paymentNotification/create").then().statusCode(200)
                .body("status", equalTo("000")).extract().path("code");
        given().redirects().follow(false).queryParam("pay", "1").get("/_simulator/cp/phs/yonlendir/" + code)
                .then().statusCode(200);
        assertTrue(sim.awaitDeliveries(Duration.ofSeconds(10)));

        // verify is asked once; [verified, notify] reversed, each three times, all as POST JSON
        List<String> sent = sim.deliveries().stream()
                .map(d -> d.kind().equals("phs.notify") ? "notify" : d.params().get("notification_type")).toList();
        assertEquals(List.of("verify", "notify", "notify", "notify", "verified", "verified", "verified"), sent);
        assertTrue(sim.deliveries().stream().allMatch(d -> d.accepted() && "POST".equals(d.method())),
                sim.deliveries().toString());
        assertTrue(sim.deliveries("phs.notify").stream().allMatch(d -> "OK".equals(d.answer())));

        String txid = sim.deliveries("phs.notify").get(0).params().get("txid");
        TransactionItem t = ledger.transaction(TableLayout.phsTransaction(txid)).orElseThrow();
        assertEquals("3", t.status);
        assertEquals("64.90", t.amountWire);
        assertEquals(order, t.orderRef);
        assertEquals(1, ledger.partition(t.pk).size(), "three copies, one stored notification");
        assertEquals("verified", ledger.order(TableLayout.phsOrder("SHOP", order)).orElseThrow().verification);
    }

    @Test
    void signedStatusesOneAndThreeReversedAndRepeatedEndInSuccess() {
        NamedService shop = services.find(Line.PHS, "SHOP").orElseThrow();
        String order = "E2E-PHS13-" + Events.uniqueTxid();
        PhsTransaction tx = sim.seedPhsTransaction("SHOP", order, "18.25", 1);
        Map<String, String> processing = sim.notifyParams(shop, tx);
        tx.status = 3;
        Map<String, String> success = sim.notifyParams(shop, tx);
        assertEquals(processing.get("key"), success.get("key"), "the key does not cover the status");

        // Payguru's 3 first (three times), then the late 1 (twice), each at the real notify route
        List<String> answers = new ArrayList<>();
        for (Map<String, String> p : List.of(success, success, success, processing, processing)) {
            answers.add(given().queryParams(p).get(PayguruSimulator.PHS_NOTIFY_PATH).then().statusCode(200)
                    .extract().asString());
        }
        assertEquals(List.of("OK", "OK", "OK", "OK", "OK"), answers);

        TransactionItem t = ledger.transaction(TableLayout.phsTransaction(tx.id)).orElseThrow();
        assertEquals("3", t.status, "the late processing (1) does not move success back");
        assertEquals(1L, t.version, "five deliveries, one change");
        assertEquals(List.of("3"), LedgerView.recentStatuses(t), "the item remembers 3 once; the late 1 was not applied");
        assertEquals(1, ledger.partition(t.pk).size(), "nothing is written beside the state item");
        // and the merchant's view agrees with Payguru's transaction/get
        String token = given().queryParam("merchant", Events.MERCHANT_ID)
                .queryParam("key", Events.PHS_TOKEN_KEY)
                .get("/_simulator/phs/getToken").then().extract().path("token");
        given().header("merchant", Events.MERCHANT_ID).header("token", token).queryParam("id", tx.id)
                .get("/_simulator/phs/transaction/get").then().body("transaction.status", equalTo(3))
                .body("transaction.amount", equalTo(t.amountWire));
    }
}
