package io.github.payguru.merchant.dev.simulator;

import java.util.Map;
import java.util.function.Function;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.arc.profile.IfBuildProfile;

/**
 * The simulated PHS API ({@code https://api.payguru.com/phs}, src/site/markdown/payguru-api.md §2.3, §2.4;
 * its callbacks §1.5, §1.6) under {@code /_simulator/phs}. Every operation takes GET query parameters or a POST form or JSON body.
 * <p>
 * {@code getToken?merchant=…&key=md5(merchantId + serverIp + merchantKey)} answers
 * {@code {"status":"000","message":"Success","token":"{GUID}"}}; the others need the headers
 * {@code merchant} and {@code token}: no token {@code ERR_015}, unknown or expired token {@code ERR_016},
 * another merchant {@code ERR_004}. Errors are {@code {"status":"ERR_0xx","message":…}} with HTTP 200
 * (the HTTP status of PHS errors is not documented; {@code failNext} can set any).
 */
@IfBuildProfile(anyOf = { "dev", "test" })
@Path("/_simulator/phs")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
public class PhsApiResource {

    @Inject
    PayguruSimulator sim;

    @Context
    UriInfo uri;

    @Context
    HttpHeaders headers;

    @Context
    Request request;

    @GET
    @Path("/getToken")
    public Response getToken() {
        return getTokenPost(null);
    }

    @POST
    @Path("/getToken")
    public Response getTokenPost(String body) {
        return run("phs.getToken", body, false, p -> {
            ObjectNode o = SimHttp.phsOk();
            o.put("token", sim.phs().api().token(p.get("merchant"), p.get("key")));
            return o;
        });
    }

    @GET
    @Path("/paymentNotification/get")
    public Response paymentNotificationGet() {
        return paymentNotificationGetPost(null);
    }

    @GET
    @Path("/paymentNotification/get/{id}")
    public Response paymentNotificationGetById(@PathParam("id") String id) {
        return run("phs.paymentNotification.get", null, true, p -> paymentNotification(id));
    }

    @POST
    @Path("/paymentNotification/get")
    public Response paymentNotificationGetPost(String body) {
        return run("phs.paymentNotification.get", body, true, p -> paymentNotification(p.get("id")));
    }

    private ObjectNode paymentNotification(String id) {
        PhsPaymentNotification pn = sim.phs().api().paymentNotification(id);
        ObjectNode o = SimHttp.phsOk();
        o.set("paymentNotification", pn.toJson(sim.phs().state().serviceId(pn.serviceCode)));
        return o;
    }

    @GET
    @Path("/paymentNotification/create")
    public Response paymentNotificationCreate() {
        return paymentNotificationCreatePost(null);
    }

    @POST
    @Path("/paymentNotification/create")
    public Response paymentNotificationCreatePost(String body) {
        return run("phs.paymentNotification.create", body, true, p -> {
            PhsPaymentNotification pn = sim.phs().api().createPaymentNotification(p);
            ObjectNode o = SimHttp.phsOk();
            o.put("code", pn.code);
            return o;
        });
    }

    @GET
    @Path("/transaction/get")
    public Response transactionGet() {
        return transactionGetPost(null);
    }

    @POST
    @Path("/transaction/get")
    public Response transactionGetPost(String body) {
        return run("phs.transaction.get", body, true, p -> {
            PhsTransaction tx = sim.phs().api().transaction(p.get("id"));
            ObjectNode o = SimHttp.phsOk();
            o.set("transaction", tx.toJson(sim.phs().state().serviceId(tx.serviceCode)));
            return o;
        });
    }

    @GET
    @Path("/refund/get")
    public Response refundGet() {
        return refundGetPost(null);
    }

    @POST
    @Path("/refund/get")
    public Response refundGetPost(String body) {
        return run("phs.refund.get", body, true, p -> {
            ObjectNode o = SimHttp.phsOk();
            o.set("data", sim.phs().api().refund(p.get("id")).toJson());
            return o;
        });
    }

    @GET
    @Path("/orderToReference/check")
    public Response orderToReference() {
        return orderToReferencePost(null);
    }

    @POST
    @Path("/orderToReference/check")
    public Response orderToReferencePost(String body) {
        return run("phs.orderToReference.check", body, true, p -> {
            ObjectNode o = SimHttp.phsOk();
            sim.phs().api().orderToReference(p.get("code"), p.get("order")).forEach((k, v) -> {
                if (v == null) {
                    o.putNull(k);
                } else {
                    o.put(k, v.toString());
                }
            });
            return o;
        });
    }

    @GET
    @Path("/transaction/test")
    public Response transactionTest() {
        return transactionTestPost(null);
    }

    /** Sandbox only: a transfer for {@code ref} arrives; answers with the merchant's answer to the notify. */
    @POST
    @Path("/transaction/test")
    public Response transactionTestPost(String body) {
        return run("phs.transaction.test", body, true, p -> {
            PhsTransaction tx = sim.phs().transfers().testTransaction(p);
            ObjectNode o = SimHttp.phsOk();
            o.put("txid", tx.id);
            String answer = sim.deliveries("phs.notify").stream()
                    .filter(d -> tx.id.equals(d.params().get("txid"))).reduce((a, b) -> b)
                    .map(Delivery::answer).orElse(null);
            o.put("response", answer);
            return o;
        });
    }

    private Response run(String operation, String body, boolean auth, Function<Map<String, String>, ObjectNode> work) {
        try {
            Map<String, String> p = SimHttp.params(uri, headers, body);
            Map<String, String> h = SimHttp.headers(headers);
            return sim.gate().pass(operation, request.getMethod(), uri.getPath(), p, h, SimHttp::phsFault, () -> {
                if (auth) {
                    sim.phs().api().authorize(h);
                }
                return SimHttp.phsOk(work.apply(p));
            });
        } catch (SimulatorError e) {
            return SimHttp.phsError("bad-json".equals(e.code()) ? SimulatorError.phs("ERR_008") : e);
        }
    }
}
