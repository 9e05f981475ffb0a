package io.github.payguru.merchant.support;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Collects every formatted log line written while it is open (all categories). */
public final class LogCapture extends Handler implements AutoCloseable {

    private final List<String> lines = new CopyOnWriteArrayList<>();

    public static LogCapture open() {
        LogCapture c = new LogCapture();
        Logger.getLogger("").addHandler(c);
        return c;
    }

    @Override
    public void publish(LogRecord record) {
        String msg = record instanceof org.jboss.logmanager.ExtLogRecord ext ? ext.getFormattedMessage()
                : record.getMessage();
        String context = record instanceof org.jboss.logmanager.ExtLogRecord ext && !ext.getMdcCopy().isEmpty()
                ? " " + new java.util.TreeMap<>(ext.getMdcCopy()) : "";
        lines.add(record.getLoggerName() + " " + msg + (record.getThrown() == null ? "" : " " + record.getThrown())
                + context);
    }

    public List<String> lines() {
        return lines;
    }

    public String all() {
        return String.join("\n", lines);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        Logger.getLogger("").removeHandler(this);
    }
}
