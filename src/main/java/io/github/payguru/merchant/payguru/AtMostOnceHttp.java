package io.github.payguru.merchant.payguru;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * One HTTP/1.1 exchange on a fresh socket of its own, for the calls that move money (MP refund, subscription
 * cancel): the request is written once and never again. The JDK's {@code HttpURLConnection} cannot promise that:
 * when a connection breaks before the status line ({@code sun.net.www.http.HttpClient#parseHTTP}) it reconnects
 * and writes a GET once more — on a kept-alive connection and on a fresh one alike — and a POST too unless
 * {@code sun.net.http.retryPost=false}; a write error on a stale connection is also written again
 * ({@code HttpURLConnection#writeRequests}). Here nothing is pooled and nothing repeated:
 * <ul>
 * <li>everything before the first byte of the request is written (name lookup, TCP connect, TLS handshake, all
 * within the connect timeout) fails as {@link NotSentException}: provably nothing reached Payguru;</li>
 * <li>anything after — a reset, a close, half an answer, an unreadable answer — is an {@link IOException} of
 * another type, and the whole answer must arrive within one deadline (the read timeout counted from the request
 * written, not per read) or it is a {@link SocketTimeoutException}.</li>
 * </ul>
 * No proxy (Payguru allow-lists the function's own address), {@code Connection: close}, no redirect followed.
 */
final class AtMostOnceHttp {

    /** Nothing of the request left: the connection could not be made within the connect timeout. */
    static final class NotSentException extends ConnectException {
        NotSentException(String message, Throwable cause) {
            super(message);
            if (cause != null) {
                initCause(cause);
            }
        }
    }

    /** Answers larger than this are not read (Payguru's are a few hundred bytes). */
    static final int MAX_ANSWER_BYTES = 1 << 20;

    private AtMostOnceHttp() {
    }

    static PayguruHttp.Answer exchange(URI uri, String method, Map<String, String> headers, String contentType,
            byte[] body, Duration connectTimeout, Duration readDeadline) throws IOException {
        boolean tls = "https".equalsIgnoreCase(uri.getScheme());
        if (!tls && !"http".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
            throw new NotSentException("not an http(s) URL", null);
        }
        byte[] request = request(uri, method, headers, contentType, body);
        int port = uri.getPort() > 0 ? uri.getPort() : tls ? 443 : 80;
        long connectBy = System.nanoTime() + connectTimeout.toNanos();
        Socket socket = connect(uri.getHost(), port, tls, connectBy);
        try (socket) {
            OutputStream out = socket.getOutputStream();
            // from here on the request may have reached Payguru, whatever fails
            out.write(request);
            out.flush();
            long answerBy = System.nanoTime() + readDeadline.toNanos();
            return read(new BufferedInputStream(socket.getInputStream()), socket, answerBy, "HEAD".equals(method));
        }
    }

    private static Socket connect(String host, int port, boolean tls, long connectBy) throws NotSentException {
        Socket socket = new Socket(java.net.Proxy.NO_PROXY);
        try {
            InetAddress address = InetAddress.getByName(host);
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(address, port), remainingMillis(connectBy));
            if (tls) {
                SSLSocket ssl = (SSLSocket) ((SSLSocketFactory) SSLSocketFactory.getDefault()).createSocket(socket, host,
                        port, true);
                SSLParameters p = ssl.getSSLParameters();
                p.setEndpointIdentificationAlgorithm("HTTPS");
                ssl.setSSLParameters(p);
                ssl.setSoTimeout(remainingMillis(connectBy));
                ssl.startHandshake();
                socket = ssl;
            }
            if (System.nanoTime() - connectBy > 0) {
                throw new SocketTimeoutException("connect deadline passed");
            }
            return socket;
        } catch (IOException | RuntimeException e) {
            closeQuietly(socket);
            throw new NotSentException("could not connect to Payguru (" + e.getClass().getSimpleName() + ")", e);
        }
    }

    private static byte[] request(URI uri, String method, Map<String, String> headers, String contentType,
            byte[] body) throws NotSentException {
        String target = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        StringBuilder b = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n");
        header(b, "Host", uri.getPort() > 0 ? uri.getHost() + ":" + uri.getPort() : uri.getHost());
        header(b, "Accept", PayguruHttp.JSON);
        header(b, "Connection", "close");
        for (Map.Entry<String, String> h : headers.entrySet()) {
            if (h.getValue() != null) {
                header(b, h.getKey(), h.getValue());
            }
        }
        if (body != null) {
            header(b, "Content-Type", contentType + "; charset=UTF-8");
            header(b, "Content-Length", Integer.toString(body.length));
        }
        b.append("\r\n");
        byte[] head = b.toString().getBytes(StandardCharsets.UTF_8);
        if (body == null) {
            return head;
        }
        byte[] all = new byte[head.length + body.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(body, 0, all, head.length, body.length);
        return all;
    }

    private static void header(StringBuilder b, String name, String value) throws NotSentException {
        if (!name.matches("[A-Za-z0-9-]+") || value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
            throw new NotSentException("a header name or value Payguru cannot be sent", null);
        }
        b.append(name).append(": ").append(value).append("\r\n");
    }

    private static PayguruHttp.Answer read(InputStream in, Socket socket, long answerBy, boolean head)
            throws IOException {
        Deadline d = new Deadline(in, socket, answerBy);
        while (true) {
            String statusLine = d.line();
            String[] parts = statusLine.split(" ", 3);
            if (parts.length < 2 || !parts[0].startsWith("HTTP/1.") || !parts[1].matches("\\d{3}")) {
                throw new IOException("not an HTTP answer");
            }
            int status = Integer.parseInt(parts[1]);
            long length = -1;
            boolean chunked = false;
            for (String line = d.line(); !line.isEmpty(); line = d.line()) {
                int colon = line.indexOf(':');
                String name = colon < 0 ? line : line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                String value = colon < 0 ? "" : line.substring(colon + 1).trim();
                if (name.equals("content-length")) {
                    length = Long.parseLong(value);
                } else if (name.equals("transfer-encoding") && value.toLowerCase(Locale.ROOT).contains("chunked")) {
                    chunked = true;
                }
            }
            if (status >= 100 && status < 200) {
                continue; // an interim answer (100 Continue): the real one follows
            }
            if (head || status == 204 || status == 304) {
                return new PayguruHttp.Answer(status, "");
            }
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            if (chunked) {
                for (long size = Long.parseLong(d.line().split(";")[0].trim(), 16); size > 0;
                        size = Long.parseLong(d.line().split(";")[0].trim(), 16)) {
                    d.copy(body, size);
                    d.line();
                }
                for (String trailer = d.line(); !trailer.isEmpty(); trailer = d.line()) {
                    // trailers are ignored
                }
            } else if (length >= 0) {
                d.copy(body, length);
            } else {
                d.copy(body, -1);
            }
            return new PayguruHttp.Answer(status, body.toString(StandardCharsets.UTF_8));
        }
    }

    /** Reads with what is left of one deadline as each read's timeout. */
    private record Deadline(InputStream in, Socket socket, long by) {

        int read() throws IOException {
            if (in.available() == 0) {
                socket.setSoTimeout(remainingMillis(by)); // only when the read will wait
            }
            return in.read();
        }

        String line() throws IOException {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            for (int c = read(); c != '\n'; c = read()) {
                if (c < 0) {
                    throw new EOFException("the answer ended early");
                }
                if (b.size() > 8192) {
                    throw new IOException("an answer line too long");
                }
                b.write(c);
            }
            String s = b.toString(StandardCharsets.ISO_8859_1);
            return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
        }

        /** Copies {@code length} bytes, or up to the end of the stream when it is negative. */
        void copy(ByteArrayOutputStream out, long length) throws IOException {
            byte[] buf = new byte[8192];
            long left = length;
            while (left != 0) {
                socket.setSoTimeout(remainingMillis(by));
                int n = in.read(buf, 0, (int) (left < 0 ? buf.length : Math.min(buf.length, left)));
                if (n < 0) {
                    if (length < 0) {
                        return;
                    }
                    throw new EOFException("the answer ended early");
                }
                out.write(buf, 0, n);
                if (out.size() > MAX_ANSWER_BYTES) {
                    throw new IOException("the answer is too large");
                }
                left = left < 0 ? -1 : left - n;
            }
        }
    }

    /** What is left until {@code deadline} (System.nanoTime), at least 1 ms; a passed deadline is a timeout. */
    private static int remainingMillis(long deadline) throws SocketTimeoutException {
        long ms = (deadline - System.nanoTime()) / 1_000_000;
        if (ms <= 0) {
            throw new SocketTimeoutException("Payguru did not answer in time");
        }
        return (int) Math.min(Integer.MAX_VALUE, ms);
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // nothing to do
        }
    }
}
