package io.github.payguru.merchant.callback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;

import io.github.payguru.merchant.lambda.MpBillingNotificationHandler;
import io.github.payguru.merchant.lambda.PhsNotifyHandler;
import io.github.payguru.merchant.lambda.TcknVerifyHandler;
import io.github.payguru.merchant.mp.MpTransactions;
import io.github.payguru.merchant.store.RejectionItem;
import io.github.payguru.merchant.store.TransactionItem;
import io.github.payguru.merchant.support.Events;
import io.github.payguru.merchant.support.LeakScan;
import io.github.payguru.merchant.support.LedgerView;
import io.github.payguru.merchant.support.LogCapture;
import io.github.payguru.merchant.support.MpEvents;
import io.quarkus.test.junit.QuarkusTest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Issue 17 case 8 through the callback handlers: personal data shorter than 10 characters ({@code ab@gmx.de}) is masked
 * in log lines, order refs included, and in stored records; a source address is stored and logged only as its /24
 * (IPv4) or /48 (IPv6) network.
 */
@QuarkusTest
class ShortPiiAndSourceIpTest {

    static final String SHORT_EMAIL = "ab@gmx.de";

    @Inject
    MpBillingNotificationHandler billing;

    @Inject
    PhsNotifyHandler phsNotify;

    @Inject
    TcknVerifyHandler tcknVerify;

    @Inject
    MpTransactions transactions;

    @Inject
    LedgerView ledger;

    @Inject
    DynamoDbClient dynamo;

    /**
     * A source of its own /24 (198.18.0.0/15, outside the test allow-list): rejection records are bounded per network
     * and minute, so a test that counts them must not share the fixtures' 203.0.113.0/24.
     */
    static String ownNetwork() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return "198." + r.nextInt(18, 20) + "." + r.nextInt(0, 256) + "." + r.nextInt(11, 250);
    }

    static APIGatewayV2HTTPEvent from(String ip, APIGatewayV2HTTPEvent e) {
        e.getRequestContext().getHttp().setSourceIp(ip);
        return e;
    }

    List<RejectionItem> rejections(String param, String value) {
        return ledger.rejectionsOn(ledger.now().atOffset(ZoneOffset.UTC).toLocalDate()).stream()
                .filter(r -> value.equals(r.params.get(param))).toList();
    }

    /** Before: {@code ab@gmx.de} (9 characters) stored and logged as sent. After: {@code ***@gmx.de} everywhere. */
    @Test
    void case8_shortEmailsAreMaskedInLogsAndRecords() {
        String txId = Events.uniqueTxid();
        String refusedTx = Events.uniqueTxid();
        String phsTx = Events.uniqueTxid();
        List<String> lines;
        try (LogCapture logs = LogCapture.open()) {
            Map<String, String> paid = MpEvents.billing(txId, "1");
            paid.put("note", SHORT_EMAIL);
            paid.put("x", "a@b.co");
            assertEquals(200, billing.handleRequest(MpEvents.get(MpEvents.BILLING, paid), null).getStatusCode());

            Map<String, String> refused = MpEvents.billing(refusedTx, "1");
            refused.put("order", SHORT_EMAIL);
            refused.put("token", "wrong-token");
            assertEquals(403, billing.handleRequest(from(ownNetwork(), MpEvents.get(MpEvents.BILLING, refused)), null)
                    .getStatusCode());

            Map<String, String> wrongKey = Events.phsNotify(phsTx, SHORT_EMAIL, "3", "10.00");
            wrongKey.put("key", "0".repeat(32));
            assertEquals(403, phsNotify.handleRequest(from(ownNetwork(), Events.get("/payguru/phs/notify", wrongKey)), null)
                    .getStatusCode());
            Map<String, String> tckn = Events.tcknVerify(SHORT_EMAIL, "verify");
            tckn.put("key", "0".repeat(32));
            tcknVerify.handleRequest(from(ownNetwork(), Events.get("/payguru/phs/tckn-verify", tckn)), null);
            lines = List.copyOf(logs.lines());
        }
        TransactionItem stored = transactions.find(txId).orElseThrow();
        assertEquals("***@gmx.de", stored.attributes.get("note"));
        assertEquals("***@b.co", stored.attributes.get("x"));
        RejectionItem mp = rejections("txId", refusedTx).get(0);
        assertEquals("***@gmx.de", mp.params.get("order"), "the order ref of a rejection record");
        RejectionItem phs = rejections("txid", phsTx).get(0);
        assertEquals("***@gmx.de", phs.params.get("order"));
        String all = String.join("\n", lines);
        assertTrue(all.contains("order=***@gmx.de"), all);
        for (String clear : List.of(SHORT_EMAIL, "a@b.co")) {
            assertFalse(all.contains(clear), clear + " in\n" + all);
        }
        assertEquals(List.of(), new LeakScan(List.of(), List.of()).logs(lines), "no e-mail shape in any log line");
    }

    /** An applied notification's line: order and source as the recorder logs them, whatever the caller passes. */
    @Test
    void case8_anAppliedNotificationsLogLineMasksItsOrderRefAndSource() {
        NotificationRecorder.Delivery d = new NotificationRecorder.Delivery(Map.of(), "203.0.113.77",
                "txId=8000000001 status=3 order=" + SHORT_EMAIL + " amount=9.99", true, "");
        assertEquals("txId=8000000001 status=3 order=***@gmx.de amount=9.99", d.about());
        assertEquals("203.0.113.0/24", d.sourceIp());
    }

    /** Before: rejection records kept {@code sourceIp=203.0.113.77}. After: {@code 203.0.113.0/24}, /48 for IPv6. */
    @Test
    void case8_sourceIpsAreNeverStoredInClear() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        String v4 = ownNetwork();
        String v4Applied = "203.0.113." + r.nextInt(11, 250);
        String group = Integer.toHexString(r.nextInt(0x1000, 0xffff));
        String v6 = "2001:db8:" + group + ":17::" + Integer.toHexString(r.nextInt(0x1000, 0xffff));
        String refused4 = Events.uniqueTxid();
        String refused6 = Events.uniqueTxid();
        List<String> lines;
        try (LogCapture logs = LogCapture.open()) {
            for (String[] c : new String[][] { { v4, refused4 }, { v6, refused6 } }) {
                Map<String, String> p = MpEvents.billing(c[1], "1");
                p.put("token", "wrong-token");
                assertEquals(403, billing.handleRequest(MpEvents.getFrom(c[0], MpEvents.BILLING, p), null).getStatusCode());
            }
            assertEquals(200, billing.handleRequest(MpEvents.getFrom(v4Applied, MpEvents.BILLING,
                    MpEvents.billing(Events.uniqueTxid(), "1")), null).getStatusCode());
            lines = List.copyOf(logs.lines());
        }
        assertEquals(v4.substring(0, v4.lastIndexOf('.')) + ".0/24", rejections("txId", refused4).get(0).sourceIp);
        assertEquals("2001:db8:" + group + "::/48", rejections("txId", refused6).get(0).sourceIp);
        String all = String.join("\n", lines);
        assertTrue(all.contains("from " + v4.substring(0, v4.lastIndexOf('.')) + ".0/24"), all);
        assertTrue(all.contains("from 203.0.113.0/24"), "an applied notification's line: " + all);
        List<String> addresses = List.of(v4, v4Applied, v6);
        List<LeakScan.Hit> hits = new ArrayList<>();
        LeakScan scan = new LeakScan(List.of(), addresses);
        hits.addAll(scan.table(dynamo, ledger.tableName(), new int[1]).stream()
                .filter(h -> h.what().startsWith("planted")).toList());
        hits.addAll(scan.logs(lines).stream().filter(h -> h.what().startsWith("planted")).toList());
        assertEquals(List.of(), hits, "no source address in clear in the table or the logs");
    }
}
