package io.github.payguru.merchant.phs.api;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

/**
 * Payguru PHS API (documented base {@code https://api.payguru.com/phs}, sandbox
 * {@code https://sandbox.payguru.com/phs}). Every call but getToken carries the headers
 * {@code merchant} and {@code token}. Reads are GET with query parameters as in Payguru's samples;
 * the two calls that carry personal data (create, test) are POST forms so nothing personal lands in URLs.
 */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public interface PhsApi {

    @GET
    @Path("getToken")
    Response getToken(@QueryParam("merchant") String merchant, @QueryParam("key") String key);

    @GET
    @Path("paymentNotification/get")
    Response paymentNotificationGet(@HeaderParam("merchant") String merchant, @HeaderParam("token") String token,
            @QueryParam("id") String id);

    @POST
    @Path("paymentNotification/create")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    Response paymentNotificationCreate(@HeaderParam("merchant") String merchant, @HeaderParam("token") String token,
            MultivaluedMap<String, String> form);

    @GET
    @Path("transaction/get")
    Response transactionGet(@HeaderParam("merchant") String merchant, @HeaderParam("token") String token,
            @QueryParam("id") String id);

    @GET
    @Path("refund/get")
    Response refundGet(@HeaderParam("merchant") String merchant, @HeaderParam("token") String token,
            @QueryParam("id") String id);

    @GET
    @Path("orderToReference/check")
    Response orderToReferenceCheck(@HeaderParam("merchant") String merchant, @HeaderParam("token") String token,
            @QueryParam("code") String code, @QueryParam("order") String order);

    @POST
    @Path("transaction/test")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    Response transactionTest(@HeaderParam("merchant") String merchant, @HeaderParam("token") String token,
            MultivaluedMap<String, String> form);
}
