package io.github.payguru.merchant.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A Payguru stand-in on loopback (a raw {@link ServerSocket} on 127.0.0.1) that records every request it reads
 * in full and misbehaves per request as told: it resets before reading, or reads and <em>carries the request
 * out</em> (the handler runs: Payguru did it) and then resets, closes without an answer, sends the headers only,
 * half the body, or answers after a delay — or answers well, keeping the connection alive unless the client
 * asked to close. A refused connection is a port nobody listens on ({@link #deadPort()}).
 */
public final class PayguruStandIn implements AutoCloseable {

    /** What happens to the next request (one fault per request read, or per connection for a reset before reading). */
    public enum Fault {
        GOOD, RESET_BEFORE_READ, RESET_AFTER, CLOSE_AFTER, HEADERS_ONLY, HALF_BODY, DELAY
    }

    /** An answer: HTTP status and JSON body. */
    public record Reply(int status, String body) {
    }

    private final ServerSocket server;
    private final int deadPort;
    private final Function<String, Reply> handler;
    private final Deque<Fault> faults = new ArrayDeque<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private volatile long delayMillis = 300;
    private volatile boolean closed;

    /** @param handler request target ({@code /mp/transaction/refund/…}) to the answer; it runs when a request is read */
    public PayguruStandIn(Function<String, Reply> handler) throws IOException {
        this.handler = handler;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            this.deadPort = s.getLocalPort();
        }
        Thread.ofVirtual().name("payguru-stand-in").start(this::acceptLoop);
    }

    public String base() {
        return "http://127.0.0.1:" + server.getLocalPort() + "/mp";
    }

    /** A loopback port nobody listens on: connecting is refused. */
    public int deadPort() {
        return deadPort;
    }

    public String deadBase() {
        return "http://127.0.0.1:" + deadPort + "/mp";
    }

    public PayguruStandIn delay(long millis) {
        this.delayMillis = millis;
        return this;
    }

    public synchronized PayguruStandIn then(Fault... next) {
        faults.addAll(List.of(next));
        return this;
    }

    public synchronized void clearFaults() {
        faults.clear();
    }

    /** Request targets read in full (each one carried out), in arrival order. */
    public List<String> requests() {
        return requests;
    }

    public long count(String targetPrefix) {
        return requests.stream().filter(r -> r.startsWith(targetPrefix)).count();
    }

    public int connections() {
        return connections.get();
    }

    /** Stops listening: a later connect is refused. */
    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
    }

    private synchronized Fault nextFault() {
        Fault f = faults.poll();
        return f == null ? Fault.GOOD : f;
    }

    private synchronized boolean resetBeforeReadIsNext() {
        if (faults.peek() == Fault.RESET_BEFORE_READ) {
            faults.poll();
            return true;
        }
        return false;
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket s = server.accept();
                connections.incrementAndGet();
                Thread.ofVirtual().start(() -> serve(s));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        try (s) {
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            while (true) {
                if (resetBeforeReadIsNext()) {
                    reset(s);
                    return;
                }
                String head = readHead(in);
                if (head == null) {
                    return;
                }
                String[] first = head.split("\r\n", 2)[0].split(" ");
                String target = first.length > 1 ? first[1] : "";
                boolean close = head.toLowerCase(Locale.ROOT).contains("\r\nconnection: close");
                Fault f = nextFault();
                requests.add(target);
                Reply reply = handler.apply(target); // carried out: whatever happens to the answer
                byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
                byte[] headers = ("HTTP/1.1 " + reply.status() + " X\r\nContent-Type: application/json\r\nContent-Length: "
                        + body.length + "\r\n" + (close ? "Connection: close\r\n" : "") + "\r\n")
                        .getBytes(StandardCharsets.US_ASCII);
                switch (f) {
                    case RESET_AFTER -> {
                        reset(s);
                        return;
                    }
                    case CLOSE_AFTER -> {
                        return;
                    }
                    case HEADERS_ONLY -> {
                        out.write(headers);
                        out.flush();
                        return;
                    }
                    case HALF_BODY -> {
                        out.write(headers);
                        out.write(body, 0, body.length / 2);
                        out.flush();
                        return;
                    }
                    case DELAY -> {
                        Thread.sleep(delayMillis);
                        out.write(headers);
                        out.write(body);
                        out.flush();
                        return;
                    }
                    default -> {
                        out.write(headers);
                        out.write(body);
                        out.flush();
                        if (close) {
                            return;
                        }
                    }
                }
            }
        } catch (IOException e) {
            // the client went away
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void reset(Socket s) throws IOException {
        s.setSoLinger(true, 0); // close with RST
        s.close();
    }

    /** The request line and headers (a GET has no body), or null at the end of the stream. */
    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int matched = 0;
        int c;
        while ((c = in.read()) != -1) {
            b.write(c);
            matched = (c == '\r' && matched % 2 == 0) || (c == '\n' && matched % 2 == 1) ? matched + 1 : c == '\r' ? 1 : 0;
            if (matched == 4) {
                return b.toString(StandardCharsets.US_ASCII);
            }
        }
        return null;
    }
}
