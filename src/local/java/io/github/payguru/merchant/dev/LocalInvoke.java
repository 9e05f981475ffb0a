package io.github.payguru.merchant.dev;

import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.Arrays;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.arc.Arc;
import io.quarkus.arc.InstanceHandle;
import io.quarkus.arc.profile.IfBuildProfile;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * {@code POST /_local/invoke/{handler}}: hands a raw Lambda event (e.g. a fixture of
 * {@code infra/events/<handler>/}) to the {@code @Named} handler of that name and answers what the
 * function returns, as Lambda would. Unlike the mock event server (one handler per process, the one
 * {@code quarkus.lambda.handler} names), it reaches every function of the local run. Dev and test only.
 */
@IfBuildProfile(anyOf = { "dev", "test" })
@ApplicationScoped
public class LocalInvoke {

    @Inject
    ObjectMapper json;

    /** Fixtures carry fields the event classes do not map; configured once, not per request. */
    private ObjectMapper events;

    @PostConstruct
    void events() {
        events = json.copy().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    }

    void routes(@Observes Router router) {
        router.post("/_local/invoke/:handler").handler(BodyHandler.create(false).setBodyLimit(1 << 20))
                .blockingHandler(this::invoke, false);
    }

    @SuppressWarnings({ "rawtypes", "unchecked" })
    private void invoke(RoutingContext ctx) {
        String name = ctx.pathParam("handler");
        InstanceHandle<Object> bean = Arc.container().instance(name);
        if (!bean.isAvailable() || !(bean.get() instanceof RequestHandler handler)) {
            reply(ctx, 404, "{\"error\":\"no Lambda handler named " + name.replaceAll("[^a-z0-9-]", "") + "\"}");
            return;
        }
        Object event;
        try {
            event = events.readValue(ctx.body().asString(), json.constructType(inputType(handler)));
        } catch (Exception e) {
            reply(ctx, 400, "{\"error\":\"the body is not a Lambda event for " + name + "\"}");
            return;
        }
        try {
            reply(ctx, 200, json.writeValueAsString(handler.handleRequest(event, null)));
        } catch (Exception e) {
            reply(ctx, 500, "{\"errorType\":\"" + e.getClass().getSimpleName() + "\"}");
        }
    }

    private static Type inputType(Object handler) {
        return Arrays.stream(handler.getClass().getMethods())
                .filter(m -> m.getName().equals("handleRequest") && !m.isBridge() && m.getParameterCount() == 2)
                .map(Method::getGenericParameterTypes).map(p -> p[0])
                .filter(t -> t != Object.class).findFirst().orElse(Object.class);
    }

    private static void reply(RoutingContext ctx, int status, String body) {
        ctx.response().setStatusCode(status).putHeader("content-type", "application/json").end(body);
    }
}
