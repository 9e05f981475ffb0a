package io.github.payguru.merchant.dev;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * The launcher's promises (src/site/markdown/local-run-and-simulator.md "Local DynamoDB"): it ends with the JVM that
 * started it even when
 * that JVM is killed, and a missing Python or moto is one line naming the install command.
 */
class DynamoDbEmulatorTest {

    /** Run in a child JVM: starts an emulator, prints its pid, waits to be killed. */
    public static final class Holder {
        public static void main(String[] args) throws InterruptedException {
            DynamoDbEmulator emulator = DynamoDbEmulator.start(0);
            System.out.println("emulator-pid " + emulator.pid());
            System.out.flush();
            Thread.sleep(60_000);
        }
    }

    @Test
    void aKilledJvmLeavesNoEmulatorBehind() throws Exception {
        Process jvm = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "-D" + DynamoDbEmulator.SCRIPT_PROPERTY + "=" + System.getProperty(DynamoDbEmulator.SCRIPT_PROPERTY,
                        "src/dev/dynamodb-emulator.py"),
                Holder.class.getName()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        long pid;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(jvm.getInputStream(), StandardCharsets.UTF_8))) {
            String line = out.readLine();
            assertTrue(line != null && line.startsWith("emulator-pid "), "the child JVM said: " + line);
            pid = Long.parseLong(line.substring("emulator-pid ".length()));
        }
        Optional<ProcessHandle> emulator = ProcessHandle.of(pid);
        assertTrue(emulator.isPresent() && emulator.get().isAlive(), "the emulator runs while its JVM does");

        jvm.destroyForcibly(); // SIGKILL: no shutdown hook runs
        assertTrue(jvm.waitFor(10, TimeUnit.SECONDS));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (emulator.get().isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertFalse(emulator.get().isAlive(), "emulator " + pid + " outlived the JVM that was killed");
    }

    @Test
    void noPythonIsOneLineNamingTheInstall() {
        String before = System.getProperty(DynamoDbEmulator.PYTHON_PROPERTY);
        System.setProperty(DynamoDbEmulator.PYTHON_PROPERTY, "/nonexistent/python3");
        try {
            DynamoDbEmulator.EmulatorMissing e = assertThrows(DynamoDbEmulator.EmulatorMissing.class,
                    () -> DynamoDbEmulator.start(0));
            assertFalse(e.getMessage().contains("\n"), e.getMessage());
            assertTrue(e.getMessage().contains("python3 -m pip install 'moto[server]'"), e.getMessage());
            assertEquals(0, e.getStackTrace().length, "no stack trace");
        } finally {
            if (before == null) {
                System.clearProperty(DynamoDbEmulator.PYTHON_PROPERTY);
            } else {
                System.setProperty(DynamoDbEmulator.PYTHON_PROPERTY, before);
            }
        }
    }

    @Test
    void noMotoIsOneLineNamingTheInstall() throws Exception {
        // python3 -S: without site-packages, so moto cannot be imported, as on a machine without it
        Process check = new ProcessBuilder(List.of("python3", "-S", script(), "--check")).start();
        String err = new String(check.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(3, check.waitFor());
        assertFalse(err.contains("\n"), err);
        assertTrue(err.contains("python3 -m pip install 'moto[server]'"), err);
    }

    private static String script() {
        return new File(System.getProperty(DynamoDbEmulator.SCRIPT_PROPERTY, "src/dev/dynamodb-emulator.py")).getPath();
    }
}
