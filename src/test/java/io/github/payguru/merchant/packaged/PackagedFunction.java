package io.github.payguru.merchant.packaged;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * {@code target/function.zip} run the way Lambda's managed Java runtime runs it: unpacked into a
 * task root that is the working directory, the AWS Lambda Runtime Interface Client
 * ({@code AWSLambda}) as the main class on the system class path, the function's own classes and
 * {@code lib/} loaded by the client's customer class loader, the handler string and environment of
 * {@code infra/template.yaml}, and a {@link LambdaRuntimeApi} on loopback handing it events.
 */
public final class PackagedFunction implements AutoCloseable {

    static final Path ZIP = Path.of("target", "function.zip");
    static final String HANDLER = "io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler::handleRequest";
    /** The interface client and what it needs (aws-lambda-java-libs' own POM: core, serialization, utils-lite). */
    private static final List<String> RUNTIME_JARS = List.of("/aws-lambda-java-runtime-interface-client-",
            "/aws-lambda-java-core-", "/aws-lambda-java-serialization-", "/utils-lite-");
    private static final Duration INVOKE_TIMEOUT = Duration.ofSeconds(60);

    /**
     * More JVM options for the function's process (space-separated), e.g. {@code -Xlog:class+load:file=…} when
     * looking into a cold start; none by default.
     */
    static final String JVM_OPTIONS = "packaged.jvm-options";
    /** The template's {@code MemorySize} (infra/template.yaml, Globals): the memory a function's JVM sees. */
    public static final int FUNCTION_MEMORY_MB = 512;

    private final LambdaRuntimeApi runtimeApi;
    private final Process process;
    private final Path log;

    private PackagedFunction(LambdaRuntimeApi runtimeApi, Process process, Path log) {
        this.runtimeApi = runtimeApi;
        this.process = process;
        this.log = log;
    }

    /** Starts the function whose {@code QUARKUS_LAMBDA_HANDLER} is {@code handler}, with {@code environment}. */
    static PackagedFunction start(String handler, Map<String, String> environment) throws IOException {
        return start(ZIP, handler, environment);
    }

    /** The same for another Lambda artifact {@code zip} (the benchmark's empty Quarkus Lambda). */
    static PackagedFunction start(Path zip, String handler, Map<String, String> environment) throws IOException {
        Path taskRoot = unpacked(zip);
        LambdaRuntimeApi api = new LambdaRuntimeApi();
        Path log = taskRoot.resolveSibling(handler + ".log").toAbsolutePath();
        // The flags of Lambda's Java runtime, and the memory the JVM sees in a function of the template's MemorySize
        // (512 MB: heap and young generation sized as there, not from this machine's RAM); --add-opens only because
        // this JVM may be newer than the java21 runtime: jboss-threads needs it from Java 24 on
        // (src/site/markdown/local-run-and-simulator.md "Tests of the packaged artifact").
        List<String> command = new ArrayList<>(List.of(javaExecutable(), "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-XX:MaxRAM=" + FUNCTION_MEMORY_MB + "m", "-Djava.net.preferIPv4Stack=true"));
        if (Runtime.version().feature() >= 24) {
            command.add("--add-opens=java.base/java.lang=ALL-UNNAMED");
        }
        String more = System.getProperty(JVM_OPTIONS, "").strip();
        if (!more.isEmpty()) {
            command.addAll(List.of(more.split("\\s+")));
        }
        command.addAll(List.of("-cp", runtimeInterfaceClientClassPath(),
                "com.amazonaws.services.lambda.runtime.api.client.AWSLambda", HANDLER));
        ProcessBuilder builder = new ProcessBuilder(command).directory(taskRoot.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.clear();
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        env.put("AWS_LAMBDA_RUNTIME_API", api.address());
        env.put("LAMBDA_TASK_ROOT", taskRoot.toString());
        env.put("_HANDLER", HANDLER);
        env.put("AWS_LAMBDA_FUNCTION_NAME", "packaged-" + handler);
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "512");
        env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        env.put("AWS_REGION", "eu-central-1");
        env.put("AWS_DEFAULT_REGION", "eu-central-1");
        env.put("AWS_EXECUTION_ENV", "AWS_Lambda_java21");
        env.put("QUARKUS_LAMBDA_HANDLER", handler);
        env.putAll(environment);
        return new PackagedFunction(api, builder.start(), log);
    }

    /** One synchronous invocation; fails at once when the function's process has ended. */
    LambdaRuntimeApi.Answer invoke(String event) throws Exception {
        CompletableFuture<LambdaRuntimeApi.Answer> answer = runtimeApi.invoke(event);
        long deadline = System.nanoTime() + INVOKE_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                return answer.get(200, TimeUnit.MILLISECONDS);
            } catch (TimeoutException waiting) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("the packaged function ended (exit " + process.exitValue() + "):\n"
                            + output());
                }
            }
        }
        throw new IllegalStateException("no answer within " + INVOKE_TIMEOUT + ":\n" + output());
    }

    /** The function's process id (its JVM). */
    long pid() {
        return process.pid();
    }

    /** CPU time (user + system) the function's process has used so far, in milliseconds ({@code /proc/<pid>/stat}). */
    double cpuMs() throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // after "pid (comm) ": state is field 3, utime 14 and stime 15 (man 5 proc), in clock ticks of 1/100 s
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10.0;
    }

    /** Whether the function's JVM has loaded class {@code name} ({@code jcmd VM.class_hierarchy}). */
    boolean hasLoaded(String name) throws IOException, InterruptedException {
        String hierarchy = jcmd("VM.class_hierarchy");
        if (!hierarchy.contains("java.lang.Object")) {
            throw new IllegalStateException("no class hierarchy from jcmd " + process.pid() + ":\n" + hierarchy);
        }
        return hierarchy.lines().anyMatch(l -> l.matches(".*[-|]" + Pattern.quote(name) + "([/ ].*)?"));
    }

    private String jcmd(String command) throws IOException, InterruptedException {
        Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(process.pid()), command).redirectErrorStream(true).start();
        String out = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        jcmd.waitFor(30, TimeUnit.SECONDS);
        return out;
    }

    /** Classes the function's JVM has loaded so far (its performance counters, read with {@code jcmd}). */
    long loadedClasses() throws IOException, InterruptedException {
        String out = jcmd("PerfCounter.print");
        long loaded = 0;
        for (String line : out.lines().toList()) {
            // java.cls.loadedClasses, java.cls.sharedLoadedClasses (from the CDS archive), minus the unloaded
            if (line.matches("java\\.cls\\.(shared)?(Loaded|loaded|Unloaded|unloaded)Classes=\\d+")) {
                long n = Long.parseLong(line.substring(line.indexOf('=') + 1));
                loaded += line.toLowerCase(Locale.ROOT).contains("unloaded") ? -n : n;
            }
        }
        if (loaded == 0) {
            throw new IllegalStateException("no class counters from jcmd " + process.pid() + ":\n" + out);
        }
        return loaded;
    }

    String output() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        runtimeApi.close();
    }

    /** {@code zip} unpacked into {@code packaged-function/task} beside it (again when the zip is newer). */
    private static synchronized Path unpacked(Path artifact) throws IOException {
        Path root = artifact.resolveSibling("packaged-function").resolve("task").toAbsolutePath();
        if (!Files.isRegularFile(artifact)) {
            throw new IllegalStateException(artifact + " is missing: the packaged-artifact tests run after ./mvnw package");
        }
        if (Files.isDirectory(root) && Files.getLastModifiedTime(root).compareTo(Files.getLastModifiedTime(artifact)) >= 0) {
            return root;
        }
        deleteTree(root);
        Files.createDirectories(root);
        try (InputStream in = Files.newInputStream(artifact); ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry entry; (entry = zip.getNextEntry()) != null;) {
                Path target = root.resolve(entry.getName()).normalize();
                if (!target.startsWith(root)) {
                    throw new IOException("zip entry outside the task root: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(zip, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        return root;
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** The runtime side only: the interface client and its libraries, as Lambda's runtime has them. */
    private static String runtimeInterfaceClientClassPath() {
        List<String> jars = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(p -> RUNTIME_JARS.stream().anyMatch(p::contains))
                .collect(Collectors.toList());
        if (jars.stream().noneMatch(p -> p.contains("aws-lambda-java-runtime-interface-client"))) {
            throw new IllegalStateException("the AWS Lambda Runtime Interface Client is not on the test class path");
        }
        return String.join(File.pathSeparator, jars);
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
