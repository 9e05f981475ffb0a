package io.github.payguru.merchant.dev;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.payguru.merchant.kernel.BadRequestException;
import io.github.payguru.merchant.lambda.Routes;
import io.github.payguru.merchant.mp.MpRefcodes;
import io.github.payguru.merchant.phs.PhsOrders;
import io.github.payguru.merchant.store.OrderItem;
import io.github.payguru.merchant.store.RefcodeItem;
import io.quarkus.arc.Arc;
import io.quarkus.arc.profile.IfBuildProfile;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * The local stand-in for API Gateway: serves every route of {@link Routes} (= the template's
 * HttpApi events) on localhost, turns each request into the payload-2.0 event Lambda would get,
 * calls the same {@code @Named} handler bean, and writes its response back. Dev and test only.
 * <p>
 * Also serves {@code POST /_local/phs/orders} to register an order's TCKN for TCKN verify, and
 * {@code POST /_local/mp/refcodes} to register an MP reference code (REFKOD) for the refcode check.
 */
@IfBuildProfile(anyOf = { "dev", "test" })
@ApplicationScoped
public class LocalGateway {

    private static final Logger LOG = Logger.getLogger(LocalGateway.class);

    @Inject
    ObjectMapper json;

    @Inject
    PhsOrders orders;

    @Inject
    MpRefcodes refcodes;

    void routes(@Observes Router router) {
        BodyHandler body = BodyHandler.create(false).setBodyLimit(1 << 20);
        for (Routes.Route route : Routes.ALL) {
            router.route(HttpMethod.valueOf(route.method()), route.path()).handler(body)
                    .blockingHandler(ctx -> invoke(route, ctx), false);
        }
        router.post("/_local/phs/orders").handler(body).blockingHandler(ctx -> created(ctx, this::registerOrder), false);
        router.post("/_local/mp/refcodes").handler(body).blockingHandler(ctx -> created(ctx, this::registerRefcode), false);
        LOG.infof("local gateway: %d routes", Routes.ALL.size());
    }

    @SuppressWarnings("unchecked")
    private void invoke(Routes.Route route, RoutingContext ctx) {
        APIGatewayV2HTTPEvent event = toEvent(route, ctx);
        RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler = (RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>) Arc
                .container().instance(route.handler()).get();
        APIGatewayV2HTTPResponse response = handler.handleRequest(event, null);
        var out = ctx.response().setStatusCode(response.getStatusCode());
        if (response.getHeaders() != null) {
            response.getHeaders().forEach(out::putHeader);
        }
        String responseBody = response.getBody() == null ? "" : response.getBody();
        if (response.getIsBase64Encoded()) {
            out.end(io.vertx.core.buffer.Buffer.buffer(Base64.getDecoder().decode(responseBody)));
        } else {
            out.end(responseBody);
        }
    }

    static APIGatewayV2HTTPEvent toEvent(Routes.Route route, RoutingContext ctx) {
        Map<String, String> headers = new LinkedHashMap<>();
        ctx.request().headers().forEach(h -> headers.merge(h.getKey().toLowerCase(Locale.ROOT), h.getValue(),
                (a, b) -> a + "," + b));
        String contentType = headers.getOrDefault("content-type", "").toLowerCase(Locale.ROOT);
        byte[] raw = ctx.body() == null || ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
        boolean text = contentType.startsWith("application/json") || contentType.startsWith("text/")
                || contentType.startsWith("application/x-www-form-urlencoded");
        String body = raw.length == 0 ? null
                : text && isUtf8(raw) ? new String(raw, StandardCharsets.UTF_8) : Base64.getEncoder().encodeToString(raw);
        String sourceIp = ctx.request().remoteAddress() == null ? "127.0.0.1" : ctx.request().remoteAddress().host();
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey(route.method() + " " + route.path())
                .withRawPath(ctx.request().path())
                .withRawQueryString(ctx.request().query() == null ? "" : ctx.request().query())
                .withHeaders(headers)
                .withBody(body)
                .withIsBase64Encoded(body != null && !(text && isUtf8(raw)))
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withRouteKey(route.method() + " " + route.path())
                        .withStage("$default")
                        .withRequestId(UUID.randomUUID().toString())
                        .withTimeEpoch(System.currentTimeMillis())
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                                .withMethod(route.method())
                                .withPath(ctx.request().path())
                                .withProtocol("HTTP/1.1")
                                .withSourceIp(sourceIp)
                                .withUserAgent(headers.get("user-agent"))
                                .build())
                        .build())
                .build();
    }

    private ObjectNode registerOrder(JsonNode in) {
        OrderItem o = orders.register(text(in, "service"), text(in, "order"), text(in, "amount"), text(in, "tckn"),
                text(in, "code"));
        return json.createObjectNode().put("service", o.service).put("order", o.orderRef).put("amount", o.amount)
                .put("status", o.status);
    }

    /** {@code {"service":"3001","refcode":"XQWESTRES","order":"…","validMinutes":30}} → 201. */
    private ObjectNode registerRefcode(JsonNode in) {
        String minutes = text(in, "validMinutes");
        RefcodeItem r = refcodes.register(text(in, "service"), text(in, "refcode"), text(in, "order"),
                minutes == null ? null : Duration.ofMinutes(Long.parseLong(minutes)));
        return json.createObjectNode().put("refcode", r.code).put("service", r.service).put("validUntil", r.validUntil);
    }

    /** A dev registration route: a JSON object in, 201 with what was stored, or 4xx with {@code {"error"}}. */
    private void created(RoutingContext ctx, Function<JsonNode, ObjectNode> register) {
        int status;
        ObjectNode out;
        try {
            out = register.apply(json.readTree(ctx.body().asString()));
            status = 201;
        } catch (BadRequestException e) {
            status = e.status();
            out = json.createObjectNode().put("error", e.getMessage());
        } catch (Exception e) {
            status = 400;
            out = json.createObjectNode().put("error", "body must be a JSON object");
        }
        ctx.response().setStatusCode(status).putHeader("content-type", "application/json").end(out.toString());
    }

    private static String text(JsonNode in, String field) {
        JsonNode v = in == null ? null : in.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static boolean isUtf8(byte[] raw) {
        try {
            StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(raw));
            return true;
        } catch (java.nio.charset.CharacterCodingException e) {
            return false;
        }
    }
}
