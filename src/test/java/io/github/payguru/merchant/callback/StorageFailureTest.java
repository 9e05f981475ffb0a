package io.github.payguru.merchant.callback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

import io.github.payguru.merchant.dev.DynamoDbEmulator;
import io.github.payguru.merchant.lambda.MpBillingNotificationHandler;
import io.github.payguru.merchant.lambda.PhsNotifyHandler;
import io.github.payguru.merchant.lambda.TcknVerifyHandler;
import io.github.payguru.merchant.support.Events;
import io.github.payguru.merchant.support.MpEvents;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** DynamoDB unreachable: callbacks answer non-OK (5xx) so that Payguru sends them again. */
@QuarkusTest
@TestProfile(StorageFailureTest.Unreachable.class)
class StorageFailureTest {

    public static class Unreachable implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.dynamodb.endpoint-override", "http://127.0.0.1:" + DynamoDbEmulator.freePort(),
                    "quarkus.dynamodb.aws.credentials.type", "static");
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of();
        }
    }

    @Inject
    PhsNotifyHandler notify;

    @Inject
    TcknVerifyHandler verify;

    @Inject
    MpBillingNotificationHandler mpBilling;

    @Test
    void mpBillingAnswers503NotOk() {
        String tx = Events.uniqueTxid();
        APIGatewayV2HTTPResponse billing = mpBilling.handleRequest(
                MpEvents.get(MpEvents.BILLING, MpEvents.billing(tx, "3")), null);
        assertEquals(503, billing.getStatusCode());
        assertNotEquals("OK", billing.getBody());
    }

    @Test
    void phsNotifyAnswers503NotOk() {
        String txid = Events.uniqueTxid();
        APIGatewayV2HTTPResponse r = notify.handleRequest(
                Events.get("/payguru/phs/notify", Events.phsNotify(txid, "ORD-" + txid, "3", "10.00")), null);
        assertEquals(503, r.getStatusCode());
        assertNotEquals("OK", r.getBody());
    }

    @Test
    void tcknVerifyAnswers503WithTheNegativeAnswer() {
        APIGatewayV2HTTPResponse r = verify.handleRequest(
                Events.get("/payguru/phs/tckn-verify", Events.tcknVerify("ORD-1", "verify")), null);
        assertEquals(503, r.getStatusCode());
        assertEquals("{\"status\":false,\"tckn\":null}", r.getBody());
    }
}
