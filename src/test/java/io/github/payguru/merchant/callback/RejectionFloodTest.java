package io.github.payguru.merchant.callback;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

import io.github.payguru.merchant.kernel.Cidr;
import io.github.payguru.merchant.lambda.MpBillingNotificationHandler;
import io.github.payguru.merchant.support.Events;
import io.github.payguru.merchant.support.LedgerView;
import io.github.payguru.merchant.support.MpEvents;
import io.github.payguru.merchant.support.RecordedMetrics;
import io.github.payguru.merchant.support.TestClock;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A flood of refused requests from one source: every one is answered alike, but only
 * {@code payguru.notifications.rejections-per-source-minute} (10) records are kept per source and minute.
 */
@QuarkusTest
class RejectionFloodTest {

    @Inject
    MpBillingNotificationHandler handler;

    @Inject
    LedgerView ledger;

    @Inject
    RecordedMetrics metrics;

    @Inject
    TestClock clock;

    long rejectionsFrom(String ip) {
        return ledger.rejectionsOn(ledger.now().atOffset(ZoneOffset.UTC).toLocalDate()).stream()
                .filter(r -> Cidr.keptNetwork(ip).equals(r.sourceIp)).count();
    }

    @Test
    void aFloodFromOneSourceStoresTenRecordsAMinuteAndIsAnsweredAlike() {
        // records are kept per source network (/24): each source of its own, outside the fixtures' networks
        String flood = "198.18." + (int) (Math.random() * 256) + "." + (int) (Math.random() * 200 + 1);
        String other = "198.19." + (int) (Math.random() * 256) + "." + (int) (Math.random() * 200 + 1);
        metrics.clear();
        clock.pin(Instant.now()); // one minute for the whole flood
        try {
            flood(flood, other);
        } finally {
            clock.release();
        }
    }

    void flood(String flood, String other) {
        for (int i = 0; i < 15; i++) {
            Map<String, String> p = MpEvents.billing(Events.uniqueTxid(), "3");
            p.put("token", "wrong-token-" + i);
            APIGatewayV2HTTPResponse r = handler.handleRequest(MpEvents.getFrom(flood, MpEvents.BILLING, p), null);
            assertEquals(403, r.getStatusCode(), "refused alike, stored or not");
        }
        Map<String, String> p = MpEvents.billing(Events.uniqueTxid(), "3");
        p.put("token", "wrong");
        assertEquals(403, handler.handleRequest(MpEvents.getFrom(other, MpEvents.BILLING, p), null).getStatusCode());

        assertEquals(10, rejectionsFrom(flood), "records kept for the flooding source this minute");
        assertEquals(5, metrics.lines().stream().filter(l -> l.contains("\"RejectionsNotStored\":1")).count());
        assertEquals(1, rejectionsFrom(other), "another source keeps its own allowance");
    }
}
