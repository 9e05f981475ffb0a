package io.github.payguru.merchant.dev.console;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.payguru.merchant.events.ChangeEvent;
import io.github.payguru.merchant.reconcile.ReconcileConfig;
import io.quarkus.arc.profile.IfBuildProfile;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * The local console at {@code /_local/console}, a page of the local run in the spirit of a payment provider's
 * test-mode dashboard: the stored orders and payments of both lines, one order's timeline and change events, the
 * events as they are published, and the simulator's controls. Dev and test only (src/local/java: never in
 * function.zip). Pages are plain HTML; every form is a POST answered by a redirect ({@link ConsoleActions}), so it
 * works with JavaScript off.
 */
@IfBuildProfile(anyOf = { "dev", "test" })
@ApplicationScoped
public class ConsoleRoute {

    public static final String BASE = "/_local/console";

    @Inject
    ConsoleData data;

    @Inject
    ObjectMapper json;

    @Inject
    ReconcileConfig reconcile;

    void routes(@Observes Router router) {
        router.get(BASE).blockingHandler(ctx -> html(ctx,
                ConsolePages.overview(data.items(), data.events(), reconcile.staleAfter(),
                        ctx.request().getParam("msg"))), false);
        router.get(BASE + "/events").blockingHandler(ctx -> html(ctx, "1".equals(ctx.request().getParam("fragment"))
                ? ConsolePages.eventRows(data.events()) : ConsolePages.eventsPage(data.events())), false);
        router.get(BASE + "/order").blockingHandler(this::order, false);
        BodyHandler body = BodyHandler.create(false).setBodyLimit(64 * 1024);
        action(router, body, "/mp-checkout", ConsoleActions::mpCheckout);
        action(router, body, "/sms", ConsoleActions::smsPurchase);
        action(router, body, "/phs-transfer", ConsoleActions::phsTransfer);
        action(router, body, "/next-delivery", ConsoleActions::nextDelivery);
        action(router, body, "/confirm", ConsoleActions::confirm);
        action(router, body, "/refund", ConsoleActions::refund);
        action(router, body, "/cancel", ConsoleActions::cancel);
        router.post(BASE + "/reconcile").handler(body).blockingHandler(ctx -> redirect(ctx, actions(ctx).reconcile()),
                false);
    }

    private interface Action {
        String run(ConsoleActions actions, MultiMap form);
    }

    private void action(Router router, BodyHandler body, String path, Action action) {
        router.post(BASE + path).handler(body)
                .blockingHandler(ctx -> redirect(ctx, action.run(actions(ctx), ctx.request().formAttributes())), false);
    }

    private void order(RoutingContext ctx) {
        String ref = ctx.request().getParam("ref");
        if (ref == null || ref.isBlank()) {
            redirect(ctx, ConsoleActions.overviewUrl("Which order? /_local/console/order?ref=<order>"));
            return;
        }
        LocalCalls calls = calls(ctx);
        ConsoleData.Items items = data.items().of(ref);
        LocalCalls.Answer view = calls.post("/ops/merchant/order-get", json.createObjectNode().put("order", ref));
        List<ChangeEvent> events = data.events(items.keys());
        String message = ctx.request().getParam("msg");
        String back = ctx.request().getParam("back");
        if (message == null && back != null) {
            message = "The customer came back from Payguru's page (" + back + " URL).";
        }
        html(ctx, ConsolePages.order(ref, items, view, events, deliveries(calls, ref, items), message));
    }

    /** The simulator's delivery attempts that carried this order or one of its transactions or subscriptions. */
    private static List<JsonNode> deliveries(LocalCalls calls, String ref, ConsoleData.Items items) {
        Set<String> ids = new HashSet<>();
        items.transactions().forEach(t -> ids.add(t.txId));
        items.subscriptions().forEach(s -> ids.add(s.subsId));
        ids.remove(null);
        Function<JsonNode, String> param = p -> p.isMissingNode() || p.isNull() ? null : p.asText();
        java.util.ArrayList<JsonNode> out = new java.util.ArrayList<>();
        for (JsonNode d : calls.get("/_simulator/control/deliveries").json()) {
            JsonNode p = d.path("params");
            if (Objects.equals(param.apply(p.path("order")), ref) || ids.contains(param.apply(p.path("txId")))
                    || ids.contains(param.apply(p.path("txid"))) || ids.contains(param.apply(p.path("subsId")))) {
                out.add(d);
            }
        }
        return out;
    }

    private ConsoleActions actions(RoutingContext ctx) {
        return new ConsoleActions(calls(ctx), json);
    }

    /** The local run's own port, as the browser reached it. */
    private LocalCalls calls(RoutingContext ctx) {
        return new LocalCalls(ctx.request().localAddress().port(), json);
    }

    private static void html(RoutingContext ctx, String page) {
        ctx.response().putHeader("content-type", "text/html; charset=utf-8").putHeader("cache-control", "no-store")
                .end(page);
    }

    private static void redirect(RoutingContext ctx, String location) {
        ctx.response().setStatusCode(303).putHeader("location", location).end();
    }
}
