package io.github.payguru.merchant.store;

/** DynamoDB could not be reached or refused the write: the caller answers non-OK so Payguru resends. */
public class StorageException extends RuntimeException {

    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
