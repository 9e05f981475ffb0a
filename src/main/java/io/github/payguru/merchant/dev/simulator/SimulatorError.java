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

    public int httpStatus() {
        return httpStatus;
    }

    public String code() {
        return code;
    }
}
