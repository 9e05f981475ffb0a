package io.github.payguru.merchant.local;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;

/**
 * DynamoDB Local running inside this JVM (no Docker, no AWS account), in memory. Dev and test
 * only: its library is a {@code provided} dependency, never packaged into the Lambda artifact.
 */
public final class EmbeddedDynamoDb implements AutoCloseable {

    private static final String SQLITE_PATH = "sqlite4java.library.path";

    private final DynamoDBProxyServer server;
    private final int port;

    private EmbeddedDynamoDb(DynamoDBProxyServer server, int port) {
        this.server = server;
        this.port = port;
    }

    /** Starts an in-memory DynamoDB Local on {@code port} (0 picks a free one). */
    public static EmbeddedDynamoDb start(int port) {
        ensureSqliteLibrary();
        int chosen = port == 0 ? freePort() : port;
        try {
            DynamoDBProxyServer server = ServerRunner.createServerFromCommandLineArgs(
                    new String[] { "-inMemory", "-sharedDb", "-port", Integer.toString(chosen) });
            server.start();
            return new EmbeddedDynamoDb(server, chosen);
        } catch (Exception e) {
            throw new IllegalStateException("DynamoDB Local did not start on port " + chosen + ": " + e.getMessage(), e);
        }
    }

    public int port() {
        return port;
    }

    public String endpoint() {
        return "http://localhost:" + port;
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            // already stopped
        }
    }

    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port", e);
        }
    }

    /** The pom points the property at sqlite4java's native library in the local Maven repository. */
    private static void ensureSqliteLibrary() {
        if (System.getProperty(SQLITE_PATH) == null) {
            Path fallback = Path.of(System.getProperty("user.home"), ".m2", "repository", "com", "almworks",
                    "sqlite4java", "libsqlite4java-linux-amd64", "1.0.392");
            System.setProperty(SQLITE_PATH, fallback.toString());
        }
        if (!Files.isDirectory(Path.of(System.getProperty(SQLITE_PATH)))) {
            throw new IllegalStateException("sqlite4java native library not found in " + System.getProperty(SQLITE_PATH)
                    + ": run through ./mvnw, which resolves it");
        }
    }
}
