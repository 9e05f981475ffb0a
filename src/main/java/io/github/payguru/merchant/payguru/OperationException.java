package io.github.payguru.merchant.payguru;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An operation that cannot give its caller what was asked, with the HTTP status and the JSON error
 * ({@code {"error":{"code","message","source"}}}) it answers. The message is safe to return and to log:
 * it never holds a secret or personal value.
 */
public class OperationException extends RuntimeException {

    /** Where the refusal comes from: Payguru's answer, our own shared rate limit, or the configuration. */
    public static final String PAYGURU = "payguru";
    public static final String RATE_LIMIT = "rate-limit";
    public static final String CONFIG = "config";
    public static final String VALIDATION = "validation";
    public static final String STATE = "state";

    private final int status;
    private final String code;
    private final String source;
    private final transient ObjectNode details;

    public OperationException(int status, String code, String message, String source, ObjectNode details) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.source = source;
        this.details = details;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String source() {
        return source;
    }

    /** Extra members of the answer beside {@code error} (e.g. the state found after a timed-out refund), or null. */
    public ObjectNode details() {
        return details;
    }
}
