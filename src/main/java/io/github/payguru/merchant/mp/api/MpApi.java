package io.github.payguru.merchant.mp.api;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Payguru MP API (documented base {@code http://api.trend-tech.net/MicroPayment}): transaction and
 * subscription services and customer support. No credentials in the request: Payguru allow-lists
 * the merchant's IP (HTTP 403 otherwise). Raw {@link Response}s: {@link PayguruOutcome} classifies them.
 */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public interface MpApi {

    @GET
    @Path("transaction/detail/{merchantId}/{serviceId}/{transactionId}")
    Response transactionDetail(@PathParam("merchantId") String merchantId, @PathParam("serviceId") String serviceId,
            @PathParam("transactionId") String transactionId);

    @GET
    @Path("transaction/refund/{merchantId}/{serviceId}/{transactionId}")
    Response transactionRefund(@PathParam("merchantId") String merchantId, @PathParam("serviceId") String serviceId,
            @PathParam("transactionId") String transactionId);

    @GET
    @Path("subscription/detail/{merchantId}/{serviceId}/{subscriptionId}")
    Response subscriptionDetail(@PathParam("merchantId") String merchantId, @PathParam("serviceId") String serviceId,
            @PathParam("subscriptionId") String subscriptionId);

    @GET
    @Path("subscription/cancel/{merchantId}/{serviceId}/{subscriptionId}")
    Response subscriptionCancel(@PathParam("merchantId") String merchantId, @PathParam("serviceId") String serviceId,
            @PathParam("subscriptionId") String subscriptionId);

    @POST
    @Path("transactions/search")
    @Consumes(MediaType.APPLICATION_JSON)
    Response transactionsSearch(String jsonBody);

    @POST
    @Path("subscriptions/search")
    @Consumes(MediaType.APPLICATION_JSON)
    Response subscriptionsSearch(String jsonBody);

    @POST
    @Path("messages/search")
    @Consumes(MediaType.APPLICATION_JSON)
    Response messagesSearch(String jsonBody);
}
