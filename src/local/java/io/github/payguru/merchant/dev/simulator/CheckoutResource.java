package io.github.payguru.merchant.dev.simulator;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.arc.profile.IfBuildProfile;

/**
 * The simulated customer-facing side of Payguru under {@code /_simulator/cp}: the MP payment page
 * ({@code POST /token} like {@code https://cp.payguru.com/token}, src/site/markdown/payguru-api.md §2.2, then the page at
 * {@code /pay/{token}}) and the PHS transfer page ({@code /phs/yonlendir/{code}} like
 * {@code https://cp.payguru.com/phs/yonlendir/{code}}).
 * <p>
 * {@code POST /token} (form or JSON; key = md5(merchantId + serviceId + referenceCode + item + price +
 * successUrl + failureUrl + service private key)) answers {@code {"response":{"result":"SUCCESS",…},
 * "tokenData":{"token","redirectUrl"}}}; 400 with {@code FAILED} for a missing field or a wrong key
 * ({@code 1002}), 403 for a merchant or service that is not configured.
 * <p>
 * {@code GET /pay/{token}?result=paid|failed|expired|declined[&msisdn=…&operator=1|4|5]} is the customer
 * finishing the page: the transaction (and subscription) is created, the notifications are sent to the
 * merchant's MP routes, and the customer is redirected (302) to {@code successUrl} or {@code failureUrl}.
 * Without {@code result} an HTML page offers the choices. A token serves once (410 after).
 * <p>
 * {@code GET /phs/yonlendir/{code}?redirect=…&backUrl=…} shows the transfer instructions; with
 * {@code pay=1} (or {@code POST}) the transfer arrives: TCKN verify, then the signed PHS notify, then a
 * 302 to {@code redirect} (or a page saying the transfer arrived). {@code tckn=…} simulates a transfer
 * from an account with another TCKN than the one given at create.
 */
@IfBuildProfile(anyOf = { "dev", "test" })
@Path("/_simulator/cp")
public class CheckoutResource {

    @Inject
    PayguruSimulator sim;

    @Context
    UriInfo uri;

    @Context
    HttpHeaders headers;

    @POST
    @Path("/token")
    @Consumes(MediaType.WILDCARD)
    public Response token(String body) {
        return SimHttp.mpCall(sim, "cp.token", "POST", uri.getPath(), () -> SimHttp.params(uri, headers, body), headers,
                (p, start) -> {
                    CheckoutToken t = sim.mp().payments().createCheckoutToken(p);
                    ObjectNode root = SimHttp.mpEnvelope(true, PayguruSimulator.MP_SUCCESS, "Success", null, start, sim);
                    ObjectNode data = root.putObject("tokenData");
                    data.put("token", t.token);
                    data.put("redirectUrl", sim.mp().payments().redirectUrl(t));
                    return root;
                });
    }

    @GET
    @Path("/pay/{token}")
    public Response pay(@PathParam("token") String token, @QueryParam("result") String result,
            @QueryParam("msisdn") String msisdn, @QueryParam("operator") String operator) {
        Optional<CheckoutToken> t = sim.mp().state().checkoutToken(token);
        if (t.isEmpty()) {
            return SimHttp.html(404, "Unknown payment page", "<p>No payment page with this token.</p>");
        }
        if (result == null || result.isEmpty()) {
            CheckoutToken c = t.get();
            String base = uri.getPath();
            return SimHttp.html(200, "Mobile payment: " + c.item,
                    "<p>" + SimHttp.esc(c.item) + " — " + SimHttp.esc(c.price) + " TL"
                            + (c.hasTrialPeriod ? " (" + c.trialPeriodDay + " days free)" : "") + "</p>"
                            + SimHttp.links(List.of(new String[] { "Pay (customer confirms)", base + "?result=paid" },
                                    new String[] { "Customer does not confirm (9)", base + "?result=failed" },
                                    new String[] { "Page expires (5)", base + "?result=expired" },
                                    new String[] { "Operator declines (4)", base + "?result=declined" })));
        }
        String phone = msisdn == null || msisdn.isEmpty() ? MpState.DEFAULT_MSISDN : msisdn;
        int op;
        try {
            op = operator == null || operator.isEmpty() ? 1 : Integer.parseInt(operator);
        } catch (NumberFormatException e) {
            op = 0;
        }
        if (op != 1 && op != 4 && op != 5) {
            // the documented operator codes (Turkcell, Türk Telekom, Vodafone); anything else would make a
            // notification no merchant accepts
            return SimHttp.html(400, "Bad operator", "<p>operator must be 1, 4 or 5.</p>");
        }
        try {
            String target = sim.mp().payments().finishCheckout(token, result, phone, op);
            return Response.status(302).location(URI.create(target)).build();
        } catch (SimulatorError e) {
            return SimHttp.html(e.httpStatus(), "Payment page unavailable", "<p>" + SimHttp.esc(e.getMessage()) + "</p>");
        } catch (IllegalArgumentException e) {
            return SimHttp.html(400, "Bad return URL", "<p>The merchant's return URL is not a URL.</p>");
        }
    }

    @GET
    @Path("/phs/yonlendir/{code}")
    public Response transferPage(@PathParam("code") String code, @QueryParam("redirect") String redirect,
            @QueryParam("backUrl") String backUrl, @QueryParam("pay") String pay, @QueryParam("tckn") String tckn) {
        if ("1".equals(pay) || "true".equalsIgnoreCase(pay)) {
            return transfer(code, redirect, tckn);
        }
        Optional<PhsPaymentNotification> pn = sim.paymentNotificationByCode(code);
        if (pn.isEmpty()) {
            return SimHttp.html(404, "Unknown payment", "<p>No payment notification with this code.</p>");
        }
        PhsPaymentNotification p = pn.get();
        String self = uri.getPath() + "?pay=1" + (redirect == null ? "" : "&redirect=" + enc(redirect));
        StringBuilder body = new StringBuilder();
        body.append("<p>Transfer <b>").append(SimHttp.esc(p.amount)).append(" TL</b> to Payguru's account at ")
                .append(SimHttp.esc(p.bank.name())).append(" with the reference <b>").append(SimHttp.esc(p.code))
                .append("</b> in the description.</p>");
        body.append(SimHttp.links(backUrl == null ? List.<String[]>of(new String[] { "Simulate: the transfer arrives", self })
                : List.of(new String[] { "Simulate: the transfer arrives", self },
                        new String[] { "Back to the shop", backUrl })));
        return SimHttp.html(200, "Bank transfer", body.toString());
    }

    @POST
    @Path("/phs/yonlendir/{code}")
    @Consumes(MediaType.WILDCARD)
    public Response transferPost(@PathParam("code") String code, @QueryParam("redirect") String redirect,
            @QueryParam("tckn") String tckn) {
        return transfer(code, redirect, tckn);
    }

    private Response transfer(String code, String redirect, String tckn) {
        try {
            PhsTransaction tx = sim.phs().transfers().transfer(code, tckn == null || tckn.isEmpty() ? null : tckn, false);
            if (redirect != null && !redirect.isEmpty()) {
                return Response.status(302).location(URI.create(redirect)).build();
            }
            return SimHttp.html(200, "Transfer received",
                    "<p>Payguru received the transfer (transaction " + SimHttp.esc(tx.id)
                            + "); the merchant is being notified.</p>");
        } catch (SimulatorError e) {
            return SimHttp.html(e.httpStatus() == 200 ? 400 : e.httpStatus(), "Transfer refused",
                    "<p>" + SimHttp.esc(SimHttp.phsMessage(e.code())) + "</p>");
        } catch (IllegalArgumentException e) {
            return SimHttp.html(400, "Bad redirect", "<p>redirect is not a URL.</p>");
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
