package io.github.payguru.merchant.callback;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.github.payguru.merchant.kernel.Privacy;
import io.github.payguru.merchant.mp.MpConfig;
import io.github.payguru.merchant.mp.MpTransactions;
import io.github.payguru.merchant.payguru.PayguruConfig;
import io.github.payguru.merchant.store.RejectionItem;
import io.github.payguru.merchant.store.TransactionItem;
import io.github.payguru.merchant.support.Fixtures;
import io.github.payguru.merchant.support.LambdaMock;
import io.github.payguru.merchant.support.LeakScan;
import io.github.payguru.merchant.support.LedgerView;
import io.github.payguru.merchant.support.LogCapture;
import io.quarkus.test.junit.QuarkusTest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * mp-billing-notification as Lambda runs it, with the token misspelled three ways (HTML-escaped
 * {@code amp;token}, trailing blank, {@code token[]}) and personal data in every pass-through
 * parameter: the refusal keeps a masked rejection record only; an admitted one stores it masked.
 * Then the whole table and the captured log lines hold no secret and no clear personal data.
 */
@QuarkusTest
class MpBillingPrivacyLambdaTest {

    @Inject
    LedgerView ledger;

    @Inject
    MpTransactions transactions;

    @Inject
    MpConfig mp;

    @Inject
    PayguruConfig payguru;

    @Inject
    DynamoDbClient dynamo;

    @Test
    void misspelledTokenAndPersonalDataThroughTheLambdaRuntime() {
        List<String> lines;
        try (LogCapture logs = LogCapture.open()) {
            given().body(Fixtures.json("mp-billing-notification", "misspelled-token")).post(LambdaMock.to("mp-billing-notification"))
                    .then().statusCode(200).body("statusCode", equalTo(403)).body("body", equalTo("Forbidden"));
            given().body(Fixtures.json("mp-billing-notification", "paid-with-personal-data")).post(LambdaMock.to("mp-billing-notification"))
                    .then().statusCode(200).body("statusCode", equalTo(200)).body("body", equalTo("OK"));
            lines = List.copyOf(logs.lines());
        }
        assertTrue(transactions.find("9170001").isEmpty(), "a refused notification stores no state");
        List<RejectionItem> rejected = ledger.rejectionsOn(ledger.now().atOffset(ZoneOffset.UTC).toLocalDate())
                .stream().filter(r -> "9170001".equals(r.params.get("txId"))).toList();
        assertEquals(1, rejected.size(), "one rejection record");
        RejectionItem rejection = rejected.get(0);
        assertEquals("missing token (a misspelled token parameter was sent: check the callback URL)", rejection.detail);
        assertEquals(Privacy.REDACTED, rejection.params.get("amp;token"));
        assertEquals(Privacy.REDACTED, rejection.params.get("Token "));
        assertEquals(Privacy.REDACTED, rejection.params.get("token[]"));
        assertEquals("*********50", rejection.params.get("tc_no"));
        assertEquals("**********67", rejection.params.get("msisdn"));
        TransactionItem paid = transactions.find("9170002").orElseThrow();
        assertEquals("**********67", paid.msisdn);
        assertEquals("*********50", paid.attributes.get("tc_no"));
        assertEquals("*********50", paid.attributes.get("customerTckn"));
        assertEquals("a***@example.com.tr", paid.attributes.get("e-mail"));
        assertEquals("TR33" + "*".repeat(18) + "1326", paid.attributes.get("iban"));
        assertEquals("TR33" + "*".repeat(18) + "1326", paid.attributes.get("ref"), "an IBAN under an unknown name");
        assertEquals("a***@example.com.tr", paid.attributes.get("note"), "an e-mail under an unknown name");
        assertEquals("A***", paid.attributes.get("name"));
        assertTrue(paid.attributes.get("phone").endsWith("67") && !paid.attributes.get("phone").contains("532"));

        List<String> secrets = new ArrayList<>();
        mp.callbackToken().ifPresent(secrets::add);
        payguru.merchantPrivateKey().ifPresent(secrets::add);
        payguru.services().values().forEach(s -> s.privateKey().ifPresent(secrets::add));
        LeakScan scan = new LeakScan(secrets, List.of("12345678950", "TR330006100519786457841326",
                "ayse.yilmaz@example.com.tr", "905321234567", "0532 123 45 67", "Ayşe Yılmaz"));
        int[] items = { 0 };
        List<LeakScan.Hit> hits = new ArrayList<>(scan.table(dynamo, ledger.tableName(), items));
        hits.addAll(scan.logs(lines));
        assertEquals(List.of(), hits, "0 hits in " + items[0] + " items and " + lines.size() + " log lines");
    }
}
