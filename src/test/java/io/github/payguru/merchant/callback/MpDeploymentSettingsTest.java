package io.github.payguru.merchant.callback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.github.payguru.merchant.kernel.BadRequestException;
import io.github.payguru.merchant.kernel.HttpRequest;
import io.github.payguru.merchant.kernel.Privacy;
import io.github.payguru.merchant.lambda.EventReader;
import io.github.payguru.merchant.mp.MpBillingNotifications;
import io.github.payguru.merchant.mp.MpConfig;
import io.github.payguru.merchant.mp.MpGuard;
import io.github.payguru.merchant.mp.MpRefcodeLinks;
import io.github.payguru.merchant.mp.MpTransactions;
import io.github.payguru.merchant.payguru.ServiceDirectory;
import io.github.payguru.merchant.store.Ledger;
import io.github.payguru.merchant.store.LedgerReader;
import io.github.payguru.merchant.store.TableLayout;
import io.github.payguru.merchant.store.TransactionItem;
import io.github.payguru.merchant.support.ConfigVariants;
import io.github.payguru.merchant.support.Events;
import io.github.payguru.merchant.support.LogCapture;
import io.github.payguru.merchant.support.MpEvents;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The MP deployment choices of src/site/markdown/callbacks-and-operations.md "MP callbacks" on the real services and
 * the local DynamoDB emulator: no
 * token, no allow-list, confirm-before-trust off, another success body, a custom token parameter.
 */
@QuarkusTest
class MpDeploymentSettingsTest {

    @Inject
    MpConfig config;

    @Inject
    ServiceDirectory services;

    @Inject
    Ledger ledger;

    @Inject
    LedgerReader reader;

    @Inject
    NotificationRecorder recorder;

    @Inject
    Privacy privacy;

    @Inject
    MpRefcodeLinks refcodes;

    MpBillingNotifications billing(Map<String, Object> overrides) {
        MpConfig cfg = ConfigVariants.with(MpConfig.class, config, overrides);
        return new MpBillingNotifications(services, recorder, new MpGuard(cfg, recorder, privacy),
                new MpTransactions(ledger, reader, cfg), cfg, refcodes);
    }

    static HttpRequest request(String sourceIp, Map<String, String> params) {
        return EventReader.callback(MpEvents.getFrom(sourceIp, MpEvents.BILLING, params), 16384);
    }

    TransactionItem stored(String txId) {
        return reader.transaction(TableLayout.mpTransaction(txId)).orElse(null);
    }

    @Test
    void withoutTokenAndAllowListAnySourceIsAcceptedOnlyWithTheInsecureFlag() {
        MpBillingNotifications open = billing(Map.of("callbackToken", Optional.empty(), "allowedCidrs", Optional.empty(),
                "allowUnauthenticatedCallbacks", true));
        String a = Events.uniqueTxid();
        Map<String, String> p = MpEvents.billing(a, "1");
        p.remove("token");
        assertEquals("OK", open.handle(request("198.51.100.7", p)).body());
        assertEquals("1", stored(a).status);
    }

    @Test
    void confirmBeforeTrustOffStoresAPaidCallbackConfirmed() {
        MpBillingNotifications trusting = billing(Map.of("confirmBeforeTrust", false));
        String a = Events.uniqueTxid();
        assertEquals("OK", trusting.handle(request("203.0.113.10", MpEvents.billing(a, "3"))).body());
        assertEquals(true, stored(a).confirmed);
        assertNull(stored(a).openpk, "paid and trusted: nothing left for reconciliation");
    }

    @Test
    void successBodyAndTokenParameterAreConfiguration() {
        MpBillingNotifications custom = billing(Map.of("successBody", "ACCEPTED", "tokenParam", "k"));
        String a = Events.uniqueTxid();
        Map<String, String> p = MpEvents.billing(a, "1");
        p.remove("token");
        p.put("k", MpEvents.TOKEN);
        CallbackAnswer answer = custom.handle(request("203.0.113.10", p));
        assertEquals(200, answer.status());
        assertEquals("ACCEPTED", answer.body());
        assertEquals(null, stored(a).attributes, "the token is never kept as pass-through");
        Map<String, String> q = MpEvents.billing(Events.uniqueTxid(), "1");
        assertEquals(403, assertThrows(BadRequestException.class, () -> custom.handle(request("203.0.113.10", q))).status(),
                "the token under the old name does not count");
    }

    @Test
    void aBadCidrIsADeploymentErrorNamedAtStart() {
        MpConfig cfg = ConfigVariants.with(MpConfig.class, config, Map.of("allowedCidrs", Optional.of(List.of("10.0.0.0/40"))));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new MpGuard(cfg, recorder, privacy));
        assertEquals("payguru.mp.allowed-cidrs: prefix out of range: 10.0.0.0/40", e.getMessage());
    }

    /**
     * Issue 17 case 6. Before: neither token nor CIDRs (or a blank token) left the MP callbacks open, without a word.
     * After: the guard, which every MP callback function builds at start ({@code lambda.MpStartCheck}), refuses.
     */
    @Test
    void case6_startRefusesAnOpenMpDeploymentWithoutTheInsecureFlag() {
        for (Optional<String> token : List.of(Optional.<String>empty(), Optional.of(""), Optional.of("  "))) {
            MpConfig cfg = ConfigVariants.with(MpConfig.class, config, Map.of("callbackToken", token,
                    "allowedCidrs", Optional.of(List.of(""))));
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> new MpGuard(cfg, recorder, privacy));
            assertEquals(MpGuard.OPEN_REFUSED, e.getMessage(), "token " + token);
        }
        MpConfig insecure = ConfigVariants.with(MpConfig.class, config, Map.of("callbackToken", Optional.of(" "),
                "allowedCidrs", Optional.empty(), "allowUnauthenticatedCallbacks", true));
        try (LogCapture logs = LogCapture.open()) {
            assertEquals("none (insecure)", new MpGuard(insecure, recorder, privacy).checks());
            assertTrue(logs.lines().stream().anyMatch(l -> l.contains("INSECURE: MP callbacks run with neither a token")),
                    logs::all);
        }
        MpConfig cidrsOnly = ConfigVariants.with(MpConfig.class, config, Map.of("callbackToken", Optional.empty()));
        assertEquals("cidrs", new MpGuard(cidrsOnly, recorder, privacy).checks(), "an allow-list alone is enough");
        MpConfig tokenOnly = ConfigVariants.with(MpConfig.class, config, Map.of("allowedCidrs", Optional.empty()));
        assertEquals("token", new MpGuard(tokenOnly, recorder, privacy).checks(), "a token alone is enough");
    }
}
