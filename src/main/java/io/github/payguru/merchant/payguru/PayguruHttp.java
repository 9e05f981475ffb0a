package io.github.payguru.merchant.payguru;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.StringJoiner;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The HTTP calls to Payguru, on the JDK: no Vert.x, Netty or REST client stack in any function, so a callback that
 * never calls Payguru starts none of it (src/site/markdown/performance.md "Cold start"). Connect and read timeouts from {@link PayguruApiConfig},
 * redirects not followed, every status returned as an {@link Answer} ({@link PayguruOutcome} types them).
 * <ul>
 * <li>Reads ({@link #get}, {@link #post}) go through {@link HttpURLConnection} (the one the DynamoDB client's
 * url-connection transport already loads), kept-alive; the JDK may write a read twice after a broken connection,
 * which a query can afford.</li>
 * <li>Calls that move money ({@link #getAtMostOnce}: refund, cancel) go through {@link AtMostOnceHttp}: a fresh
 * socket, the request written once, never again by any layer, and the whole answer within the read timeout.</li>
 * </ul>
 * A call that gets no answer throws {@link UncheckedIOException}: a {@link ConnectException} when nothing was sent
 * (for a money call only {@link #notSent} proves that), a {@link SocketTimeoutException} when the answer did not
 * come in time, another {@link IOException} when the connection failed after the request may have left.
 */
@ApplicationScoped
public class PayguruHttp {

    /** What Payguru answered: the HTTP status and the body as text (empty when there is none). */
    public record Answer(int status, String body) {
    }

    public static final String JSON = "application/json";
    public static final String FORM = "application/x-www-form-urlencoded";

    private final PayguruApiConfig config;

    @Inject
    public PayguruHttp(PayguruApiConfig config) {
        this.config = config;
    }

    /** {@code GET base/path} with {@code headers}. */
    public Answer get(String base, String path, Map<String, String> headers) {
        return send("GET", url(base, path), headers, null, null);
    }

    /**
     * {@code GET base/path}, written at most once: for a call that moves money. Any failure but {@link #notSent}
     * may come after Payguru received (and carried out) the request.
     */
    public Answer getAtMostOnce(String base, String path, Map<String, String> headers) {
        try {
            return AtMostOnceHttp.exchange(URI.create(url(base, path)), "GET", headers, null, null,
                    config.connectTimeout(), config.readTimeout());
        } catch (IllegalArgumentException e) {
            throw new UncheckedIOException(new AtMostOnceHttp.NotSentException("not a usable Payguru URL ("
                    + e.getClass().getSimpleName() + ")", null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether a failed {@link #getAtMostOnce} proves that no byte of the request left (it could not connect). */
    public static boolean notSent(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof AtMostOnceHttp.NotSentException) {
                return true;
            }
        }
        return false;
    }

    /** {@code POST base/path} with {@code headers} and {@code body} of {@code contentType} (UTF-8). */
    public Answer post(String base, String path, Map<String, String> headers, String contentType, String body) {
        return send("POST", url(base, path), headers, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    /** One path segment or query value, percent-encoded (UTF-8; a space is {@code %20}). */
    public static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** {@code name=value&…} of the fields, in their order, each percent-encoded; null values left out. */
    public static String query(Map<String, String> fields) {
        StringJoiner out = new StringJoiner("&");
        fields.forEach((name, value) -> {
            if (value != null) {
                out.add(encode(name) + "=" + encode(value));
            }
        });
        return out.toString();
    }

    private static String url(String base, String path) {
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/" + path;
    }

    private Answer send(String method, String url, Map<String, String> headers, String contentType, byte[] body) {
        HttpURLConnection connection;
        try {
            connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
        } catch (IOException | IllegalArgumentException e) {
            // the URL's text may carry a key in its query: never put it in a message
            throw new UncheckedIOException(new ConnectException("not a usable Payguru URL ("
                    + e.getClass().getSimpleName() + ")"));
        }
        try {
            connection.setRequestMethod(method);
            connection.setConnectTimeout((int) config.connectTimeout().toMillis());
            connection.setReadTimeout((int) config.readTimeout().toMillis());
            connection.setInstanceFollowRedirects(false);
            connection.setUseCaches(false);
            connection.setRequestProperty("Accept", JSON);
            headers.forEach((name, value) -> {
                if (value != null) {
                    connection.setRequestProperty(name, value);
                }
            });
            if (body != null) {
                connection.setDoOutput(true);
                connection.setRequestProperty("Content-Type", contentType + "; charset=UTF-8");
                connection.setFixedLengthStreamingMode(body.length);
            }
            connect(connection);
            if (body != null) {
                try (OutputStream out = connection.getOutputStream()) {
                    out.write(body);
                }
            }
            int status = connection.getResponseCode();
            InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
            if (in == null) {
                return new Answer(status, "");
            }
            try (in) {
                return new Answer(status, new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            connection.disconnect();
            throw new UncheckedIOException(e);
        }
    }

    /** Connects; a connect timeout is a {@link ConnectException}: nothing reached Payguru. */
    private static void connect(HttpURLConnection connection) throws IOException {
        try {
            connection.connect();
        } catch (SocketTimeoutException e) {
            ConnectException refused = new ConnectException("connect timed out");
            refused.initCause(e);
            throw refused;
        }
    }
}
