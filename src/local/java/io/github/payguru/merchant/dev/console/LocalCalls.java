package io.github.payguru.merchant.dev.console;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.payguru.merchant.kernel.Masking;

/**
 * How the console acts: over HTTP on the local run's own port, as any client would, through the routes a deployment
 * serves ({@code /ops/...} operations and {@code /payguru/...} callbacks behind the local gateway), the simulator's
 * controls ({@code /_simulator/control/...}) and the raw-event route for the scheduled reconciliation
 * ({@code /_local/invoke/reconcile}). The console itself never writes the table.
 */
final class LocalCalls {

    /** One answer: its status and body. */
    record Answer(int status, String body, JsonNode json) {

        boolean ok() {
            return status >= 200 && status < 300;
        }

        String text(String field) {
            JsonNode v = json.path(field);
            return v.isMissingNode() || v.isNull() ? null : v.asText();
        }

        /**
         * For the console's message line: the status and the answer's outcome fields (Payguru's raw payload left
         * out), with any personal data shape masked.
         */
        String summary(String what) {
            String shown;
            if (json.isObject()) {
                ObjectNode o = JsonNodeFactory.instance.objectNode();
                for (String f : SUMMARY_FIELDS) {
                    if (json.has(f)) {
                        o.set(f, json.get(f));
                    }
                }
                shown = o.toString();
            } else {
                shown = body == null ? "" : body.strip();
            }
            shown = Masking.text(shown);
            return what + ": " + status + " " + (shown.length() > 300 ? shown.substring(0, 300) + "…" : shown);
        }
    }

    /** What an operation's answer says about its outcome (never the raw {@code payguru} payload). */
    private static final List<String> SUMMARY_FIELDS = List.of("payguruCode", "payguruMessage", "refund", "cancel",
            "state", "status", "error", "checked", "settled", "failed", "stoppedBy", "ok");

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1).build();

    private final String base;
    private final ObjectMapper json;

    LocalCalls(int port, ObjectMapper json) {
        this.base = "http://localhost:" + port;
        this.json = json;
    }

    /** The local run's address as the browser that called the console sees it. */
    String base() {
        return base;
    }

    Answer post(String path, JsonNode body) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
    }

    Answer get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    private Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> res = HTTP.send(request.timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Answer(res.statusCode(), res.body(), parse(res.body()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(0, "interrupted", MissingNode.getInstance());
        } catch (Exception e) {
            return new Answer(0, e.getClass().getSimpleName(), MissingNode.getInstance());
        }
    }

    private JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? MissingNode.getInstance() : json.readTree(body);
        } catch (Exception e) {
            return MissingNode.getInstance();
        }
    }
}
