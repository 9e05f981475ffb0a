package io.github.payguru.merchant.dev.simulator;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.arc.profile.IfBuildProfile;

/**
 * {@link PayguruSimulator}'s controls as JSON over HTTP under {@code /_simulator/control}, for the
 * local run (src/site/markdown/local-run-and-simulator.md "Control" has curl examples). Requests and deliveries are
 * shown with
 * personal data and keys masked.
 */
@IfBuildProfile(anyOf = { "dev", "test" })
@Path("/_simulator/control")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
public class ControlResource {

    @Inject
    PayguruSimulator sim;

    @POST
    @Path("/reset")
    public Response reset() {
        sim.reset();
        return ok("reset");
    }

    /** {@code {"operation":"mp.transaction.refund","status":503,"code":"9999"}} */
    @POST
    @Path("/fail-next")
    public Response failNext(String body) {
        JsonNode in = object(body);
        sim.failNext(text(in, "operation"), in.path("status").asInt(500), in.path("code").asText("9999"));
        return ok("next " + text(in, "operation") + " fails");
    }

    /** {@code {"operation":"phs.transaction.get","ms":15000}} */
    @POST
    @Path("/delay-next")
    public Response delayNext(String body) {
        JsonNode in = object(body);
        sim.delayNext(text(in, "operation"), Duration.ofMillis(in.path("ms").asLong(0)));
        return ok("next " + text(in, "operation") + " is delayed");
    }

    @POST
    @Path("/expire-tokens")
    public Response expireTokens() {
        sim.expireTokens();
        return ok("PHS tokens expired");
    }

    /** {@code {"allowed":false}} */
    @POST
    @Path("/allow-ip")
    public Response allowIp(String body) {
        return toggle(body, "allowed", sim::allowIp, "IP allowed", "IP refused");
    }

    /** {@code {"sandbox":false}}: {@code transaction/test} refused with {@code ERR_039}. */
    @POST
    @Path("/phs-sandbox")
    public Response phsSandbox(String body) {
        return toggle(body, "sandbox", sim::setPhsSandbox, "sandbox", "production");
    }

    @GET
    @Path("/delivery")
    public Response delivery() {
        return answer(SimHttp.JSON.valueToTree(sim.delivery()));
    }

    /**
     * {@code {"duplicates":2,"delayMs":500,"reorder":true,"synchronous":false,"maxAttempts":4,"backoffMs":2000,
     * "callbackBaseUrl":"http://localhost:9000","phsCallbackMethod":"POST","mpCallbackToken":"s3cret",
     * "mpCallbackQuery":"src=payguru"}}, each optional.
     */
    @POST
    @Path("/delivery")
    public Response setDelivery(String body) {
        JsonNode in = object(body);
        Map<String, Object> now = sim.delivery();
        sim.setDelivery(in.path("duplicates").asInt((Integer) now.get("duplicates")),
                in.path("delayMs").asLong((Long) now.get("delayMs")),
                in.path("reorder").asBoolean((Boolean) now.get("reorder")));
        sim.setSynchronous(in.path("synchronous").asBoolean((Boolean) now.get("synchronous")));
        sim.setRetry(in.path("maxAttempts").asInt((Integer) now.get("maxAttempts")),
                Duration.ofMillis(in.path("backoffMs").asLong((Long) now.get("backoffMs"))));
        if (in.hasNonNull("phsCallbackMethod")) {
            sim.setPhsCallbackMethod(in.get("phsCallbackMethod").asText());
        }
        if (in.has("mpCallbackToken") || in.has("mpCallbackQuery")) {
            sim.setMpCallbackExtras(in.path("mpCallbackToken").asText(null), in.path("mpCallbackQuery").asText(null));
        }
        if (in.hasNonNull("callbackBaseUrl")) {
            sim.setCallbackBaseUrl(in.get("callbackBaseUrl").asText());
        }
        return delivery();
    }

    /** The next batch only: {@code {"duplicates":2,"delayMs":0,"reorder":false,"fail":false}}, each optional. */
    @POST
    @Path("/next-delivery")
    public Response nextDelivery(String body) {
        JsonNode in = object(body);
        sim.setNextDelivery(in.path("duplicates").asInt(1), in.path("delayMs").asLong(0),
                in.path("reorder").asBoolean(false), in.path("fail").asBoolean(false));
        return delivery();
    }

    @GET
    @Path("/requests")
    public Response requests(@QueryParam("operation") String operation) {
        ArrayNode out = SimHttp.JSON.createArrayNode();
        for (String op : operation == null ? RequestGate.OPERATIONS : List.of(operation)) {
            sim.requests(op).forEach(r -> out.add(r.toMaskedJson()));
        }
        return answer(out);
    }

    @GET
    @Path("/deliveries")
    public Response deliveries() {
        ArrayNode out = SimHttp.JSON.createArrayNode();
        sim.deliveries().forEach(d -> out.add(d.toMaskedJson()));
        return answer(out);
    }

    /** Everything the simulated platform holds. */
    @GET
    @Path("/state")
    public Response state() {
        ObjectNode o = SimJson.object();
        ArrayNode tx = o.putArray("mpTransactions");
        sim.mpTransactions().forEach(t -> tx.add(t.toJson(false)));
        ArrayNode subs = o.putArray("subscriptions");
        sim.subscriptions().forEach(s -> subs.add(s.toJson(false)));
        ArrayNode pns = o.putArray("phsPaymentNotifications");
        sim.paymentNotifications().forEach(p -> pns.add(p.toJson(serviceId(p))));
        ArrayNode phs = o.putArray("phsTransactions");
        sim.phsTransactions().forEach(t -> phs.add(t.toJson(serviceId(t))));
        return answer(o);
    }

    /** {@code {"service":"2001","status":3,"amount":"12.00","referenceCode":"ORD-1"}} */
    @POST
    @Path("/seed/mp-transaction")
    public Response seedMpTransaction(String body) {
        JsonNode in = object(body);
        return created(sim.seedMpTransaction(text(in, "service"), in.path("status").asInt(3),
                in.path("amount").asText("10.00"), in.path("referenceCode").asText(null)).toJson(false));
    }

    /** {@code {"service":"2002","status":"active","fee":"9.99","referenceCode":"SUB-1"}} */
    @POST
    @Path("/seed/subscription")
    public Response seedSubscription(String body) {
        JsonNode in = object(body);
        return created(sim.seedSubscription(text(in, "service"), in.path("status").asText("active"),
                in.path("fee").asText("9.99"), in.path("referenceCode").asText(null)).toJson(false));
    }

    /** {@code {"service":"SHOP","order":"ORD-1","amount":"250.00","status":3}} */
    @POST
    @Path("/seed/phs-transaction")
    public Response seedPhsTransaction(String body) {
        JsonNode in = object(body);
        PhsTransaction t = sim.seedPhsTransaction(text(in, "service"), text(in, "order"),
                in.path("amount").asText("100.00"), in.path("status").asInt(3));
        return created(t.toJson(serviceId(t)));
    }

    /** {@code {"transactionId":"700000123","status":1}} */
    @POST
    @Path("/seed/phs-refund")
    public Response seedPhsRefund(String body) {
        JsonNode in = object(body);
        return created(sim.seedPhsRefund(text(in, "transactionId"), in.path("status").asInt(1)).toJson());
    }

    /** A renewal charge: {@code ?result=paid} (default) or {@code failed}. */
    @POST
    @Path("/mp/subscriptions/{id}/renew")
    public Response renew(@PathParam("id") String id, @QueryParam("result") String result) {
        return answer(sim.renewSubscription(id, result == null || "paid".equals(result)).toJson(false));
    }

    /**
     * An SMS-initiated payment: {@code {"service":"2001","price":"5.00","keyword":"SUPERPOWER",
     * "referenceCode":"XQWESTRES","msisdn":"905321234567","confirmed":true}}.
     */
    @POST
    @Path("/mp/sms")
    public Response sms(String body) {
        JsonNode in = object(body);
        return answer(sim.smsPurchase(text(in, "service"), text(in, "price"), text(in, "keyword"),
                in.path("referenceCode").asText(null), in.path("msisdn").asText(null),
                in.path("confirmed").asBoolean(true)).toJson(false));
    }

    /** Finishes a refund held at 7 (with {@code payguru.simulator.refund-completes=false}). */
    @POST
    @Path("/mp/transactions/{id}/complete-refund")
    public Response completeRefund(@PathParam("id") String id) {
        return answer(sim.completeRefund(id).toJson(false));
    }

    /** Bad control input is a 400 with the reason, for this resource only. */
    @ServerExceptionMapper
    public Response refused(IllegalArgumentException e) {
        return error(400, e.getMessage());
    }

    /** A control the simulated platform refuses (e.g. completing a refund that is not held) answers its status. */
    @ServerExceptionMapper
    public Response refused(SimulatorError e) {
        return error(e.httpStatus(), e.getMessage());
    }

    private static JsonNode object(String body) {
        try {
            JsonNode n = body == null || body.isBlank() ? SimJson.object() : SimHttp.JSON.readTree(body);
            if (!n.isObject()) {
                throw new IllegalArgumentException("body must be a JSON object");
            }
            return n;
        } catch (IOException e) {
            throw new IllegalArgumentException("body must be a JSON object");
        }
    }

    private static String text(JsonNode in, String field) {
        JsonNode v = in.get(field);
        if (v == null || v.isNull() || v.asText().isEmpty()) {
            throw new IllegalArgumentException("missing field: " + field);
        }
        return v.asText();
    }

    private static Response toggle(String body, String field, Consumer<Boolean> control, String on, String off) {
        boolean value = object(body).path(field).asBoolean(true);
        control.accept(value);
        return ok(value ? on : off);
    }

    private long serviceId(PhsPayment p) {
        return sim.phs().state().serviceId(p.serviceCode);
    }

    private static Response ok(String what) {
        ObjectNode o = SimJson.object();
        o.put("ok", what);
        return answer(o);
    }

    private static Response answer(JsonNode body) {
        return Response.ok(body.toString()).build();
    }

    private static Response created(JsonNode body) {
        return Response.status(201).entity(body.toString()).build();
    }

    private static Response error(int status, String message) {
        ObjectNode o = SimJson.object();
        o.put("error", message);
        return Response.status(status).entity(o.toString()).type(MediaType.APPLICATION_JSON_TYPE).build();
    }
}
