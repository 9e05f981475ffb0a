package io.github.payguru.merchant.mp.api;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

/** Payguru MP payment page (documented base {@code https://cp.payguru.com}): {@code POST /token}, form fields. */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public interface CheckoutApi {

    @POST
    @Path("token")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    Response token(MultivaluedMap<String, String> form);
}
