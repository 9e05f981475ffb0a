package io.github.payguru.merchant.callback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

import io.github.payguru.merchant.kernel.BadRequestException;
import io.github.payguru.merchant.kernel.Privacy;
import io.github.payguru.merchant.lambda.EventReader;
import io.github.payguru.merchant.lambda.MpRefcodeCheckHandler;
import io.github.payguru.merchant.mp.MpConfig;
import io.github.payguru.merchant.mp.MpGuard;
import io.github.payguru.merchant.mp.MpRefcodes;
import io.github.payguru.merchant.payguru.ServiceDirectory;
import io.github.payguru.merchant.store.Ledger;
import io.github.payguru.merchant.store.LedgerReader;
import io.github.payguru.merchant.store.RefcodeItem;
import io.github.payguru.merchant.support.ConfigVariants;
import io.github.payguru.merchant.support.Fixtures;
import io.github.payguru.merchant.support.MpEvents;
import io.github.payguru.merchant.support.TestClock;
import io.quarkus.test.junit.QuarkusTest;

/** mp-refcode-check through its handler bean, with the default TEXT answers (OK / NOK). */
@QuarkusTest
class MpRefcodeCheckTest {

    @Inject
    TestClock clock;

    static final String FN = "mp-refcode-check";

    @Inject
    MpRefcodeCheckHandler handler;

    @Inject
    MpRefcodes refcodes;

    @Inject
    Ledger ledger;

    @Inject
    LedgerReader reader;

    @Inject
    Privacy privacy;

    APIGatewayV2HTTPResponse call(APIGatewayV2HTTPEvent e) {
        return handler.handleRequest(e, null);
    }

    String check(String code) {
        APIGatewayV2HTTPResponse r = call(MpEvents.get(MpEvents.REFCODE, MpEvents.refcode(code)));
        assertEquals(200, r.getStatusCode(), r.getBody());
        return r.getBody();
    }

    @Test
    void registeredCodeIsValidAndUnknownOrMalformedIsNot() {
        RefcodeItem item = refcodes.register(MpEvents.SERVICE, "XQWESTRES", "MP-ORD-REF-1", null);
        assertEquals("3001", item.service);
        assertEquals("OK", call(Fixtures.event(FN, "registered-code")).getBody());
        assertEquals("NOK", call(Fixtures.event(FN, "unknown-code")).getBody());
        assertEquals("NOK", call(Fixtures.event(FN, "malformed-code")).getBody());
        RefcodeItem again = refcodes.register("mp-shop", "XQWESTRES", "MP-ORD-REF-1", Duration.ofHours(1));
        assertTrue(Instant.parse(again.validUntil).isAfter(Instant.parse(item.validUntil)), "registering again extends it");
        assertEquals(item.createdAt, again.createdAt);
    }

    @Test
    void aCodeExpires() {
        refcodes.register(MpEvents.SERVICE, "EXPIRE1", null, Duration.ofMinutes(30));
        assertEquals("OK", check("EXPIRE1"));
        try {
            clock.pin(Clock.fixed(Instant.now().plus(Duration.ofMinutes(31)), ZoneOffset.UTC));
            assertEquals("NOK", check("EXPIRE1"));
        } finally {
            clock.release();
        }
    }

    @Test
    void aCodeOfAnotherServiceIsNotValidForThisOne() {
        refcodes.register(MpEvents.GAMES_SERVICE, "GAMES1", null, null);
        assertEquals("NOK", check("GAMES1"));
        var p = MpEvents.refcode("GAMES1");
        p.put("service", MpEvents.GAMES_SERVICE);
        assertEquals("OK", call(MpEvents.get(MpEvents.REFCODE, p)).getBody());
        p.remove("service");
        assertEquals("OK", call(MpEvents.get(MpEvents.REFCODE, p)).getBody(), "without a service any owner is fine");
    }

    @Inject
    MpConfig config;

    @Inject
    ServiceDirectory services;

    @Inject
    MpGuard guard;

    /** The same service with {@code payguru.mp.refcode.answer-format=JSON} (no extra Quarkus profile needed). */
    @Test
    void jsonAnswerFormat() {
        MpConfig.Refcode json = ConfigVariants.with(MpConfig.Refcode.class, config.refcode(),
                Map.of("answerFormat", MpConfig.AnswerFormat.JSON));
        MpConfig cfg = ConfigVariants.with(MpConfig.class, config, Map.of("refcode", json));
        MpRefcodes jsonRefcodes = new MpRefcodes(services, ledger, reader, guard, cfg, privacy);
        refcodes.register(MpEvents.SERVICE, "JSONCODE1", null, null);
        CallbackAnswer valid = jsonRefcodes.handle(EventReader.callback(MpEvents.get(MpEvents.REFCODE, MpEvents.refcode("JSONCODE1")), 16384));
        assertEquals(CallbackAnswer.JSON, valid.contentType());
        assertEquals("{\"result\":1,\"msg\":\"VALID\"}", valid.body());
        CallbackAnswer unknown = jsonRefcodes.handle(EventReader.callback(MpEvents.get(MpEvents.REFCODE, MpEvents.refcode("NOPE1234")), 16384));
        assertEquals("{\"result\":0,\"msg\":\"ERROR: UNKNOWN\"}", unknown.body());
        assertEquals("{\"result\":0,\"msg\":\"ERROR: missing field: refcode\"}", jsonRefcodes.refusal(400, "missing field: refcode").body());
    }

    @Test
    void badRequestsAreRefused() {
        APIGatewayV2HTTPResponse missing = call(Fixtures.event(FN, "missing-code"));
        assertEquals(400, missing.getStatusCode());
        assertEquals("missing field: refcode", missing.getBody());
        assertEquals(400, call(Fixtures.event(FN, "unknown-service")).getStatusCode());
        APIGatewayV2HTTPResponse token = call(Fixtures.event(FN, "wrong-token"));
        assertEquals(403, token.getStatusCode());
        assertEquals("Forbidden", token.getBody());
    }

    @Test
    void registrationIsValidated() {
        assertEquals(400, assertThrows(BadRequestException.class,
                () -> refcodes.register(MpEvents.SERVICE, "a b", null, null)).status());
        assertEquals(400, assertThrows(BadRequestException.class,
                () -> refcodes.register("3999", "GOODCODE", null, null)).status());
        assertEquals(400, assertThrows(BadRequestException.class,
                () -> refcodes.register(MpEvents.SERVICE, "GOODCODE", null, Duration.ZERO)).status());
        refcodes.register(MpEvents.SERVICE, "TAKEN1", "ORDER-A", null);
        assertEquals(409, assertThrows(BadRequestException.class,
                () -> refcodes.register(MpEvents.SERVICE, "TAKEN1", "ORDER-B", null)).status());
        assertEquals(409, assertThrows(BadRequestException.class,
                () -> refcodes.register(MpEvents.GAMES_SERVICE, "TAKEN1", "ORDER-A", null)).status());
    }
}
