package io.github.payguru.merchant.dev.simulator;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Request parsing and the two platforms' answer envelopes, shared by the simulator's resources. */
final class SimHttp {

    static final ObjectMapper JSON = JsonMapper.builder()
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    /** PHS statuses and their messages as documented (src/site/markdown/payguru-api.md §2.4). */
    static final Map<String, String> PHS_MESSAGES = Map.ofEntries(
            Map.entry("000", "Success"), Map.entry("ERR_001", "Invalid Authorization"),
            Map.entry("ERR_002", "IP Not Allowed"), Map.entry("ERR_004", "Invalid Merchant"),
            Map.entry("ERR_005", "Invalid Service"), Map.entry("ERR_006", "Invalid Transaction"),
            Map.entry("ERR_007", "Invalid Request"), Map.entry("ERR_008", "Bad Request"),
            Map.entry("ERR_009", "Service Not Enabled"), Map.entry("ERR_010", "Internal Error"),
            Map.entry("ERR_011", "Invalid Bank"), Map.entry("ERR_012", "Amount Required For SALES"),
            Map.entry("ERR_013", "Invalid Payment Notification"), Map.entry("ERR_014", "Invalid Order"),
            Map.entry("ERR_015", "Empty Token"), Map.entry("ERR_016", "Invalid Token"),
            Map.entry("ERR_017", "Invalid Amount"), Map.entry("ERR_018", "Spending Already Recorded"),
            Map.entry("ERR_019", "Order Exists"), Map.entry("ERR_020", "Unauthorized"),
            Map.entry("ERR_021", "Amount Limit Exceeded"), Map.entry("ERR_039", "Invalid Action"));

    private SimHttp() {
    }

    /**
     * Query parameters, then the body's: a form, or a JSON object (nested objects flattened to
     * {@code outer[inner]}, numbers kept as written).
     */
    static Map<String, String> params(UriInfo uri, HttpHeaders headers, String body) {
        Map<String, String> out = new LinkedHashMap<>();
        uri.getQueryParameters().forEach((k, v) -> {
            if (!v.isEmpty()) {
                out.put(k, v.get(0));
            }
        });
        if (body == null || body.isBlank()) {
            return out;
        }
        MediaType type = headers.getMediaType();
        String t = type == null ? "" : (type.getType() + "/" + type.getSubtype()).toLowerCase(Locale.ROOT);
        boolean json = t.endsWith("json") || (!t.contains("form") && body.stripLeading().startsWith("{"));
        if (json) {
            try {
                flatten("", JSON.readTree(body), out);
            } catch (Exception e) {
                throw new SimulatorError(400, "bad-json", "body is not JSON");
            }
        } else {
            for (String pair : body.strip().split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                } else if (!pair.isEmpty()) {
                    out.put(URLDecoder.decode(pair, StandardCharsets.UTF_8), "");
                }
            }
        }
        return out;
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> out) {
        if (node == null || node.isNull()) {
            return;
        }
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> it = node.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                flatten(prefix.isEmpty() ? e.getKey() : prefix + "[" + e.getKey() + "]", e.getValue(), out);
            }
        } else if (node.isBigDecimal()) {
            out.put(prefix, node.decimalValue().toPlainString());
        } else if (!node.isArray()) {
            out.put(prefix, node.asText());
        }
    }

    /** Lower-case header names, first value. */
    static Map<String, String> headers(HttpHeaders headers) {
        Map<String, String> out = new LinkedHashMap<>();
        headers.getRequestHeaders().forEach((k, v) -> {
            if (!v.isEmpty()) {
                out.put(k.toLowerCase(Locale.ROOT), v.get(0));
            }
        });
        return out;
    }

    // ------------------------------------------------------------------ MP envelope

    static ObjectNode mpEnvelope(boolean success, String code, String description, String detail, long startNanos,
            PayguruSimulator sim) {
        ObjectNode root = SimJson.object();
        ObjectNode r = root.putObject("response");
        r.put("result", success ? "SUCCESS" : "FAILED");
        r.put("resultCode", code);
        r.put("resultDescription", description);
        r.put("resultDetail", detail == null ? "" : detail);
        r.put("timeElapsed", (System.nanoTime() - startNanos) / 1_000_000L);
        r.put("responsetime", SimDates.text(sim.now()));
        return root;
    }

    static Response mpOk(ObjectNode root) {
        return Response.ok(root.toString(), MediaType.APPLICATION_JSON_TYPE).build();
    }

    static Response mpError(SimulatorError e, long start, PayguruSimulator sim) {
        return Response.status(e.httpStatus())
                .entity(mpEnvelope(false, e.code(), e.getMessage(), null, start, sim).toString())
                .type(MediaType.APPLICATION_JSON_TYPE).build();
    }

    static Response mpFault(SimulatorFault f, long start, PayguruSimulator sim) {
        return mpError(new SimulatorError(f.httpStatus(), f.code(), "simulated failure"), start, sim);
    }

    /** The answer of a successful MP call, given its parameters and when it started (for {@code timeElapsed}). */
    interface MpAnswer {
        ObjectNode make(Map<String, String> params, long startNanos);
    }

    /**
     * One MP API call (the payment page's {@code /token} included) through the simulator's
     * {@link RequestGate}: its parameters read, answered with a queued fault or by {@code answer}, and a
     * refusal answered as MP does ({@code FAILED} with its HTTP status).
     */
    static Response mpCall(PayguruSimulator sim, String operation, String method, String path,
            Supplier<Map<String, String>> params, HttpHeaders headers, MpAnswer answer) {
        long start = System.nanoTime();
        try {
            Map<String, String> p = params.get();
            return sim.gate().pass(operation, method, path, p, headers(headers), f -> mpFault(f, start, sim),
                    () -> mpOk(answer.make(p, start)));
        } catch (SimulatorError e) {
            return mpError(e, start, sim);
        }
    }

    // ------------------------------------------------------------------ PHS envelope

    static ObjectNode phsOk() {
        ObjectNode o = SimJson.object();
        o.put("status", "000");
        o.put("message", PHS_MESSAGES.get("000"));
        return o;
    }

    static Response phsOk(ObjectNode body) {
        return Response.ok(body.toString(), MediaType.APPLICATION_JSON_TYPE).build();
    }

    static Response phsError(SimulatorError e) {
        ObjectNode o = SimJson.object();
        o.put("status", e.code());
        o.put("message", e.getMessage() != null ? e.getMessage()
                : e.code() == null ? "Error" : PHS_MESSAGES.getOrDefault(e.code(), "Error"));
        return Response.status(e.httpStatus()).entity(o.toString()).type(MediaType.APPLICATION_JSON_TYPE).build();
    }

    static Response phsFault(SimulatorFault f) {
        return phsError(new SimulatorError(f.httpStatus(), f.code(), null));
    }

    /** The message of a PHS status, for an error page. */
    static String phsMessage(String code) {
        return code == null ? "Error" : PHS_MESSAGES.getOrDefault(code, code);
    }

    // ------------------------------------------------------------------ pages

    static Response html(int status, String title, String body) {
        String page = "<!doctype html><html lang=\"tr\"><head><meta charset=\"utf-8\"><title>" + esc(title)
                + " (Payguru simulator)</title></head><body style=\"font-family:sans-serif;max-width:40em;margin:2em auto\">"
                + "<p style=\"color:#a00\">Payguru simulator: not a real payment page.</p><h1>" + esc(title) + "</h1>"
                + body + "</body></html>";
        return Response.status(status).entity(page).type(MediaType.TEXT_HTML_TYPE.withCharset("utf-8")).build();
    }

    static String links(List<String[]> labelAndHref) {
        StringBuilder b = new StringBuilder("<ul>");
        for (String[] l : labelAndHref) {
            b.append("<li><a href=\"").append(esc(l[1])).append("\">").append(esc(l[0])).append("</a></li>");
        }
        return b.append("</ul>").toString();
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }
}
