package io.github.payguru.merchant.kernel;

/**
 * A request that cannot be accepted as sent. The message is safe to return to the caller:
 * it names the field and the problem, never a secret or personal value.
 */
public class BadRequestException extends RuntimeException {

    private final int status;

    public BadRequestException(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    public BadRequestException(String message) {
        this(400, message);
    }

    public int status() {
        return status;
    }
}
