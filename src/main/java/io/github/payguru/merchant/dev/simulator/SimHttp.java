package io.github.payguru.merchant.dev.simulator;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

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

    static ObjectNode object() {
        return JsonNodeFactory.withExactBigDecimals(true).objectNode();
    }

    // ------------------------------------------------------------------ MP envelope

    static ObjectNode mpEnvelope(boolean success, String code, String description, String detail, long startNanos,
            PayguruSimulator sim) {
        ObjectNode root = object();
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

    // ------------------------------------------------------------------ PHS envelope

    static ObjectNode phsOk() {
        ObjectNode o = object();
        o.put("status", "000");
        o.put("message", PayguruSimulator.PHS_MESSAGES.get("000"));
        return o;
    }

    static Response phsOk(ObjectNode body) {
        return Response.ok(body.toString(), MediaType.APPLICATION_JSON_TYPE).build();
    }

    static Response phsError(SimulatorError e) {
        ObjectNode o = object();
        o.put("status", e.code());
        o.put("message", e.getMessage() != null ? e.getMessage()
                : e.code() == null ? "Error" : PayguruSimulator.PHS_MESSAGES.getOrDefault(e.code(), "Error"));
        return Response.status(e.httpStatus()).entity(o.toString()).type(MediaType.APPLICATION_JSON_TYPE).build();
    }

    static Response phsFault(SimulatorFault f) {
        return phsError(new SimulatorError(f.httpStatus(), f.code(), null));
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
