package io.github.payguru.merchant.payguru;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.StringJoiner;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The HTTP side of the Payguru calls: the JDK's {@link HttpClient} (HTTP/1.1, no redirects followed, the
 * configured connect timeout; the read timeout on each request), one per container. Every status comes back as an
 * {@link Answer} for {@link PayguruOutcome} to type; a call that got no answer throws (timeout, refused
 * connection), which {@link PayguruCalls} classifies. Why not a REST client framework: Quarkus's REST client
 * brought Vert.x, Netty, RESTEasy Reactive and Mutiny, about 9 MB of the function.zip, for a dozen plain GET
 * and POST calls; the line's API classes ({@code mp/api}, {@code phs/api}) spell their paths with {@link Target}.
 */
@ApplicationScoped
public class PayguruClients {

    /** A Payguru answer: the HTTP status and the body as text ("" when there is none). */
    public record Answer(int status, String body) {
    }

    /** One API's base URL, with the container's HTTP client. */
    public final class Target {

        private final String base;

        private Target(String baseUrl) {
            this.base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        }

        /** {@code GET <base>/<path>?<query>}; {@code path} is already encoded ({@link #segment}). */
        public Answer get(String path, Map<String, String> query, Map<String, String> headers) {
            String q = form(query);
            return send(request(path + (q.isEmpty() ? "" : "?" + q), headers).GET());
        }

        /** {@code POST <base>/<path>} with a form body ({@code application/x-www-form-urlencoded}, UTF-8). */
        public Answer postForm(String path, Map<String, String> form, Map<String, String> headers) {
            return send(request(path, headers).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form(form), StandardCharsets.UTF_8)));
        }

        /** {@code POST <base>/<path>} with a JSON body. */
        public Answer postJson(String path, String json, Map<String, String> headers) {
            return send(request(path, headers).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)));
        }

        private HttpRequest.Builder request(String path, Map<String, String> headers) {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + "/" + path))
                    .timeout(config.readTimeout()).header("Accept", "application/json");
            headers.forEach((name, value) -> {
                if (value != null) {
                    b.header(name, value);
                }
            });
            return b;
        }
    }

    private final PayguruApiConfig config;
    private final HttpClient http;

    @Inject
    public PayguruClients(PayguruApiConfig config) {
        this.config = config;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(config.connectTimeout()).build();
    }

    /** The API at {@code baseUrl} (production, sandbox or the local simulator). */
    public Target at(String baseUrl) {
        return new Target(baseUrl);
    }

    /** One path segment, percent-encoded (a space as {@code %20}, a slash kept inside the segment). */
    public static String segment(String value) {
        return URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Form (and query) encoding, in the map's order; null values are left out. */
    static String form(Map<String, String> fields) {
        StringJoiner out = new StringJoiner("&");
        fields.forEach((name, value) -> {
            if (value != null) {
                out.add(URLEncoder.encode(name, StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(value, StandardCharsets.UTF_8));
            }
        });
        return out.toString();
    }

    private Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Answer(r.statusCode(), r.body() == null ? "" : r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Payguru", e);
        }
    }
}
