package io.github.payguru.merchant.dev.simulator;

/**
 * A refusal of the simulated platform: the HTTP status and the code it puts in its body
 * (MP {@code resultCode}, PHS {@code status}).
 */
public class SimulatorError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int httpStatus;
    private final String code;

    public SimulatorError(int httpStatus, String code, String message) {
        super(message, null, false, false);
        this.httpStatus = httpStatus;
        this.code = code;
    }

    /** A PHS API error as Payguru answers it: HTTP 200, the {@code ERR_0xx} status and its documented message. */
    static SimulatorError phs(String code) {
        return new SimulatorError(200, code, null);
    }

    public int httpStatus() {
        return httpStatus;
    }

    public String code() {
        return code;
    }
}
