package io.github.payguru.merchant.packaged;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The Lambda Runtime API (the one Lambda serves to a function's runtime on
 * {@code AWS_LAMBDA_RUNTIME_API}) on loopback: the AWS Lambda Runtime Interface Client in the
 * packaged function asks {@code GET /2018-06-01/runtime/invocation/next} for an event and posts the
 * answer to {@code …/invocation/{id}/response} or {@code …/error}. {@link #invoke} hands it one event
 * and waits for that answer, as one synchronous Lambda invocation.
 */
final class LambdaRuntimeApi implements AutoCloseable {

    private static final String BASE = "/2018-06-01/runtime/";

    private final HttpServer server;
    private final BlockingQueue<Invocation> pending = new LinkedBlockingQueue<>();
    private final Map<String, CompletableFuture<Answer>> answers = new ConcurrentHashMap<>();
    private final CompletableFuture<String> initError = new CompletableFuture<>();

    record Invocation(String id, String event) {
    }

    /** What the function answered: its payload, or the error it reported. */
    record Answer(boolean error, String body) {
    }

    LambdaRuntimeApi() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "lambda-runtime-api");
            t.setDaemon(true);
            return t;
        }));
        server.createContext(BASE, this::handle);
        server.start();
    }

    /** The value of {@code AWS_LAMBDA_RUNTIME_API}. */
    String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** Queues one event; the future completes with the function's answer, or with its init error. */
    CompletableFuture<Answer> invoke(String event) {
        String id = UUID.randomUUID().toString();
        CompletableFuture<Answer> answer = new CompletableFuture<>();
        answers.put(id, answer);
        pending.add(new Invocation(id, event));
        return CompletableFuture.anyOf(answer, initError.thenApply(e -> new Answer(true, "init error: " + e)))
                .thenApply(Answer.class::cast).whenComplete((a, e) -> answers.remove(id));
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath().substring(BASE.length());
        try (exchange) {
            if (path.equals("invocation/next") && "GET".equals(exchange.getRequestMethod())) {
                next(exchange);
            } else if (path.startsWith("invocation/") && path.endsWith("/response")) {
                complete(exchange, path, false);
            } else if (path.startsWith("invocation/") && path.endsWith("/error")) {
                complete(exchange, path, true);
            } else if (path.equals("restore/next") && "GET".equals(exchange.getRequestMethod())) {
                // a SnapStart initialization (AWS_LAMBDA_INITIALIZATION_TYPE=snap-start): the snapshot would be taken
                // here; Lambda answers once the function is restored, this stand-in at once
                reply(exchange, 200, "");
            } else if (path.equals("init/error")) {
                initError.complete(read(exchange.getRequestBody()));
                reply(exchange, 202, "{}");
            } else {
                reply(exchange, 404, "{\"errorMessage\":\"unknown runtime API path\"}");
            }
        }
    }

    private void next(HttpExchange exchange) throws IOException {
        Invocation invocation;
        try {
            invocation = pending.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        exchange.getResponseHeaders().add("Lambda-Runtime-Aws-Request-Id", invocation.id());
        exchange.getResponseHeaders().add("Lambda-Runtime-Deadline-Ms",
                Long.toString(System.currentTimeMillis() + Duration.ofSeconds(15).toMillis()));
        exchange.getResponseHeaders().add("Lambda-Runtime-Invoked-Function-Arn",
                "arn:aws:lambda:eu-central-1:123456789012:function:packaged-test");
        exchange.getResponseHeaders().add("Lambda-Runtime-Trace-Id", "Root=1-00000000-000000000000000000000000");
        reply(exchange, 200, invocation.event());
    }

    private void complete(HttpExchange exchange, String path, boolean error) throws IOException {
        String id = path.substring("invocation/".length(), path.lastIndexOf('/'));
        String body = read(exchange.getRequestBody());
        CompletableFuture<Answer> answer = answers.get(id);
        if (answer != null) {
            answer.complete(new Answer(error, body));
        }
        reply(exchange, 202, "{\"status\":\"OK\"}");
    }

    private static String read(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
