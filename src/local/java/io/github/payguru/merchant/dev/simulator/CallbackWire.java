package io.github.payguru.merchant.dev.simulator;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.payguru.merchant.kernel.Masking;

/**
 * One HTTP attempt of a simulated callback, as Payguru sends it: a {@code GET} with the parameters in
 * the query string, or a {@code POST} with a JSON body (exact decimals). Owned by {@link CallbackSender}.
 */
final class CallbackWire {

    private static final Logger LOG = Logger.getLogger(CallbackWire.class);

    private final HttpClient http;
    private final Duration timeout;
    private final Supplier<Instant> clock;

    CallbackWire(Duration timeout, Supplier<Instant> clock) {
        this.timeout = timeout;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1).build();
    }

    /** One attempt of copy {@code copy} of {@code c} to {@code url}, numbered by {@code seq} once answered. */
    Delivery send(Callback c, String url, int copy, int n, LongSupplier seq) {
        int status = 0;
        String answer;
        try {
            HttpRequest.Builder req = HttpRequest.newBuilder().timeout(timeout).header("user-agent", "payguru-simulator");
            if ("POST".equals(c.method())) {
                ObjectNode body = JsonNodeFactory.withExactBigDecimals(true).objectNode();
                c.params().forEach(body::put);
                req.uri(URI.create(url)).header("content-type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
            } else {
                url = url + (url.contains("?") ? "&" : "?") + query(c.params());
                req.uri(URI.create(url)).GET();
            }
            HttpResponse<String> res = http.send(req.build(), HttpResponse.BodyHandlers.ofString());
            status = res.statusCode();
            answer = res.body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            answer = "interrupted";
        } catch (Exception e) {
            answer = e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        boolean accepted = status != 0 && c.accepted(status, answer);
        LOG.debugf("payguru simulator: %s %s %s -> %d", c.kind(), c.method(), Masking.params(c.params()), status);
        return new Delivery(seq.getAsLong(), c.kind(), c.method(), url, c.params(), copy, n, status, answer,
                accepted, clock.get());
    }

    static String query(Map<String, String> params) {
        StringJoiner j = new StringJoiner("&");
        params.forEach((name, value) -> j.add(URLEncoder.encode(name, StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8)));
        return j.toString();
    }
}
