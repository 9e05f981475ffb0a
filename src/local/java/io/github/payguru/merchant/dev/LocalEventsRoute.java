package io.github.payguru.merchant.dev;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;

import io.github.payguru.merchant.events.ChangeEvent;
import io.github.payguru.merchant.events.EventDerivation;
import io.quarkus.arc.profile.IfBuildProfile;
import io.vertx.ext.web.Router;

/**
 * {@code GET /_local/events}: the change events published locally, oldest first, each as EventBridge delivers it
 * ({@code id}, {@code source}, {@code detail-type}, {@code time}, {@code detail}). Reads the stream first, so what
 * was just written is there.
 */
@IfBuildProfile(anyOf = { "dev", "test" })
@ApplicationScoped
public class LocalEventsRoute {

    @Inject
    StreamPoller poller;

    @Inject
    ObjectMapper json;

    void routes(@Observes Router router) {
        router.get("/_local/events").blockingHandler(ctx -> {
            poller.drain();
            ArrayNode out = json.createArrayNode();
            for (ChangeEvent e : poller.published()) {
                out.addObject().put("id", e.eventId()).put("source", EventDerivation.SOURCE)
                        .put("detail-type", e.detailType()).put("time", e.occurredAt()).set("detail", e.detail());
            }
            ctx.response().putHeader("content-type", "application/json").end(out.toString());
        }, false);
    }
}
