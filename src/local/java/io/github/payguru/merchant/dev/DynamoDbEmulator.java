package io.github.payguru.merchant.dev;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The local DynamoDB of the dev run and the tests: moto's server (Apache-2.0) started as a child
 * process by {@code src/dev/dynamodb-emulator.py}, serialized behind one lock, on a free port.
 * Dev and test only; AWS has the real table.
 *
 * <p>One emulator per JVM, started on first use. It ends with this JVM however the JVM ends: a
 * shutdown hook stops it, and the launcher also exits when its standard input (held by this JVM)
 * closes or its parent process is gone, so a killed build leaves no process behind.
 */
public final class DynamoDbEmulator {

    /** Where the launcher lives; both Maven and the IDE run from the project directory. */
    public static final String SCRIPT_PROPERTY = "dynamodb-emulator.script";
    /** The Python interpreter (default {@code python3} on the PATH). */
    public static final String PYTHON_PROPERTY = "dynamodb-emulator.python";
    /** Survives a dev-mode live reload (a new class loader), so the same emulator and its data are kept. */
    public static final String ENDPOINT_PROPERTY = "dynamodb-emulator.endpoint";
    static final String INSTALL = "python3 -m pip install 'moto[server]'";

    private static DynamoDbEmulator shared;

    private final Process process;
    private final String endpoint;

    private DynamoDbEmulator(Process process, String endpoint) {
        this.process = process;
        this.endpoint = endpoint;
    }

    /** The JVM-wide emulator on a free port, started on first call. */
    public static String sharedEndpoint() {
        return sharedEndpoint(0);
    }

    /** The JVM-wide emulator on {@code port} (0: a free one), started on first call. */
    public static synchronized String sharedEndpoint(int port) {
        String running = System.getProperty(ENDPOINT_PROPERTY);
        if (running != null) {
            return running;
        }
        if (shared == null) {
            shared = start(port);
            System.setProperty(ENDPOINT_PROPERTY, shared.endpoint);
        }
        return shared.endpoint;
    }

    /** Starts an emulator on {@code port} (0: a free one) and waits until it listens. */
    public static DynamoDbEmulator start(int port) {
        Path script = script();
        List<String> command = List.of(System.getProperty(PYTHON_PROPERTY, "python3"), script.toString(), "--port", Integer.toString(port),
                "--parent-pid", Long.toString(ProcessHandle.current().pid()));
        Path errors = errorLog();
        Process process;
        try {
            process = new ProcessBuilder(command).redirectError(errors.toFile()).start();
        } catch (IOException e) {
            throw new EmulatorMissing("The local DynamoDB emulator needs Python 3 with moto's server: install python3, then run "
                    + INSTALL);
        }
        DynamoDbEmulator emulator = new DynamoDbEmulator(process, awaitListening(process, errors));
        Runtime.getRuntime().addShutdownHook(new Thread(emulator::stop, "dynamodb-emulator-stop"));
        return emulator;
    }

    public String endpoint() {
        return endpoint;
    }

    /** The launcher's process id. */
    public long pid() {
        return process.pid();
    }

    public void stop() {
        process.destroy();
        try {
            if (!process.waitFor(3, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port", e);
        }
    }

    private static Path script() {
        Path script = Path.of(System.getProperty(SCRIPT_PROPERTY, "src/dev/dynamodb-emulator.py")).toAbsolutePath();
        if (!Files.isRegularFile(script)) {
            throw new EmulatorMissing("The local DynamoDB emulator launcher is not at " + script
                    + ": run from the project directory or set -D" + SCRIPT_PROPERTY);
        }
        return script;
    }

    /** The launcher's stderr goes to a file: a pipe nobody drains could block it. */
    private static Path errorLog() {
        try {
            Path target = Path.of("target");
            return Files.isDirectory(target) ? target.resolve("dynamodb-emulator.log")
                    : Files.createTempFile("dynamodb-emulator", ".log");
        } catch (IOException e) {
            throw new IllegalStateException("cannot create the emulator's log file", e);
        }
    }

    private static String awaitListening(Process process, Path errors) {
        CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> firstLine(process));
        try {
            String line = first.get(60, TimeUnit.SECONDS);
            if (line != null && line.startsWith("listening ")) {
                return line.substring("listening ".length()).trim();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // reported below with what the launcher said
        }
        process.destroyForcibly();
        throw new EmulatorMissing(errorText(process, errors));
    }

    private static String firstLine(Process process) {
        try {
            return new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)).readLine();
        } catch (IOException e) {
            return null;
        }
    }

    private static String errorText(Process process, Path errors) {
        try {
            process.waitFor(5, TimeUnit.SECONDS);
            String said = Files.readString(errors, StandardCharsets.UTF_8).strip();
            return said.isEmpty() ? "The local DynamoDB emulator did not start; is moto installed? " + INSTALL : said;
        } catch (IOException | InterruptedException e) {
            return "The local DynamoDB emulator did not start: " + e.getMessage();
        }
    }

    /** A missing or broken emulator: one line that says what to install, no stack trace. */
    public static final class EmulatorMissing extends RuntimeException {
        private static final long serialVersionUID = 1L;

        EmulatorMissing(String message) {
            super(message, null, false, false);
        }
    }
}
