package io.github.payguru.merchant.dev.simulator;

import static io.restassured.RestAssured.given;

import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

import io.github.payguru.merchant.support.Events;
import io.github.payguru.merchant.support.GatewayPort;
import io.restassured.specification.RequestSpecification;

/** Shared set-up: REST Assured on the HTTP port (the simulator and the local gateway), a clean simulator. */
@ExtendWith(GatewayPort.class)
abstract class SimulatorTestBase {

    static final String GAME = "2001";
    static final String GAME_KEY = "local-mp-game-key";
    static final String GOLD = "2002";
    static final String GOLD_KEY = "local-mp-gold-key";

    @Inject
    PayguruSimulator sim;

    @BeforeEach
    void simulatorPort() {
        sim.reset();
    }

    @AfterEach
    void restore() {
        sim.awaitDeliveries(Duration.ofSeconds(10));
        sim.reset();
    }

    /** A PHS token, obtained like a merchant does: key = md5(merchantId + serverIp + merchantKey). */
    String phsToken() {
        return given().queryParam("merchant", Events.MERCHANT_ID)
                .queryParam("key", Events.PHS_TOKEN_KEY)
                .get("/_simulator/phs/getToken").then().statusCode(200).extract().path("token");
    }

    RequestSpecification phs(String token) {
        return given().header("merchant", Events.MERCHANT_ID).header("token", token);
    }

    void awaitDeliveries() {
        if (!sim.awaitDeliveries(Duration.ofSeconds(20))) {
            throw new AssertionError("callbacks still pending: " + sim.deliveries());
        }
    }
}
