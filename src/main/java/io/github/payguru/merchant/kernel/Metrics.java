package io.github.payguru.merchant.kernel;

import java.time.Clock;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * CloudWatch metrics as Embedded Metric Format lines, one JSON object per line, written straight to standard
 * output (not through the logger, whose JSON wrapping would hide them from CloudWatch). Dimension values are
 * our own names (function, outcome, operation, line), reduced to a safe alphabet and length so that nothing
 * received can add a dimension value or break the line.
 */
public final class Metrics {

    public enum Unit {
        COUNT("Count"), MILLISECONDS("Milliseconds");

        final String wire;

        Unit(String wire) {
            this.wire = wire;
        }
    }

    private static final Pattern UNSAFE = Pattern.compile("[^A-Za-z0-9_.:-]");
    private static final int MAX_VALUE = 64;

    private final String namespace;
    private final Clock clock;
    private final Consumer<String> out;

    /** @param out where each line goes: standard output in a function */
    public Metrics(String namespace, Clock clock, Consumer<String> out) {
        this.namespace = safe(namespace);
        this.clock = clock;
        this.out = out;
    }

    /** One measured value. */
    public record Measure(String name, Unit unit, long value) {

        public static Measure count(String name) {
            return new Measure(name, Unit.COUNT, 1);
        }

        public static Measure millis(String name, long value) {
            return new Measure(name, Unit.MILLISECONDS, value);
        }
    }

    /** Counts one of {@code metric} under these dimensions. */
    public void count(String metric, Map<String, String> dimensions) {
        emit(dimensions, Measure.count(metric));
    }

    /** One line: these measures under these dimensions. */
    public void emit(Map<String, String> dimensions, Measure... measures) {
        Map<String, String> dims = new TreeMap<>();
        dimensions.forEach((k, v) -> dims.put(safe(k), v == null ? "none" : safe(v)));
        StringBuilder b = new StringBuilder(256).append("{\"_aws\":{\"Timestamp\":").append(clock.millis())
                .append(",\"CloudWatchMetrics\":[{\"Namespace\":\"").append(namespace).append("\",\"Dimensions\":[[");
        b.append(String.join(",", dims.keySet().stream().map(k -> '"' + k + '"').toList())).append("]],\"Metrics\":[");
        b.append(String.join(",", Arrays.stream(measures)
                .map(m -> "{\"Name\":\"" + safe(m.name()) + "\",\"Unit\":\"" + m.unit().wire + "\"}").toList()));
        b.append("]}]}");
        dims.forEach((k, v) -> b.append(",\"").append(k).append("\":\"").append(v).append('"'));
        for (Measure m : measures) {
            b.append(",\"").append(safe(m.name())).append("\":").append(m.value());
        }
        out.accept(b.append('}').toString());
    }

    static String safe(String s) {
        String v = UNSAFE.matcher(s == null ? "" : s).replaceAll("_");
        return v.isEmpty() ? "none" : v.length() > MAX_VALUE ? v.substring(0, MAX_VALUE) : v;
    }
}
