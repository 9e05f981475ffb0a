package io.github.payguru.merchant.dev.simulator;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.LongFunction;

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
        return one("mp.transaction.detail", merchantId, serviceId, "transactionId", transactionId, null,
                (svc, id) -> sim.mp().state().transactionOf(svc, id));
    }

    @GET
    @Path("/transaction/refund/{merchantId}/{serviceId}/{transactionId}")
    public Response transactionRefund(@PathParam("merchantId") String merchantId,
            @PathParam("serviceId") String serviceId, @PathParam("transactionId") String transactionId) {
        return one("mp.transaction.refund", merchantId, serviceId, "transactionId", transactionId, "refund started",
                (svc, id) -> sim.mp().api().refund(svc, id));
    }

    @GET
    @Path("/subscription/detail/{merchantId}/{serviceId}/{subscriptionId}")
    public Response subscriptionDetail(@PathParam("merchantId") String merchantId,
            @PathParam("serviceId") String serviceId, @PathParam("subscriptionId") String subscriptionId) {
        return one("mp.subscription.detail", merchantId, serviceId, "subscriptionId", subscriptionId, null,
                (svc, id) -> sim.mp().state().subscriptionOf(svc, id));
    }

    @GET
    @Path("/subscription/cancel/{merchantId}/{serviceId}/{subscriptionId}")
    public Response subscriptionCancel(@PathParam("merchantId") String merchantId,
            @PathParam("serviceId") String serviceId, @PathParam("subscriptionId") String subscriptionId) {
        return one("mp.subscription.cancel", merchantId, serviceId, "subscriptionId", subscriptionId,
                "subscription cancelled", (svc, id) -> sim.mp().api().cancel(svc, id));
    }

    /**
     * A call on one transaction or subscription: the API's checks, then {@code action} on the object
     * with this numeric id, answered under {@code subscription} (the documented key, for both).
     */
    private Response one(String operation, String merchantId, String serviceId, String idField, String id,
            String detail, BiFunction<NamedService, String, MpObject> action) {
        return run(operation, Map.of("merchantId", merchantId, "serviceId", serviceId, idField, id), start -> {
            NamedService svc = sim.mp().api().check(operation, merchantId, serviceId);
            MpObject o = action.apply(svc, numeric(idField, id));
            ObjectNode root = SimHttp.mpEnvelope(true, PayguruSimulator.MP_SUCCESS, "Success", detail, start, sim);
            root.set("subscription", o.toJson(sim.mp().state().textDates()));
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
        Map<String, String> recorded = new LinkedHashMap<>();
        recorded.put("body", body == null ? "" : body);
        return run(operation, recorded, start -> {
            if (in == null || !in.isObject()) {
                throw new SimulatorError(400, PayguruSimulator.MP_BAD_REQUEST, "body must be a JSON object");
            }
            NamedService svc = sim.mp().api().check(operation, in.path("merchantId").asText(null),
                    in.path("serviceId").asText(null));
            Search.Page page = Search.apply(sim.mp().state().rows(what, svc), in);
            ObjectNode root = SimHttp.mpEnvelope(true, PayguruSimulator.MP_SUCCESS, "Success", null, start, sim);
            ArrayNode rows = root.putArray(what);
            page.rows().forEach(rows::add);
            root.put("page", page.page());
            root.put("limit", page.limit());
            root.put("total", page.total());
            return root;
        });
    }

    private Response run(String operation, Map<String, String> params, LongFunction<ObjectNode> body) {
        return SimHttp.mpCall(sim, operation, method(), uri.getPath(), () -> params, headers,
                (p, start) -> body.apply(start));
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
