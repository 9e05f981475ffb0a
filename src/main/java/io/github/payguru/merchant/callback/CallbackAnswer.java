package io.github.payguru.merchant.callback;

/**
 * What a callback answers Payguru: status, content type and exact body. Fixed per callback and outcome, so that a
 * duplicate gets exactly the first answer; kept on a rejection record.
 */
public record CallbackAnswer(int status, String contentType, String body) {

    public static final String TEXT = "text/plain; charset=utf-8";
    public static final String JSON = "application/json; charset=utf-8";

    public static CallbackAnswer text(int status, String body) {
        return new CallbackAnswer(status, TEXT, body);
    }

    public static CallbackAnswer json(int status, String body) {
        return new CallbackAnswer(status, JSON, body);
    }
}
