package io.github.payguru.merchant.lambda;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.github.payguru.merchant.kernel.Metrics;
import io.github.payguru.merchant.kernel.Privacy;
import io.github.payguru.merchant.mp.MpConfig;
import io.github.payguru.merchant.payguru.PayguruConfig;

/** Beans the framework-free kernel cannot declare itself, built from the configuration, and the clock. */
@Singleton
public class Wiring {

    /**
     * The masking policy over every configured secret: the MP callback token, the credentials key, the merchant and
     * service keys.
     */
    @Produces
    @Singleton
    Privacy privacy(PayguruConfig payguru, MpConfig mp) {
        List<String> secrets = new ArrayList<>();
        mp.callbackToken().ifPresent(secrets::add);
        mp.credentials().key().ifPresent(secrets::add);
        payguru.merchantPrivateKey().ifPresent(secrets::add);
        payguru.services().values().forEach(svc -> svc.privateKey().ifPresent(secrets::add));
        return new Privacy(secrets);
    }

    /** The one clock every component reads (tests replace it with an alternative they can move). */
    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    /** CloudWatch metrics (Embedded Metric Format on standard output), off where nobody collects them (dev). */
    @Produces
    @Singleton
    Metrics metrics(Clock clock, PayguruConfig payguru) {
        return new Metrics(payguru.metrics().namespace(), clock, payguru.metrics().enabled() ? System.out::println
                : line -> {
                });
    }
}
