package io.github.payguru.merchant.console;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

import io.github.payguru.merchant.dev.StreamPoller;
import io.github.payguru.merchant.events.ChangeEvent;
import io.github.payguru.merchant.store.TransactionItem;
import io.github.payguru.merchant.support.LedgerView;
import io.github.payguru.merchant.support.SynchronousSimulator;
import io.github.payguru.merchant.support.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The local console in a real browser (Debian's Chromium, {@link Browser}): each flow is started from the console's
 * forms, goes through the simulator's hosted pages and the real routes, and is checked on the console's pages and in
 * the table and the published change events. The simulator delivers synchronously ({@link SynchronousSimulator}), so a
 * page loaded after the customer's click already shows what the callbacks stored.
 */
@QuarkusTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserTest extends SynchronousSimulator {

    private static final AtomicLong IDS = new AtomicLong(System.currentTimeMillis() % 1_000_000);
    private static ChromeDriver chrome;

    @RegisterExtension
    static final ScreenshotOnFailure SCREENSHOTS = new ScreenshotOnFailure(() -> chrome);

    @Inject
    LedgerView ledger;

    @Inject
    StreamPoller poller;

    @Inject
    DynamoDbClient dynamo;

    @Inject
    TestClock clock;

    ConsolePage console;

    @BeforeAll
    static void startBrowser() {
        chrome = Browser.start();
    }

    @AfterAll
    static void stopBrowser() {
        if (chrome != null) {
            chrome.quit();
        }
    }

    @BeforeEach
    void page() {
        console = new ConsolePage(chrome, ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class));
    }

    @Test
    @Order(1)
    void anEmptyTableShowsNoPaymentsAndEveryControl() {
        assertEquals(0, dynamo.scan(r -> r.tableName(ledger.tableName())).count(), "the class starts on an empty table");
        console.open("/_local/console");
        assertEquals("No payments stored yet.", console.text(By.id("payments-empty")));
        assertEquals("No orders stored yet.", console.text(By.id("orders-empty")));
        for (String form : List.of("mp-checkout", "sms-purchase", "phs-transfer", "next-delivery", "reconcile")) {
            assertTrue(console.present(By.id(form)), form);
        }
        console.submit("reconcile", Map.of());
        console.awaitText(By.id("message"), "reconcile: 200");
        assertTrue(console.text(By.id("message")).contains("\"checked\":{}"), "nothing open, nothing checked");
        assertEquals(0, dynamo.scan(r -> r.tableName(ledger.tableName())).count(), "the console wrote nothing");
    }

    @Test
    @Order(2)
    void mpPaymentPageCheckoutIsStoredConfirmedAndEvented() {
        String order = order("MP");
        String txId = checkout(order);
        assertEquals(List.of("3 paid"), console.column("payments", "status"));
        assertEquals(List.of("false"), console.column("payments", "confirmed"));
        assertEquals(List.of("12.50"), console.column("payments", "amount"));
        assertTrue(console.column("payments", "open / reconcile").get(0).startsWith("open"));
        assertEquals(List.of("created", "1 waiting", "3 paid"), console.column("timeline", "status"));

        console.click(By.cssSelector("#confirm-" + txId + " button"));
        console.awaitText(By.id("message"), "get " + txId + ": 200");
        assertEquals(List.of("true"), console.column("payments", "confirmed"));
        assertEquals(List.of("settled"), console.column("payments", "open / reconcile"));
        TransactionItem stored = stored(order);
        assertEquals(Boolean.TRUE, stored.confirmed);
        assertNull(stored.openpk);
        ChangeEvent confirmed = lastEvent(stored.pk);
        assertEquals("true", confirmed.text("confirmed"));
        assertEquals("paid", confirmed.text("orderChange"), "deliverable once confirmed");
        int row = console.column("order-events", "eventId").indexOf(confirmed.eventId());
        assertTrue(row >= 0, "the console shows the event " + confirmed.eventId());
        assertEquals(Long.toString(confirmed.sequence()), console.column("order-events", "sequence").get(row));
        System.out.println("console screenshot: " + Browser.screenshot(chrome, "console-mp-checkout-confirmed"));
    }

    @Test
    @Order(3)
    void smsPurchaseWithARegisteredCodeIsStoredUnderTheOrder() {
        console.open("/_local/console");
        String order = order("SMS");
        String code = console.value("sms-purchase", "refcode");
        console.submit("sms-purchase", Map.of("order", order));
        console.awaitText(By.id("message"), "SMS purchase made with the registered code " + code);
        assertEquals(List.of("3 paid"), console.column("payments", "status"));
        TransactionItem stored = stored(order);
        assertEquals("3", stored.status);
        assertEquals(List.of("1 waiting", "3 paid"), console.column("timeline", "status").stream()
                .filter(s -> !s.equals("created")).toList());
    }

    @Test
    @Order(4)
    void phsTransferReachesSuccess() {
        console.open("/_local/console");
        String order = order("PHS");
        console.submit("phs-transfer", Map.of("order", order, "amount", "64.90"));
        console.awaitHeading("Bank transfer");
        console.click(By.linkText("Simulate: the transfer arrives"));
        console.awaitHeading("Order " + order);
        assertEquals(List.of("3 success"), console.column("payments", "status").stream().map(s -> s.toLowerCase())
                .toList());
        assertEquals(List.of("64.90"), console.column("payments", "amount"));
        TransactionItem stored = stored(order);
        assertEquals("3", stored.status);
        assertTrue(console.column("deliveries", "kind").contains("phs.notify"));
        console.click(By.cssSelector("#confirm-" + stored.txId + " button"));
        console.awaitText(By.id("message"), "get " + stored.txId + ": 200");
        assertEquals(List.of("true"), console.column("payments", "confirmed"));
        assertEquals(Boolean.TRUE, stored(order).confirmed);
    }

    @Test
    @Order(5)
    void aDuplicatedDeliveryIsShownOnceInTheTimeline() {
        nextCallback("duplicate");
        String order = order("DUP");
        checkout(order);
        assertEquals(List.of("1", "1", "3", "3"), console.column("deliveries", "status sent"), "each sent twice");
        assertEquals(List.of("created", "1 waiting", "3 paid"), console.column("timeline", "status"), "applied once");
        assertEquals(2L, stored(order).version);
    }

    @Test
    @Order(6)
    void aReorderedDeliveryIsShownOnceInTheTimeline() {
        nextCallback("reorder");
        String order = order("REO");
        checkout(order);
        assertEquals(List.of("3", "1"), console.column("deliveries", "status sent"), "the batch reversed");
        assertEquals(List.of("created", "3 paid"), console.column("timeline", "status"), "the late 1 changes nothing");
        assertEquals("3", stored(order).status);
    }

    @Test
    @Order(7)
    void aFailedFirstAttemptIsRetriedAndAppliedOnce() {
        nextCallback("fail");
        String order = order("FAIL");
        checkout(order);
        assertEquals(List.of("1", "1", "3", "3"), console.column("deliveries", "status sent"));
        assertEquals(List.of("1", "2", "1", "2"), console.column("deliveries", "attempt"));
        assertEquals(List.of("false", "true", "false", "true"), console.column("deliveries", "accepted"));
        assertEquals(List.of("created", "1 waiting", "3 paid"), console.column("timeline", "status"));
    }

    @Test
    @Order(8)
    void aRefundFromTheConsoleGoesThroughTheRefundOperation() {
        String order = order("REF");
        String txId = checkout(order);
        console.click(By.cssSelector("#refund-" + txId + " button"));
        console.awaitText(By.id("message"), "mp-transaction-refund: 200");
        assertEquals(List.of("6 refunded"), console.column("payments", "status").stream().map(s -> s.toLowerCase())
                .toList());
        assertEquals("6", stored(order).status);
        assertEquals(1, sim.requests("mp.transaction.refund").size(), "one refund request reached Payguru");
        assertFalse(console.present(By.id("refund-" + txId)), "no refund offered for a refunded payment");
    }

    @Test
    @Order(9)
    void reconciliationNowConfirmsAPaymentItsCallbacksLeftOpen() {
        String order = order("REC");
        checkout(order);
        assertEquals(Boolean.FALSE, stored(order).confirmed, "the callbacks' paid is a claim");
        console.open("/_local/console");
        assertEquals("PT15M", console.text(By.id("stale-after")), "tests keep the deployed default");
        clock.pin(Clock.offset(Clock.systemUTC(), Duration.ofHours(1))); // the payment stopped moving an hour ago
        try {
            console.submit("reconcile", Map.of());
            console.awaitText(By.id("message"), "reconcile: 200");
        } finally {
            clock.release();
        }
        TransactionItem confirmed = stored(order);
        assertEquals(Boolean.TRUE, confirmed.confirmed, "Payguru's detail confirmed the claim");
        assertNull(confirmed.openpk, "out of the open items");
        assertEquals("true", lastEvent(confirmed.pk).text("confirmed"));
        console.open("/_local/console/order?ref=" + order);
        assertEquals(List.of("true"), console.column("payments", "confirmed"));
        assertEquals(List.of("settled"), console.column("payments", "open / reconcile"));
    }

    @Test
    @Order(10)
    void theEventsPageShowsAnEventPublishedWhileItIsOpen() {
        console.open("/_local/console/events");
        chrome.executeScript("window.stillThisPage = true;");
        String order = order("LIVE");
        given().contentType("application/json").body("{\"service\":\"2001\",\"referenceCode\":\"" + order
                + "\",\"item\":\"Gold pack\",\"price\":\"12.50\",\"successUrl\":\"https://shop.example/ok\","
                + "\"failureUrl\":\"https://shop.example/fail\"}").post("/ops/mp/payment-page").then().statusCode(200);
        // located again at every poll: the script replaces the rows every 2 s
        console.awaitText(By.xpath("//tbody[@id='events']/tr[td[normalize-space()='" + order + "']]"),
                "Payguru Order Created");
        assertEquals(Boolean.TRUE, chrome.executeScript("return window.stillThisPage === true;"),
                "the row came by the page's refresh script, not a reload");
    }

    /** From the console's checkout form through the simulator's hosted page to the customer's click; back on the order. */
    private String checkout(String order) {
        console.open("/_local/console");
        console.submit("mp-checkout", Map.of("order", order, "item", "Gold pack", "price", "12.50"));
        console.awaitHeading("Mobile payment: Gold pack");
        console.click(By.linkText("Pay (customer confirms)"));
        console.awaitHeading("Order " + order);
        assertTrue(console.text(By.id("message")).contains("success URL"), "back through the success URL");
        return stored(order).txId;
    }

    private void nextCallback(String mode) {
        console.open("/_local/console");
        console.submit("next-delivery", Map.of("mode", mode));
        console.awaitText(By.id("message"), "The next callback: " + mode);
    }

    private TransactionItem stored(String order) {
        List<TransactionItem> items = ledger.transactionsOfOrder(order);
        assertEquals(1, items.size(), "one transaction stored for " + order);
        return ledger.transaction(items.get(0).pk).orElseThrow();
    }

    private ChangeEvent lastEvent(String pk) {
        poller.drain();
        List<ChangeEvent> of = poller.published().stream().filter(e -> pk.equals(e.subject())).toList();
        assertFalse(of.isEmpty(), "events published for " + pk);
        return of.get(of.size() - 1);
    }

    /** Unique per test and run, letters around a short number (no personal-data shape). */
    private static String order(String kind) {
        return "CON-" + kind + "-" + IDS.incrementAndGet() + "X";
    }
}
