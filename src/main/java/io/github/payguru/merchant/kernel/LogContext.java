package io.github.payguru.merchant.kernel;

/**
 * Names in the logging context (MDC) that a request's one summary line and its metrics read: a use case says
 * there what happened, the runner that wraps every request reports it.
 */
public final class LogContext {

    /** What became of the request: {@code applied}, {@code duplicate}, {@code stale}, {@code conflict}, {@code rejected}. */
    public static final String OUTCOME = "outcome";

    private LogContext() {
    }
}
