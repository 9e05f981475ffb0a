package io.github.payguru.merchant.lambda;

import java.util.Optional;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.github.payguru.merchant.mp.MpGuard;
import io.quarkus.runtime.StartupEvent;

/**
 * Fail closed at start: a function serving an MP callback ({@link MpGuard#GUARDED}, chosen by
 * {@code QUARKUS_LAMBDA_HANDLER}) builds its {@link MpGuard} before its first request, so that a deployment with
 * neither a callback token nor a source allow-list stops at start (Lambda reports an init error) unless the insecure
 * flag is set, which the guard then says in a WARN at every start. Other functions do not build it.
 */
@Singleton
public class MpStartCheck {

    private static final Logger LOG = Logger.getLogger(MpStartCheck.class);

    private final Optional<String> handler;
    private final Instance<MpGuard> guard;

    @Inject
    public MpStartCheck(@ConfigProperty(name = "quarkus.lambda.handler") Optional<String> handler,
            Instance<MpGuard> guard) {
        this.handler = handler;
        this.guard = guard;
    }

    void onStart(@Observes StartupEvent start) {
        if (handler.filter(MpGuard.GUARDED::contains).isPresent()) {
            LOG.infof("%s: MP callback checks: %s", handler.get(), guard.get().checks());
        }
    }
}
