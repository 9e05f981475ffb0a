package io.github.payguru.merchant.dev.simulator;

import java.util.Map;
import java.util.Optional;

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
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.payguru.merchant.payguru.ServiceDirectory.NamedService;
import io.quarkus.arc.profile.IfBuildProfile;

/**
 * The simulated MP API ({@code http://api.trend-tech.net/MicroPayment}, src/site/markdown/payguru-api.md §2.1) under
 * {@code /_simulator/mp}.
 * <p>
 * Answers: {@code {"response":{"result":"SUCCESS"|"FAILED","resultCode":"0000",
 * "resultDescription","resultDetail","timeElapsed","responsetime"}, ...}}. Detail, refund and cancel
 * put the object under {@code subscription} (as the documentation does, even for a transaction).
 * Searches (the row shape is not documented; the simulator's choice): the rows under
 * {@code transactions}, {@code subscriptions} or {@code messages}, with {@code page}, {@code limit}
 * and {@code total} (rows matching before paging); a client pages until it gets fewer than
 * {@code limit} rows.
 * <p>
 * Errors: 400 malformed id or search body; 403 {@code IP not allowed} (control knob) or a merchant or
 * service that is not the configured merchant's ({@code 1003}); 404 unknown transaction or
 * subscription; 409 refund of a transaction that is not paid, cancel of a cancelled subscription;
 * 429 over the documented rate limits.
 */
@IfBuildProfile(anyOf = { "dev", "test" })
@Path("/_simulator/mp")
@Produces(MediaType.APPLICATION_JSON)
public class MpApiResource {

    @Inject
    PayguruSimulator sim;

    @Context
    UriInfo uri;

    @Context
    HttpHeaders headers;

    @GET
    @Path("/transaction/detail/{merchantId}/{serviceId}/{transactionId}")
    public Response transactionDetail(@PathParam("merchantId") String merchantId,
            @PathParam("serviceId") String serviceId, @PathParam("transactionId") String transactionId) {
        return run("mp.transaction.detail", Map.of("merchantId", merchantId, "serviceId", serviceId, "transactionId",
                transactionId), start -> {
                    NamedService svc = sim.mp().mpCheck("mp.transaction.detail", merchantId, serviceId);
                    MpTransaction tx = sim.mp().mpTransactionOf(svc, numeric("transactionId", transactionId));
                    ObjectNode root = SimHttp.mpEnvelope(true, PayguruSimulator.MP_SUCCESS, "Success", null, start, sim);
                    root.set("subscription", tx.toJson(sim.mp().mpTextDates()));
                    return root;
                });
    }

    @GET
    @Path("/transaction/refund/{merchantId}/{serviceId}/{transactionId}")
    public Response transactionRefund(@PathParam("merchantId") String merchantId,
            @PathParam("serviceId") String serviceId, @PathParam("transactionId") String transactionId) {
        return run("mp.transaction.refund", Map.of("merchantId", merchantId, "serviceId", serviceId, "transactionId",
                transactionId), start -> {
                    NamedService svc = sim.mp().mpCheck("mp.transaction.refund", merchantId, serviceId);
                    MpTransaction tx = sim.mp().refund(svc, numeric("transactionId", transactionId));
                    ObjectNode root = SimHttp.mpEnvelope(true, PayguruSimulator.MP_SUCCESS, "Success",
                            "refund started", start, sim);
                    root.set("subscription", tx.toJson(sim.mp().mpTextDates()));
                    return root;
                });
    }

    @GET
    @Path("/subscription/detail/{merchantId}/{serviceId}/{subscriptionId}")
    public Response subscriptionDetail(@PathParam("merchantId") String merchantId,
            @PathParam("serviceId") String serviceId, @PathParam("subscriptionId") String subscriptionId) {
        return run("mp.subscription.detail", Map.of("merchantId", merchantId, "serviceId", serviceId,
                "subscriptionId", subscriptionId), start -> {
                    NamedService svc = sim.mp().mpCheck("mp.subscription.detail", merchantId, serviceId);
                    MpSubscription s = sim.mp().subscriptionOf(svc, numeric("subscriptionId", subscriptionId));
                    ObjectNode root = SimHttp.mpEnvelope(true, PayguruSimulator.MP_SUCCESS, "Success", null, start, sim);
                    root.set("subscription", s.toJson(sim.mp().mpTextDates()));
                    return root;
                });
    }

    @GET
    @Path("/subscription/cancel/{merchantId}/{serviceId}/{subscriptionId}")
    public Response subscriptionCancel(@PathParam("merchantId") String merchantId,
            @PathParam("serviceId") String serviceId, @PathParam("subscriptionId") String subscriptionId) {
        return run("mp.subscription.cancel", Map.of("merchantId", merchantId, "serviceId", serviceId,
                "subscriptionId", subscriptionId), start -> {
                    NamedService svc = sim.mp().mpCheck("mp.subscription.cancel", merchantId, serviceId);
                    MpSubscription s = sim.mp().cancel(svc, numeric("subscriptionId", subscriptionId));
                    ObjectNode root = SimHttp.mpEnvelope(true, PayguruSimulator.MP_SUCCESS, "Success",
                            "subscription cancelled", start, sim);
                    root.set("subscription", s.toJson(sim.mp().mpTextDates()));
                    return root;
                });
    }

    @POST
    @Path("/transactions/search")
    @Consumes(MediaType.WILDCARD)
    public Response searchTransactions(String body) {
        return search("mp.transactions.search", "transactions", body);
    }

    @POST
    @Path("/subscriptions/search")
    @Consumes(MediaType.WILDCARD)
    public Response searchSubscriptions(String body) {
        return search("mp.subscriptions.search", "subscriptions", body);
    }

    @POST
    @Path("/messages/search")
    @Consumes(MediaType.WILDCARD)
    public Response searchMessages(String body) {
        return search("mp.messages.search", "messages", body);
    }

    private Response search(String operation, String what, String body) {
        JsonNode parsed;
        try {
            parsed = body == null || body.isBlank() ? null : SimHttp.JSON.readTree(body);
        } catch (Exception e) {
            parsed = null;
        }
        JsonNode in = parsed;
        Map<String, String> recorded = new java.util.LinkedHashMap<>();
        recorded.put("body", body == null ? "" : body);
        return run(operation, recorded, start -> {
            if (in == null || !in.isObject()) {
                throw new SimulatorError(400, PayguruSimulator.MP_BAD_REQUEST, "body must be a JSON object");
            }
            NamedService svc = sim.mp().mpCheck(operation, in.path("merchantId").asText(null),
                    in.path("serviceId").asText(null));
            Search.Page page = Search.apply(sim.mp().rows(what, svc), in);
            ObjectNode root = SimHttp.mpEnvelope(true, PayguruSimulator.MP_SUCCESS, "Success", null, start, sim);
            ArrayNode rows = root.putArray(what);
            page.rows().forEach(rows::add);
            root.put("page", page.page());
            root.put("limit", page.limit());
            root.put("total", page.total());
            return root;
        });
    }

    private interface Body {
        ObjectNode make(long startNanos);
    }

    private Response run(String operation, Map<String, String> params, Body body) {
        long start = System.nanoTime();
        Optional<SimulatorFault> fault = sim.enter(operation, method(), uri.getPath(), params,
                SimHttp.headers(headers));
        try {
            if (fault.isPresent()) {
                return SimHttp.mpFault(fault.get(), start, sim);
            }
            return SimHttp.mpOk(body.make(start));
        } catch (SimulatorError e) {
            return SimHttp.mpError(e, start, sim);
        } finally {
            sim.leave();
        }
    }

    private String method() {
        return uri.getPath().contains("search") ? "POST" : "GET";
    }

    private static String numeric(String field, String value) {
        if (value == null || !value.matches("\\d{1,20}")) {
            throw new SimulatorError(400, PayguruSimulator.MP_BAD_REQUEST, "malformed " + field);
        }
        return value;
    }

}
